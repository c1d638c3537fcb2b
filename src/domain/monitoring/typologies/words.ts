/** How alerts' sentences write amounts, spans and counts. */
import { DAY_MS } from '../transaction.ts';

/** An amount in minor units as major units with two decimals and thousands separated (12,345.60). */
export function amountText(minor: number): string {
  const cents = Math.round(Math.abs(minor));
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return `${minor < 0 ? '-' : ''}${whole}.${String(cents % 100).padStart(2, '0')}`;
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
