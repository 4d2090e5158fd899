/**
 * Free numbers per destination, generated deterministically (the same list on every start), so a
 * picker faces hundreds of numbers and has to search them. What has been ordered leaves the list:
 * the state keeps the taken numbers, this module only knows what exists.
 */
import { findDestination, type Destination } from './destinations.js';

export interface InventoryNumber {
  /** What `POST /v1/direct_numbers/order/` takes as `number_id`. */
  id: string;
  directionId: number;
  number: string;
}

/** mulberry32: a tiny seeded PRNG; good enough to spread digits, and stable across Node versions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cache = new Map<number, InventoryNumber[]>();

/** How many numbers a destination starts with: 240 to 480, different per destination. */
export const inventorySize = (d: Destination): number => 240 + (d.id % 5) * 60;

export function inventoryOf(d: Destination, dialCode: string): InventoryNumber[] {
  const hit = cache.get(d.id);
  if (hit) return hit;
  const random = prng(d.id * 7919);
  const seen = new Set<string>();
  const list: InventoryNumber[] = [];
  while (list.length < inventorySize(d)) {
    // Subscriber numbers do not start with 0 or 1 (as in real numbering plans).
    let subscriber = String(2 + Math.floor(random() * 8));
    while (subscriber.length < d.subscriberDigits) subscriber += String(Math.floor(random() * 10));
    const number = dialCode + d.areaCode + subscriber;
    if (seen.has(number)) continue;
    seen.add(number);
    list.push({ id: `${d.id}p${list.length}D${subscriber.slice(-4)}`, directionId: d.id, number });
  }
  cache.set(d.id, list);
  return list;
}

/** Finds a number of the inventory by its `number_id`. */
export function findInventoryNumber(
  numberId: string,
  dialCodeOf: (d: Destination) => string,
): InventoryNumber | undefined {
  const match = /^(\d+)p(\d+)D\d{4}$/.exec(numberId);
  if (!match) return undefined;
  const destination = findDestination(Number(match[1]));
  if (!destination) return undefined;
  return inventoryOf(destination, dialCodeOf(destination)).find((n) => n.id === numberId);
}
