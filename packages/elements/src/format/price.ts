/** Prices: Intl currency formatting and the order total (pure, no DOM). */

const cache = new Map<string, Intl.NumberFormat>();

/** `5` + `EUR` in `de` → `5,00 €`; an unknown currency code falls back to `5.00 XYZ`. */
export function formatPrice(amount: number, currency: string, lang: string): string {
  const key = `${lang}|${currency}`;
  let format = cache.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: 2 });
    } catch {
      return `${amount.toFixed(2)} ${currency}`;
    }
    cache.set(key, format);
  }
  return format.format(amount);
}

export type Period = 'month' | '3month';

/** Auto-renewal of a number: each month, each year, or not at all. */
export type Autorenew = 'off' | 'month' | 'year';

export function monthsOf(period: Period): number {
  return period === '3month' ? 3 : 1;
}

/** What an order costs now: the one-time fee plus the prepaid months, rounded to cents. */
export function orderTotal(connectFee: number, monthlyFee: number, period: Period): number {
  return Math.round((connectFee + monthlyFee * monthsOf(period)) * 100) / 100;
}
