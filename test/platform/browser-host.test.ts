// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEEP_DAYS, BrowserHost } from '../../src/platform/browser-host';
import type { AutosaveEntry } from '../../src/platform/host';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-12-05T09:00:00Z');
const entry = (id: string, daysAgo: number): AutosaveEntry => ({ id, title: `${id}.sorix.json`, savedAt: new Date(NOW - daysAgo * DAY).toISOString(), text: '{}' });

/** Web Locks as another open tab would leave them: `others` are held by pages other than this one. */
function locksHeldElsewhere(others: string[]): LockManager {
  return {
    request: () => new Promise(() => undefined),
    query: async () => ({ held: others.map((id) => ({ name: `sorix-studio:slot:${id}`, mode: 'exclusive' as const, clientId: 'other' })), pending: [] }),
  } as unknown as LockManager;
}

describe('BrowserHost autosave slots', () => {
  it('offers closed tabs\' slots newest first, leaves out those of open tabs, and deletes ones older than the keep time', async () => {
    localStorage.clear();
    const host = new BrowserHost(localStorage, { locks: locksHeldElsewhere(['open-tab']), now: () => NOW });
    // Written by other tabs, some closed since.
    for (const e of [entry('closed-old', AUTOSAVE_KEEP_DAYS + 1), entry('closed', 2), entry('closed-new', 0.5), entry('open-tab', 0.1)]) {
      localStorage.setItem(`sorix-studio:autosave:${e.id}`, JSON.stringify(e));
    }
    expect((await host.autosaveList()).map((e) => e.id)).toEqual(['closed-new', 'closed']);
    expect(localStorage.getItem('sorix-studio:autosave:closed-old')).toBeNull();
    // The open tab's work stays where it is.
    expect(localStorage.getItem('sorix-studio:autosave:open-tab')).not.toBeNull();
  });

  it('without Web Locks every recent slot is offered', async () => {
    localStorage.clear();
    const host = new BrowserHost(localStorage, { locks: null, now: () => NOW });
    for (const e of [entry('a', 1), entry('b', 0)]) await host.autosaveWrite(e);
    expect((await host.autosaveList()).map((e) => e.id)).toEqual(['b', 'a']);
  });
});
