/**
 * After-hours personal services: a beauty salon, massage parlour or spa whose card payments come
 * at night (by default 22:00 to 05:00, across midnight), many of them and a large share of all its
 * card payments with a known hour — a business open by day that earns by night, as fronts for
 * sexual exploitation do.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText, percentText } from './words.ts';

/** Whether `hour` lies in [start, end), wrapping past midnight when start is after end (none when equal). */
export function inHours(hour: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** An hour of the day as a clock time. */
function clock(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** A card payment's hour when it is known (0–23), or undefined. */
function knownHour(transaction: Transaction): number | undefined {
  const hour = transaction.localHour;
  return hour !== undefined && Number.isFinite(hour) && hour >= 0 && hour < 24 ? hour : undefined;
}

/** The merchant's card payments whose hour is known, and those of them made after hours. */
function afterHoursOf(
  transactions: readonly Transaction[],
  parameters: Parameters,
): { timed: Transaction[]; late: Transaction[] } {
  const start = parameters.number('after_hours_personal_services.after_hours_start');
  const end = parameters.number('after_hours_personal_services.after_hours_end');
  const timed = transactions.filter((transaction) => knownHour(transaction) !== undefined);
  const late = timed.filter((transaction) => inHours(knownHour(transaction) as number, start, end));
  return { timed, late };
}

/** The after-hours span as the sentences write it. */
function spanText(parameters: Parameters): string {
  return (
    `${clock(parameters.number('after_hours_personal_services.after_hours_start'))} and ` +
    clock(parameters.number('after_hours_personal_services.after_hours_end'))
  );
}

export const afterHours = windowedTypology({
  id: 'after_hours_personal_services',
  version: 1,
  title: 'After-hours card payments at personal-service businesses',
  summary:
    'A beauty salon, massage parlour or spa taking many card payments late at night, and a large share of its ' +
    'card payments then: a business that trades by day earning by night, as fronts for sexual exploitation do.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014), Guidance on Recognizing Activity that May be Associated with Human ' +
      'Smuggling and Human Trafficking: a business whose takings come mostly outside the hours it keeps',
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: payments to a business outside its usual hours; massage and salon businesses used as fronts',
    'FATF, Financial Flows from Human Trafficking (2018): massage parlours, nail bars and spas as fronts for ' +
      'sexual exploitation, paid for at night',
  ],
  subjectType: 'merchant',
  windowDays: { default: 30, band: [1, 90] },
  parameters: [
    {
      name: 'after_hours_personal_services.service_categories',
      description: 'Merchant category codes of personal services (beauty and barber shops, massage parlours, spas)',
      default: ['7230', '7297', '7298'],
    },
    {
      name: 'after_hours_personal_services.after_hours_start',
      description: 'The hour after hours begin (local, 0–23, inclusive)',
      default: 22,
      band: [0, 23],
    },
    {
      name: 'after_hours_personal_services.after_hours_end',
      description: 'The hour after hours end (local, 0–23, exclusive; before the start means past midnight)',
      default: 5,
      band: [0, 23],
    },
    {
      name: 'after_hours_personal_services.min_after_hours',
      description: 'After-hours card payments within the window',
      default: 5,
      band: [1, 1000],
    },
    {
      name: 'after_hours_personal_services.min_share',
      description: "After-hours payments' least share of the card payments with a known hour within the window",
      default: 0.3,
      band: [0.01, 1],
    },
  ],
  // Every card payment at a personal-service merchant: the share rule needs the daytime ones too.
  subjects: (transaction, parameters) =>
    transaction.merchantId !== undefined &&
    transaction.channel === 'card' &&
    transaction.merchantCategory !== undefined &&
    parameters.list('after_hours_personal_services.service_categories').includes(transaction.merchantCategory)
      ? [transaction.merchantId]
      : [],
  rules: [
    {
      id: 'after_hours_personal_services.after_hours_payments',
      version: 1,
      weight: 1,
      description: 'Many card payments after hours within the window',
      find(view, parameters) {
        const { late } = afterHoursOf(view.transactions, parameters);
        if (late.length < parameters.number('after_hours_personal_services.min_after_hours')) return undefined;
        const total = late.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: late,
          clause:
            `took ${late.length} card payments totalling ${amountText(total)} between ${spanText(parameters)} ` +
            `within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'after_hours_personal_services.after_hours_share',
      version: 1,
      weight: 1,
      description: 'After-hours payments a large share of the card payments with a known hour within the window',
      find(view, parameters) {
        const { timed, late } = afterHoursOf(view.transactions, parameters);
        if (late.length === 0) return undefined;
        const share = late.length / timed.length;
        if (share < parameters.number('after_hours_personal_services.min_share')) return undefined;
        return {
          evidence: late,
          clause: `had ${late.length} of its ${timed.length} card payments with a known hour (${percentText(share)}) after hours`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Personal-service merchant ${subject} ${clauses.join(', and ')}.`,
});
