/** How alerts' sentences write amounts, spans and counts. */
import { DAY_MS } from '../transaction.ts';

/** An amount in minor units as major units with two decimals. */
export function amountText(minor: number): string {
  return (minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A span in milliseconds as days (or hours under a day). */
export function daysText(ms: number): string {
  if (ms < DAY_MS) {
    const hours = Math.round(ms / 3_600_000);
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  const days = Math.round(ms / DAY_MS);
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** A share as a whole percentage. */
export function percentText(share: number): string {
  return `${Math.round(share * 100)} %`;
}
