import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs` (the first value at once). Used to redraw slow things (charts)
 * after fast ones (numbers) have been painted, and once per burst of changes rather than per change.
 */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const t = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(t);
  }, [value, settled, delayMs]);
  return settled;
}
