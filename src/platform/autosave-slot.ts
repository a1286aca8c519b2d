/** sessionStorage key of this tab's (or window's) autosave slot: it survives a reload, and each tab has its own. */
const SLOT_KEY = 'sorix-studio:autosave-slot';
let slotId: string | null = null;

/**
 * The autosave slot of this tab or window. The id is kept in sessionStorage, so a reloaded tab writes (and is offered
 * back) its own slot, while another tab, with a sessionStorage of its own, never overwrites it.
 */
export function autosaveSlotId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = sessionStore()): string {
  if (slotId) return slotId;
  const kept = storage?.getItem(SLOT_KEY);
  slotId = kept && /^[A-Za-z0-9_-]{1,64}$/.test(kept) ? kept : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    storage?.setItem(SLOT_KEY, slotId);
  } catch {
    // Storage disabled: the slot lasts as long as this page.
  }
  return slotId;
}

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
