import type { MenuCommand } from '../platform/host';

/** Keyboard shortcuts: one table, used by the key handler and listed in the help dialog. */
export interface Shortcut { keys: string; command: MenuCommand | 'edit:objective' | 'edit:escape'; label: string }

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+N', command: 'file:new', label: 'New graph' },
  { keys: 'Ctrl+O', command: 'file:open', label: 'Open a file' },
  { keys: 'Ctrl+S', command: 'file:save', label: 'Save (download in a browser)' },
  { keys: 'Ctrl+Shift+S', command: 'file:saveAs', label: 'Save as' },
  { keys: 'Ctrl+Z', command: 'edit:undo', label: 'Undo' },
  { keys: 'Ctrl+Shift+Z', command: 'edit:redo', label: 'Redo' },
  { keys: 'Ctrl+Y', command: 'edit:redo', label: 'Redo' },
  { keys: 'Ctrl+C', command: 'edit:copy', label: 'Copy the selected nodes' },
  { keys: 'Ctrl+X', command: 'edit:cut', label: 'Cut the selected nodes' },
  { keys: 'Ctrl+V', command: 'edit:paste', label: 'Paste (wires between pasted nodes are kept)' },
  { keys: 'Ctrl+D', command: 'edit:duplicate', label: 'Duplicate the selection' },
  { keys: 'Ctrl+A', command: 'edit:selectAll', label: 'Select every node' },
  { keys: 'Delete', command: 'edit:delete', label: 'Delete the selection' },
  { keys: 'Backspace', command: 'edit:delete', label: 'Delete the selection' },
  { keys: 'B', command: 'edit:objective', label: 'Backward from the selected node (make it the objective)' },
  { keys: 'Escape', command: 'edit:escape', label: 'Clear the selection, close dialogs' },
  { keys: 'Ctrl+=', command: 'view:zoomIn', label: 'Zoom in' },
  { keys: 'Ctrl+-', command: 'view:zoomOut', label: 'Zoom out' },
  { keys: 'F', command: 'view:fitView', label: 'Fit the graph in view' },
  { keys: 'L', command: 'view:autoLayout', label: 'Arrange automatically (left to right)' },
  { keys: 'M', command: 'view:toggleMinimap', label: 'Show or hide the minimap' },
  { keys: 'P', command: 'view:togglePresentation', label: 'Presentation mode (large text)' },
  { keys: 'R', command: 'view:toggleTraining', label: 'Training panel (run the model) or the details' },
  { keys: 'T', command: 'view:toggleTheme', label: 'Light or dark theme' },
  { keys: '?', command: 'help:shortcuts', label: 'This list' },
];

/** Extra keys that are not listed: arrows move selected nodes, Tab walks nodes, Enter selects (React Flow's). */
export const NAVIGATION_NOTES = [
  'Tab / Shift+Tab: move focus between nodes and controls; Enter or Space selects the focused node.',
  'Arrow keys: move the selected nodes (each press is one undo step).',
  'Shift+drag on the canvas: select a box of nodes; Ctrl+click adds to the selection.',
];

/** The command for a key press, or null. Plain letters only count when focus is not in a text field. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, inField: boolean): Shortcut['command'] | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (e.altKey) return null;
  let name = (mod ? 'Ctrl+' : '') + (e.shiftKey && (mod || key.length > 1) ? 'Shift+' : '') + key;
  if (name === 'Ctrl++' || name === 'Ctrl+Shift+=' || name === 'Ctrl+Shift++') name = 'Ctrl+=';
  if (name === 'Ctrl+_' || name === 'Ctrl+Shift+_') name = 'Ctrl+-';
  if (inField && (!mod || ['Ctrl+C', 'Ctrl+X', 'Ctrl+V', 'Ctrl+A', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y'].includes(name))) return null;
  return SHORTCUTS.find((s) => s.keys === name)?.command ?? null;
}
