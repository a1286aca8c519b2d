import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/platform/host';
import { displayName } from './argv';
import { APP_NAME } from './window-title';

/** Commands main carries out itself; everything else is a `MenuCommand` sent to the focused window's renderer. */
export const SHELL_COMMANDS = ['file:openRecent', 'file:clearRecent', 'window:close', 'app:quit', 'window:toggleDevTools'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];
export type AnyCommand = MenuCommand | ShellCommand;

export function isShellCommand(command: AnyCommand): command is ShellCommand {
  return (SHELL_COMMANDS as readonly string[]).includes(command);
}

/** Roles Electron implements natively (macOS app menu and Window menu only). */
export type NativeRole = 'services' | 'hide' | 'hideOthers' | 'unhide' | 'windowMenu' | 'front' | 'minimize' | 'zoom';

/** One menu entry as data: exactly one of `command`, `role`, `submenu`, or a separator. */
export type MenuSpec =
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; submenu: MenuSpec[]; role?: 'appMenu' | 'help' }
  | {
      kind: 'command';
      label: string;
      command: AnyCommand;
      /** A path for `file:openRecent`. */
      arg?: string;
      accelerator?: string;
      /**
       * Shown but not registered (Windows, Linux): keys that text fields need (Delete, plain letters) and that the
       * renderer handles itself outside them, as it does in the browser.
       */
      displayOnly?: boolean;
      /**
       * macOS only: carried out by Electron's role instead of a click. On macOS, ⌘C, ⌘V, ⌘Z… reach text fields only
       * through the Edit menu's roles; the renderer handles the same keys on the canvas before the menu sees them.
       */
      nativeRole?: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'delete';
      enabled?: boolean;
    }
  | { kind: 'role'; label?: string; role: NativeRole };

export type Platform = 'darwin' | 'win32' | 'linux';

/** What the menu depends on besides the platform. */
export interface MenuState {
  recentFiles: readonly string[];
  /** Development builds get Toggle Developer Tools; packaged ones do not. */
  devTools: boolean;
}

const sep: MenuSpec = { kind: 'separator' };

function cmd(label: string, command: AnyCommand, accelerator?: string, extra: Partial<Extract<MenuSpec, { kind: 'command' }>> = {}): MenuSpec {
  return { kind: 'command', label, command, ...(accelerator ? { accelerator } : {}), ...extra };
}

/**
 * The application menu as plain data for `platform`. Accelerators follow each platform's habits: macOS has the app
 * menu (About, Services, Hide, Quit ⌘Q) and redoes with ⇧⌘Z; Windows redoes with Ctrl+Y and exits from File
 * (Alt+F4 is the system's); Linux redoes with Ctrl+Shift+Z and quits with Ctrl+Q. The keys shown are the ones the
 * renderer's own shortcut table handles (src/ui/shortcuts.ts), so a key works the same from the menu and the canvas.
 */
