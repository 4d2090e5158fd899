/** Keyboard movement in a combobox's listbox (pure): which option is active after a key. */

export type ListKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

export function isListKey(key: string): key is ListKey {
  return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(key);
}

/** -1 means no active option. Wraps at the ends for the arrows; pages move by `page`. */
export function nextActive(key: ListKey, current: number, count: number, page = 10): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, current) + page);
    case 'PageUp':
      return Math.max(0, current - page);
  }
}

/** Case- and accent-insensitive "contains" for search fields (`ö` matches `o`, `München` `munchen`). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function matchesQuery(query: string, ...fields: (string | undefined)[]): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return fields.some((f) => f !== undefined && fold(f).includes(q));
}
