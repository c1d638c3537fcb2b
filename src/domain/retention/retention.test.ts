import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkKeep,
  dayOf,
  effectiveReviewDate,
  isIsoDate,
  retentionStatus,
  reviewWindowEnd,
} from './index.ts';

const TODAY = '2026-03-02';

describe('review dates', () => {
  it('adds months on the calendar, ending on the last day of a shorter month', () => {
    expect(addMonths('2026-03-02', 6)).toBe('2026-09-02');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2024-02-29', 60)).toBe('2029-02-28');
  });

  it('ends the review window six months after today', () => {
    expect(reviewWindowEnd(TODAY)).toBe('2026-09-02');
    expect(reviewWindowEnd(TODAY, 1)).toBe('2026-04-02');
  });

  it('knows a real calendar day from a look-alike', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate('2026-03-01T00:00:00Z')).toBe(false);
  });

  it('takes the calendar day of an instant in UTC', () => {
    expect(dayOf(new Date('2026-03-02T23:59:59.999Z'))).toBe('2026-03-02');
  });
});

describe('where a record stands', () => {
  const status = (reviewAt: string, keptUntil: string | null = null) => retentionStatus(TODAY, { reviewAt, keptUntil });

  it('is not due while its review date is more than six months away', () => {
    expect(status('2026-09-03')).toBe('not_due');
    expect(status('2031-01-01')).toBe('not_due');
  });

  it('is due from six months before its review date up to the date itself', () => {
    expect(status('2026-09-02')).toBe('due');
    expect(status('2026-04-01')).toBe('due');
    expect(status(TODAY)).toBe('due');
  });

  it('is overdue once the date has passed without a keep decision', () => {
    expect(status('2026-03-01')).toBe('overdue');
    expect(status('2020-01-01')).toBe('overdue');
  });

  it('is kept while a keep decision holds it beyond the window', () => {
    expect(status('2027-06-01', '2027-06-01')).toBe('kept');
  });

  it('comes due again before a kept date, and is overdue once that has passed too', () => {
    expect(status('2026-05-01', '2026-05-01')).toBe('due');
    expect(status('2026-01-01', '2026-02-01')).toBe('overdue');
  });

  it('follows a keep decision reaching past a review date that ingest rewrote', () => {
    expect(effectiveReviewDate({ reviewAt: '2026-01-01', keptUntil: '2028-01-01' })).toBe('2028-01-01');
    expect(effectiveReviewDate({ reviewAt: '2029-01-01', keptUntil: '2028-01-01' })).toBe('2029-01-01');
    expect(status('2026-01-01', '2028-01-01')).toBe('kept');
  });
});

describe('the rule for keeping a record', () => {
  const keep = (reason: string, until: string) => checkKeep({ reason, until }, TODAY);

  it('accepts a reason of ten characters and a date up to five years ahead', () => {
    expect(keep('  open case 2041  ', '2031-03-02')).toEqual({
      ok: true,
      reason: 'open case 2041',
      until: '2031-03-02',
    });
    expect(keep('0123456789', '2026-03-03')).toMatchObject({ ok: true });
  });

  it('refuses a short or missing reason, naming the field', () => {
    expect(keep('too short', '2027-01-01')).toMatchObject({ ok: false, field: 'reason' });
    expect(keep('          x', '2027-01-01')).toMatchObject({ ok: false, field: 'reason' });
    expect(keep('x'.repeat(2_001), '2027-01-01')).toMatchObject({ ok: false, field: 'reason' });
  });

  it('refuses a date that is not after today, too far ahead, or not a day', () => {
    expect(keep('court order 12/2026', TODAY)).toMatchObject({ ok: false, field: 'until' });
    expect(keep('court order 12/2026', '2025-12-31')).toMatchObject({ ok: false, field: 'until' });
    expect(keep('court order 12/2026', '2031-03-03')).toEqual({
      ok: false,
      field: 'until',
      message: 'The new review date may be at most 5 years ahead (2031-03-02).',
    });
    expect(keep('court order 12/2026', '2027-02-30')).toMatchObject({ ok: false, field: 'until' });
    expect(keep('court order 12/2026', 'next year')).toMatchObject({ ok: false, field: 'until' });
  });
});