export function buildMenu(platform: Platform, state: MenuState): MenuSpec[] {
  const mac = platform === 'darwin';
  const recent: MenuSpec[] = [
    ...state.recentFiles.map((file) => cmd(displayName(file), 'file:openRecent', undefined, { arg: file })),
    ...(state.recentFiles.length ? [sep] : []),
    cmd(mac ? 'Clear Menu' : 'Clear Recent Files', 'file:clearRecent', undefined, { enabled: state.recentFiles.length > 0 }),
  ];

  const file: MenuSpec = {
    kind: 'submenu',
    label: mac ? 'File' : '&File',
    submenu: [
      cmd('New', 'file:new', 'CmdOrCtrl+N'),
      cmd('Open…', 'file:open', 'CmdOrCtrl+O'),
      { kind: 'submenu', label: 'Open Recent', submenu: recent },
      sep,
      cmd('Save', 'file:save', 'CmdOrCtrl+S'),
      cmd('Save As…', 'file:saveAs', 'CmdOrCtrl+Shift+S'),
      sep,
      cmd('Export as JSON…', 'file:exportJson', 'CmdOrCtrl+Shift+J'),
      cmd('Export as PNG…', 'file:exportPng', 'CmdOrCtrl+Shift+E'),
      cmd('Export as PyTorch script…', 'file:exportPytorch'),
      sep,
      cmd('Close', 'window:close', 'CmdOrCtrl+W'),
      ...(mac ? [] : [sep, cmd(platform === 'win32' ? 'Exit' : 'Quit', 'app:quit', platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q')]),
    ],
  };

  // Plain keys (F, L, M, …) must stay free for typing: shown but not registered on Windows and Linux, where the
  // renderer handles them outside text fields; macOS cannot show a key without registering it, so it shows none.
  const plainKey = (key: string): Partial<Extract<MenuSpec, { kind: 'command' }>> => (mac ? {} : { accelerator: key, displayOnly: true });
  const textRole = (role: NonNullable<Extract<MenuSpec, { kind: 'command' }>['nativeRole']>) => (mac ? { nativeRole: role } : {});

  const edit: MenuSpec = {
    kind: 'submenu',
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      cmd('Undo', 'edit:undo', 'CmdOrCtrl+Z', textRole('undo')),
      cmd('Redo', 'edit:redo', mac ? 'Shift+Cmd+Z' : platform === 'win32' ? 'Ctrl+Y' : 'Ctrl+Shift+Z', textRole('redo')),
      sep,
      cmd('Cut', 'edit:cut', 'CmdOrCtrl+X', textRole('cut')),
      cmd('Copy', 'edit:copy', 'CmdOrCtrl+C', textRole('copy')),
      cmd('Paste', 'edit:paste', 'CmdOrCtrl+V', textRole('paste')),
      cmd('Duplicate', 'edit:duplicate', 'CmdOrCtrl+D'),
      // Del (Windows, Linux) and ⌫ (macOS) belong to text fields first: never registered as menu keys.
      cmd('Delete', 'edit:delete', undefined, { ...plainKey('Delete'), ...textRole('delete') }),
      sep,
      cmd('Select All', 'edit:selectAll', 'CmdOrCtrl+A', textRole('selectAll')),
    ],
  };

  const view: MenuSpec = {
    kind: 'submenu',
    label: mac ? 'View' : '&View',
    submenu: [
      cmd('Zoom In', 'view:zoomIn', 'CmdOrCtrl+='),
      cmd('Zoom Out', 'view:zoomOut', 'CmdOrCtrl+-'),
      cmd('Fit Graph in View', 'view:fitView', undefined, plainKey('F')),
      sep,
      cmd('Arrange Automatically', 'view:autoLayout', undefined, plainKey('L')),
      cmd('Show or Hide Minimap', 'view:toggleMinimap', undefined, plainKey('M')),
      cmd('Light or Dark Theme', 'view:toggleTheme', undefined, plainKey('T')),
      cmd('Presentation Mode', 'view:togglePresentation', undefined, plainKey('P')),
      cmd('Training Panel', 'view:toggleTraining', undefined, plainKey('R')),
      ...(state.devTools ? [sep, cmd('Toggle Developer Tools', 'window:toggleDevTools', mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I')] : []),
    ],
  };

  const help: MenuSpec = {
    kind: 'submenu',
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [cmd('Keyboard Shortcuts', 'help:shortcuts', undefined, plainKey('?')), ...(mac ? [] : [sep, cmd(`About ${APP_NAME}`, 'help:about')])],
  };

  if (!mac) return [file, edit, view, help];

  const appMenu: MenuSpec = {
    kind: 'submenu',
    label: APP_NAME,
    role: 'appMenu',
    submenu: [
      cmd(`About ${APP_NAME}`, 'help:about'),
      sep,
      { kind: 'role', role: 'services' },
      sep,
      { kind: 'role', role: 'hide', label: `Hide ${APP_NAME}` },
      { kind: 'role', role: 'hideOthers' },
      { kind: 'role', role: 'unhide' },
      sep,
      cmd(`Quit ${APP_NAME}`, 'app:quit', 'Cmd+Q'),
    ],
  };
  const windowMenu: MenuSpec = { kind: 'role', role: 'windowMenu' };
  return [appMenu, file, edit, view, windowMenu, help];
}

/** Every command item of a menu, depth first (for tests and for finding an item by command). */
export function commandItems(menu: readonly MenuSpec[]): Extract<MenuSpec, { kind: 'command' }>[] {
  return menu.flatMap((item) => (item.kind === 'command' ? [item] : item.kind === 'submenu' ? commandItems(item.submenu) : []));
}

/**
 * Electron's template for the data. `run` receives the command (and its argument) of a clicked item; Electron's
 * own types check the result, so the data cannot describe something Electron does not accept.
 */
export function toElectronTemplate(menu: readonly MenuSpec[], run: (command: AnyCommand, arg?: string) => void): MenuItemConstructorOptions[] {
  return menu.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: item.role, ...(item.label ? { label: item.label } : {}) };
      case 'submenu':
        return { label: item.label, submenu: toElectronTemplate(item.submenu, run), ...(item.role === 'help' ? { role: 'help' } : {}) };
      case 'command':
        if (item.nativeRole) return { label: item.label, role: item.nativeRole, ...(item.accelerator ? { accelerator: item.accelerator } : {}) };
        return {
          label: item.label,
          click: () => run(item.command, item.arg),
          ...(item.accelerator ? { accelerator: item.accelerator } : {}),
          ...(item.displayOnly ? { registerAccelerator: false } : {}),
          ...(item.enabled === false ? { enabled: false } : {}),
        };
    }
  });
}
