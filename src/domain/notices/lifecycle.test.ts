import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../policy/index.ts';
import {
  NOTICE_ACTIONS,
  NOTICE_STATUSES,
  noticeStep,
  type NoticeActor,
  type NoticeState,
  type NoticeStatus,
} from './lifecycle.ts';

const TODAY = '2026-11-25';
const person = (userId: string, roles: Role[], organisationId = 'police'): NoticeActor => ({
  kind: 'user',
  userId,
  organisationId,
  roles,
});
const analyst = person('ana', ['analyst']);
const reviewer = person('rev', ['reviewer']);
const draft: NoticeState = { status: 'draft', owner: 'police', expiresAt: '2027-06-01' };

/** Takes steps in order, each by its actor, failing the test on a refusal. */
function walk(state: NoticeState, steps: [Parameters<typeof noticeStep>[1], NoticeActor, string?][]): NoticeStatus {
  let current = state;
  for (const [action, actor, reason] of steps) {
    const result = noticeStep(current, action, actor, TODAY, reason);
    if (!result.ok) throw new Error(`${action}: ${result.refusal.message}`);
    current = {
      ...current,
      status: result.status,
      ...(action === 'submit' && actor.kind === 'user' ? { submittedBy: actor.userId } : {}),
    };
  }
  return current.status;
}

describe('the life of a notice', () => {
  it('goes from draft through review to published, and is withdrawn with a reason', () => {
    expect(
      walk(draft, [
        ['submit', analyst],
        ['approve', reviewer],
      ]),
    ).toBe('published');
    expect(
      walk(draft, [
        ['submit', analyst],
        ['approve', reviewer],
        ['withdraw', analyst, 'located'],
      ]),
    ).toBe('withdrawn');
    expect(
      walk(draft, [
        ['submit', analyst],
        ['reject', reviewer, 'no legal basis given'],
      ]),
    ).toBe('draft');
  });

  it('lets no one review their own submission, and no other organisation take any step', () => {
    const both = person('sam', ['analyst', 'reviewer']);
    const submitted: NoticeState = { ...draft, status: 'in_review', submittedBy: 'sam' };
    const own = noticeStep(submitted, 'approve', both, TODAY);
    expect(own.ok ? undefined : own.refusal.code).toBe('own_submission');
    const outsider = noticeStep(submitted, 'approve', person('x', ['reviewer'], 'hotel'), TODAY);
    expect(outsider.ok ? undefined : outsider.refusal.code).toBe('not_permitted');
    const analystApproving = noticeStep(submitted, 'approve', analyst, TODAY);
    expect(analystApproving.ok ? undefined : analystApproving.refusal.code).toBe('not_permitted');
  });

  it('asks for a reason to reject, withdraw or cancel', () => {
    const inReview: NoticeState = { ...draft, status: 'in_review', submittedBy: 'ana' };
    for (const [state, action, actor] of [
      [inReview, 'reject', reviewer],
      [{ ...draft, status: 'published' }, 'withdraw', analyst],
      [draft, 'cancel', analyst],
    ] as const) {
      const result = noticeStep(state, action, actor, TODAY, '  ');
      expect(result.ok ? undefined : result.refusal.code, action).toBe('reason_required');
    }
  });

  it('publishes nothing past its expiry date, and expires only what is due, by the system alone', () => {
    const late: NoticeState = { ...draft, status: 'in_review', submittedBy: 'ana', expiresAt: TODAY };
    const publishing = noticeStep(late, 'approve', reviewer, TODAY);
    expect(publishing.ok ? undefined : publishing.refusal.code).toBe('expired');
    const published: NoticeState = { ...draft, status: 'published', expiresAt: '2026-11-24' };
    expect(noticeStep(published, 'expire', { kind: 'system' }, TODAY)).toEqual({ ok: true, status: 'expired' });
    const notDue = noticeStep({ ...published, expiresAt: '2026-12-01' }, 'expire', { kind: 'system' }, TODAY);
    expect(notDue.ok ? undefined : notDue.refusal.code).toBe('not_due');
    const byHand = noticeStep(published, 'expire', analyst, TODAY);
    expect(byHand.ok ? undefined : byHand.refusal.code).toBe('not_permitted');
  });

  it('never leaves a final status, and publishes only from review, whatever is asked by whom', () => {
    const actor = fc.oneof(
      fc.constant<NoticeActor>({ kind: 'system' }),
      fc.record({
        kind: fc.constant('user' as const),
        userId: fc.constantFrom('ana', 'rev', 'sam'),
        organisationId: fc.constantFrom('police', 'hotel'),
        roles: fc.subarray([...ROLES]),
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTICE_STATUSES),
        fc.constantFrom(...NOTICE_ACTIONS),
        actor,
        fc.option(fc.string(), { nil: undefined }),
        (status, action, who, reason) => {
          const result = noticeStep({ ...draft, status, submittedBy: 'sam' }, action, who, TODAY, reason);
          if (!result.ok) return;
          expect(['withdrawn', 'cancelled', 'expired']).not.toContain(status);
          if (result.status === 'published') expect(status).toBe('in_review');
          if (who.kind === 'user') expect(who.organisationId).toBe('police');
        },
      ),
    );
  });
});
