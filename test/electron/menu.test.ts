import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../src/platform/host';
import { SHORTCUTS } from '../../src/ui/shortcuts';
import { SHELL_COMMANDS, buildMenu, commandItems, toElectronTemplate } from '../../electron/menu';
import type { MenuSpec, Platform } from '../../electron/menu';

const platforms: Platform[] = ['darwin', 'win32', 'linux'];
const state = { recentFiles: ['/home/u/a.sorix.json', '/home/u/b.sorix.json'], devTools: true };

function labels(menu: readonly MenuSpec[]): string[] {
  return menu.map((m) => (m.kind === 'submenu' || m.kind === 'command' ? m.label : m.kind === 'role' ? m.role : '-'));
}

function submenu(menu: readonly MenuSpec[], label: string): MenuSpec[] {
  const found = menu.find((m) => m.kind === 'submenu' && m.label.replace('&', '') === label);
  if (!found || found.kind !== 'submenu') throw new Error(`no ${label} menu`);
  return found.submenu;
}

describe.each(platforms)('the menu on %s', (platform) => {
  const menu = buildMenu(platform, state);
  const items = commandItems(menu);

  it('every item does something: a command, a native role, a submenu or a separator', () => {
    const walk = (list: readonly MenuSpec[]): void =>
      list.forEach((m) => {
        if (m.kind === 'command') expect([...MENU_COMMANDS, ...SHELL_COMMANDS]).toContain(m.command);
        else if (m.kind === 'submenu') {
          expect(m.submenu.length).toBeGreaterThan(0);
          walk(m.submenu);
        } else if (m.kind === 'role') expect(m.role).toBeTruthy();
        else expect(m.kind).toBe('separator');
      });
    walk(menu);
  });

  it('offers every command the renderer understands except none', () => {
    const offered = new Set(items.map((i) => i.command));
    expect(MENU_COMMANDS.filter((c) => !offered.has(c))).toEqual([]);
  });

  it('has the File, Edit, View and Help items the issue lists', () => {
    expect(labels(submenu(menu, 'File')).filter((l) => l !== '-')).toEqual(
      expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export as JSON…', 'Export as PNG…', 'Close']),
    );
    expect(labels(submenu(menu, 'Edit')).filter((l) => l !== '-')).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Duplicate', 'Delete', 'Select All']);
    expect(labels(submenu(menu, 'View'))).toEqual(expect.arrayContaining(['Zoom In', 'Zoom Out', 'Fit Graph in View', 'Show or Hide Minimap', 'Light or Dark Theme', 'Presentation Mode']));
    expect(labels(submenu(menu, 'Help'))).toContain('Keyboard Shortcuts');
  });

  it('accelerators are unique', () => {
    const accels = items.flatMap((i) => (i.accelerator ? [i.accelerator.toLowerCase()] : []));
    expect(accels.length).toBeGreaterThan(platform === 'darwin' ? 12 : 18);
    expect(accels.filter((a, i) => accels.indexOf(a) !== i)).toEqual([]);
  });

  it('accelerators use only keys this platform has', () => {
    for (const { accelerator } of items) {
      if (!accelerator) continue;
      if (platform === 'darwin') expect(accelerator).not.toMatch(/(^|\+)(Ctrl|Control)\+(?!Cmd)/);
      else expect(accelerator).not.toMatch(/Cmd(?!OrCtrl)|Command|Super|Meta/);
    }
  });

  it('keys without a modifier are never registered: shown only (Windows, Linux) or not at all (macOS)', () => {
    for (const item of items) {
      if (!item.accelerator || /(CmdOrCtrl|Cmd|Ctrl|Alt)\+/.test(item.accelerator) || /^F\d+$/.test(item.accelerator)) continue;
      expect(platform).not.toBe('darwin');
      expect(item.displayOnly).toBe(true);
    }
  });

  it('shows the keys the renderer itself handles for the same command (src/ui/shortcuts.ts)', () => {
    // The renderer writes Ctrl for Ctrl-or-⌘ and handles Ctrl+Shift+Z and Ctrl+Y for redo everywhere.
    const normal = (a: string) => a.replace(/CmdOrCtrl|Cmd|Ctrl/g, 'Ctrl').split('+').sort().join('+');
    let checked = 0;
    for (const item of items) {
      const keys = SHORTCUTS.filter((s) => s.command === item.command).map((s) => normal(s.keys));
      if (!item.accelerator || keys.length === 0) continue;
      expect(keys, `${item.command}`).toContain(normal(item.accelerator));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(platform === 'darwin' ? 11 : 20);
  });

  it('Open Recent lists the recent files by name, each opening its path, and can be cleared', () => {
    const recent = submenu(submenu(menu, 'File'), 'Open Recent');
    const files = recent.filter((m) => m.kind === 'command' && m.command === 'file:openRecent');
    expect(files.map((m) => (m.kind === 'command' ? [m.label, m.arg] : null))).toEqual([
      ['a.sorix.json', '/home/u/a.sorix.json'],
      ['b.sorix.json', '/home/u/b.sorix.json'],
    ]);
    expect(commandItems(recent).some((m) => m.command === 'file:clearRecent' && m.enabled !== false)).toBe(true);
  });

  it('converts to an Electron template whose clicks run the item’s command', () => {
    const ran: [string, string | undefined][] = [];
    const template = toElectronTemplate(menu, (command, arg) => ran.push([command, arg]));
    const file = template.find((t) => t.label?.replace('&', '') === 'File');
    const save = (file?.submenu as { label?: string; click?: () => void; accelerator?: string }[]).find((t) => t.label === 'Save');
    expect(save?.accelerator).toBe('CmdOrCtrl+S');
    save?.click?.();
    expect(ran).toEqual([['file:save', undefined]]);
  });
});

describe('platform habits', () => {
  const accel = (platform: Platform, command: string) => commandItems(buildMenu(platform, state)).find((i) => i.command === command)?.accelerator;

  it('Redo is ⇧⌘Z on macOS, Ctrl+Y on Windows, Ctrl+Shift+Z on Linux', () => {
    expect(accel('darwin', 'edit:redo')).toBe('Shift+Cmd+Z');
    expect(accel('win32', 'edit:redo')).toBe('Ctrl+Y');
    expect(accel('linux', 'edit:redo')).toBe('Ctrl+Shift+Z');
  });

  it('macOS has the app menu with About, Services, Hide and Quit, and a Window menu; the others quit from File', () => {
    const mac = buildMenu('darwin', state);
    expect(mac[0]?.kind === 'submenu' && mac[0].label).toBe('Sorix Studio');
    expect(labels(submenu(mac, 'Sorix Studio'))).toEqual(['About Sorix Studio', '-', 'services', '-', 'hide', 'hideOthers', 'unhide', '-', 'Quit Sorix Studio']);
    expect(mac.some((m) => m.kind === 'role' && m.role === 'windowMenu')).toBe(true);
    expect(accel('darwin', 'app:quit')).toBe('Cmd+Q');
    expect(accel('linux', 'app:quit')).toBe('Ctrl+Q');
    expect(labels(submenu(buildMenu('win32', state), 'File'))).toContain('Exit');
  });

  it('on macOS, text editing in fields goes through the Edit menu roles; elsewhere the items send commands', () => {
    const mac = toElectronTemplate(buildMenu('darwin', state), () => undefined);
    const edit = mac.find((t) => t.label === 'Edit')?.submenu as { label?: string; role?: string; click?: unknown }[];
    expect(edit.filter((t) => t.role).map((t) => t.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(edit.find((t) => t.label === 'Duplicate')?.click).toBeTypeOf('function');
    const linux = toElectronTemplate(buildMenu('linux', state), () => undefined);
    const linuxEdit = linux.find((t) => t.label === '&Edit')?.submenu as { role?: string }[];
    expect(linuxEdit.some((t) => t.role)).toBe(false);
  });

  it('Delete keeps Backspace and Del for text fields: no key on macOS, shown but not registered elsewhere', () => {
    const del = (p: Platform) => commandItems(buildMenu(p, state)).find((i) => i.command === 'edit:delete');
    expect(del('darwin')?.accelerator).toBeUndefined();
    expect(del('linux')).toMatchObject({ accelerator: 'Delete', displayOnly: true });
    const template = toElectronTemplate(buildMenu('linux', state), () => undefined);
    const edit = template.find((t) => t.label === '&Edit')?.submenu as { label?: string; registerAccelerator?: boolean }[];
    expect(edit.find((t) => t.label === 'Delete')?.registerAccelerator).toBe(false);
  });

  it('no recent files: the clear item is disabled; packaged builds have no developer tools', () => {
    const menu = buildMenu('linux', { recentFiles: [], devTools: false });
    const clear = commandItems(menu).find((i) => i.command === 'file:clearRecent');
    expect(clear?.enabled).toBe(false);
    expect(commandItems(menu).some((i) => i.command === 'window:toggleDevTools')).toBe(false);
  });
});
