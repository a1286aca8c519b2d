import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditorApi } from '../store/context';
import { runCommand } from './commands';
import { useHost } from './host-context';
import type { Shortcut } from './shortcuts';

/** A function that runs a command with the store, the host and the canvas. */
export function useCommand(): (command: Shortcut['command']) => void {
  const store = useEditorApi();
  const host = useHost();
  const flow = useReactFlow();
  return useCallback((command) => {
    runCommand(command, { store, host, flow }).catch((err: unknown) => {
      store.getState().setUi({ refusal: `${command} failed: ${(err as Error).message}` });
    });
  }, [store, host, flow]);
}
