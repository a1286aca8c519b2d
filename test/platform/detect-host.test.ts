// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectHost } from '../../src/platform';
import { HOST_GLOBAL, type SorixBridge } from '../../src/platform/host';
import { MemoryHost } from '../../src/platform/memory-host';

describe('detectHost', () => {
  it("uses the preload's bridge as the host itself, with no wrapper in between", () => {
    const memory = new MemoryHost();
    // A bridge as the preload builds it: one function per message and kind 'electron'.
    const bridge: SorixBridge = {
      kind: 'electron',
      openFile: () => memory.openFile(),
      saveFile: (r) => memory.saveFile(r),
      saveFileAs: (r) => memory.saveFileAs(r),
      exportPng: (d) => memory.exportPng(d),
      exportText: (t, n) => memory.exportText(t, n),
      autosaveWrite: (e) => memory.autosaveWrite(e),
      autosaveList: () => memory.autosaveList(),
      autosaveClear: (id) => memory.autosaveClear(id),
      onMenuCommand: (l) => memory.onMenuCommand(l),
      onOpenFile: (l) => memory.onOpenFile(l),
      setDocumentState: (s) => memory.setDocumentState(s),
      confirm: (m) => memory.confirm(m),
    };
    const host = detectHost({ [HOST_GLOBAL]: bridge } as unknown as Window);
    expect(host).toBe(bridge);
    expect(host.kind).toBe('electron');
  });

  it('falls back to the browser host when no bridge is exposed', () => {
    expect(detectHost({} as Window).kind).toBe('browser');
  });
});
