/** Currencies the sandbox bills in, with fixed conversion rates (units per 1 USD) so tests can predict amounts. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'PLN'] as const;
export type Currency = (typeof CURRENCIES)[number];

const UNITS_PER_USD: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79, PLN: 3.95 };

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/** Rounds to cents; money in the sandbox is kept in cents-exact numbers. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function convert(amount: number, from: Currency, to: Currency): number {
  if (from === to) return roundMoney(amount);
  return roundMoney((amount / UNITS_PER_USD[from]) * UNITS_PER_USD[to]);
}

/** Balances as Zadarma prints them in reseller answers ("62.0000"). */
export const balanceText = (amount: number): string => amount.toFixed(4);
