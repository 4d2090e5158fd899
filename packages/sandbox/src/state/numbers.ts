/** Virtual numbers: the free inventory, orders (with their charges and document checks) and owned numbers. */
import { findCountry, findDestination, needsDocuments, type Destination } from '../catalog/destinations.js';
import { findInventoryNumber, inventoryOf, type InventoryNumber } from '../catalog/inventory.js';
import { convert, roundMoney } from '../catalog/money.js';
import { addMonths } from '../clock.js';
import { refused } from '../errors.js';
import { charge } from './accounts.js';
import { groupOf, shortcomings, validity } from './documents.js';
import type { Account, SandboxState, VirtualNumber } from './types.js';

export function dialCodeOf(d: Destination): string {
  return findCountry(d.country)?.dialCode ?? '';
}

export function destinationOf(id: number): Destination {
  const d = findDestination(id);
  if (!d) throw refused(`Direction ${id} not found`);
  return d;
}

export function availableNumbers(state: SandboxState, d: Destination): InventoryNumber[] {
  const taken = new Set(state.takenNumbers);
  return inventoryOf(d, dialCodeOf(d)).filter((n) => !taken.has(n.number));
}

/** Prices of a destination in an account's currency. */
export function pricesFor(d: Destination, account: Account): { connect: number; monthly: number } {
  return {
    connect: convert(d.connectFeeUsd, 'USD', account.currency),
    monthly: convert(d.monthlyFeeUsd, 'USD', account.currency),
  };
}

export interface OrderRequest {
  directionId: number;
  numberId?: string;
  documentsGroupId: number;
  purpose?: string;
  receiveSms: boolean;
  months: number;
  autorenewPeriod: 'month' | 'year';
}

/**
 * Orders a number: checks the documents the destination needs, charges connection and the
 * prepaid months, and takes the number out of the inventory. A destination that needs documents
 * takes the order once data, address and uploads are there; the number stays `checking` until the
 * documents are verified.
 */
export function orderNumber(
  state: SandboxState,
  account: Account,
  req: OrderRequest,
  now: number,
): VirtualNumber {
  const d = destinationOf(req.directionId);
  const group = groupOf(account, req.documentsGroupId);
  let chosen: InventoryNumber | undefined;
  if (req.numberId) {
    chosen = findInventoryNumber(req.numberId, dialCodeOf);
    if (!chosen || chosen.directionId !== d.id)
      throw refused(`Number ${req.numberId} not found in direction ${d.id}`);
    if (state.takenNumbers.includes(chosen.number))
      throw refused(`Number ${chosen.number} is no longer available`);
  } else {
    chosen = availableNumbers(state, d)[0];
    if (!chosen) throw refused(`No free numbers left in direction ${d.id}`);
  }
  if (req.receiveSms && !d.receiveSms) throw refused('Numbers of this direction cannot receive SMS');
  const problems = needsDocuments(d) ? shortcomings(group, d) : [];
  if (problems.length > 0) {
    throw refused(
      `Documents group ${group.id} does not meet the requirements of this direction: ${problems.join('; ')}`,
    );
  }

  const prices = pricesFor(d, account);
  charge(account, roundMoney(prices.connect + prices.monthly * req.months), account.currency);
  const verified = !needsDocuments(d) || validity(group, d).is_documents_verified;
  const number: VirtualNumber = {
    number: chosen.number,
    directionId: d.id,
    status: verified ? 'on' : 'checking',
    start: now,
    stop: addMonths(now, req.months),
    autorenew: true,
    autorenewPeriod: req.autorenewPeriod,
    callerName: '',
    sipId: account.sips[0] ?? '',
    testMode: false,
    receiveSms: req.receiveSms,
    documentsGroupId: group.id,
    purpose: req.purpose ?? null,
    channels: 2,
    monthlyFee: prices.monthly,
    currency: account.currency,
  };
  state.takenNumbers.push(chosen.number);
  account.numbers.push(number);
  account.orderCount++;
  return number;
}

/** Numbers waiting for documents follow their group: verified → on, something rejected → checking_upload. */
export function settleNumbers(account: Account): void {
  for (const n of account.numbers) {
    if (n.status === 'on') continue;
    const group = account.groups.find((g) => g.id === n.documentsGroupId);
    const d = findDestination(n.directionId);
    if (!group || !d) continue;
    const v = validity(group, d);
    if (v.is_documents_verified && v.is_address_match && v.is_information_match) n.status = 'on';
    else n.status = v.is_documents_uploaded && v.is_address_match ? 'checking' : 'checking_upload';
  }
}

/** One of the account's numbers; a leading `+` is accepted as Zadarma does. */
export function ownNumber(account: Account, number: string): VirtualNumber {
  const digits = number.replace(/^\+/, '');
  const found = account.numbers.find((n) => n.number === digits);
  if (!found) throw refused(`Number ${number} not found`);
  return found;
}

export function prolong(account: Account, n: VirtualNumber, months: number): number {
  if (months < 1 || months > 12) throw refused('months must be between 1 and 12');
  const paid = charge(account, roundMoney(n.monthlyFee * months), n.currency);
  n.stop = addMonths(n.stop, months);
  return paid;
}
