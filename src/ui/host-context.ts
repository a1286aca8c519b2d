import { createContext, useContext } from 'react';
import type { Host } from '../platform/host';

export const HostContext = createContext<Host | null>(null);

export function useHost(): Host {
  const h = useContext(HostContext);
  if (!h) throw new Error('useHost needs a <HostContext.Provider>');
  return h;
}
