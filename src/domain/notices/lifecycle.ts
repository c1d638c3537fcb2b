/**
 * The life of a notice: drafted by its owner, reviewed for compliance by someone else, published
 * (and so screened against) until it expires or its owner withdraws it. Each step says who may
 * take it and whether a reason must be given; every step taken is recorded in the ledger by the
 * service that applies it.
 *
 *   draft ──submit──▶ in_review ──approve──▶ published ──withdraw──▶ withdrawn
 *     ▲                  │                      │
 *     └─────reject───────┘                      └──expire (at the expiry date)──▶ expired
 *   draft / in_review ──cancel──▶ cancelled
 */
import { NOTICE_STATUSES } from '../model/entities/notice.schema.ts';
import type { Role } from '../policy/index.ts';

export { NOTICE_STATUSES };
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** The steps of a notice's life. */
export const NOTICE_ACTIONS = ['submit', 'approve', 'reject', 'withdraw', 'cancel', 'expire'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

/** Who takes a step: a person of an organisation with roles, or the system (expiry). */
export type NoticeActor =
  | { readonly kind: 'user'; readonly userId: string; readonly organisationId: string; readonly roles: readonly Role[] }
  | { readonly kind: 'system' };

/** What the lifecycle needs to know of a notice. */
export interface NoticeState {
  readonly status: NoticeStatus;
  /** The organisation that owns the notice. */
  readonly owner: string;
  /** The user who submitted it for review (a reviewer may not approve their own submission). */
  readonly submittedBy?: string;
  /** The day it expires (YYYY-MM-DD), if it does. */
  readonly expiresAt?: string;
}

/** One step of the lifecycle: from which statuses, to which, by whom, and whether a reason is required. */
interface Step {
  readonly from: readonly NoticeStatus[];
  readonly to: NoticeStatus;
  /** Roles of the owner's people who may take the step; empty for the system alone. */
  readonly roles: readonly Role[];
  readonly reasonRequired: boolean;
}

const STEPS: Readonly<Record<NoticeAction, Step>> = {
  submit: { from: ['draft'], to: 'in_review', roles: ['analyst', 'reporter', 'admin'], reasonRequired: false },
  approve: { from: ['in_review'], to: 'published', roles: ['reviewer'], reasonRequired: false },
  reject: { from: ['in_review'], to: 'draft', roles: ['reviewer'], reasonRequired: true },
  withdraw: { from: ['published'], to: 'withdrawn', roles: ['analyst', 'admin'], reasonRequired: true },
  cancel: {
    from: ['draft', 'in_review'],
    to: 'cancelled',
    roles: ['analyst', 'reporter', 'admin'],
    reasonRequired: true,
  },
  expire: { from: ['published'], to: 'expired', roles: [], reasonRequired: false },
};

/** Why a step was refused: a code for programs and a sentence for people. */
export interface NoticeStepRefusal {
  readonly code: 'wrong_status' | 'not_permitted' | 'reason_required' | 'own_submission' | 'expired' | 'not_due';
  readonly message: string;
}

/** The outcome of asking to take a step. */
export type NoticeStepResult =
  { readonly ok: true; readonly status: NoticeStatus } | { readonly ok: false; readonly refusal: NoticeStepRefusal };

const refuse = (code: NoticeStepRefusal['code'], message: string): NoticeStepResult => ({
  ok: false,
  refusal: { code, message },
});

/**
 * Whether `actor` may take `action` on a notice in `state` on the day `today` (YYYY-MM-DD), with
 * `reason`; and the status it leads to. A notice whose expiry date has passed cannot be published.
 */
export function noticeStep(
  state: NoticeState,
  action: NoticeAction,
  actor: NoticeActor,
  today: string,
  reason?: string,
): NoticeStepResult {
  const step = STEPS[action];
  if (!step.from.includes(state.status)) {
    return refuse('wrong_status', `a notice that is ${state.status.replace('_', ' ')} cannot be taken to ${action}`);
  }
  if (actor.kind === 'system') {
    if (step.roles.length > 0) return refuse('not_permitted', `${action} is taken by a person, not by the system`);
  } else {
    if (step.roles.length === 0) return refuse('not_permitted', `${action} is taken by the system alone`);
    if (actor.organisationId !== state.owner) {
      return refuse('not_permitted', `only the organisation that owns the notice may ${action} it`);
    }
    if (!actor.roles.some((role) => step.roles.includes(role))) {
      return refuse('not_permitted', `to ${action} a notice needs one of the roles ${step.roles.join(', ')}`);
    }
    if ((action === 'approve' || action === 'reject') && state.submittedBy === actor.userId) {
      return refuse('own_submission', 'a reviewer may not review a notice they submitted themselves');
    }
  }
  if (step.reasonRequired && (reason === undefined || reason.trim() === '')) {
    return refuse('reason_required', `to ${action} a notice, give a reason`);
  }
  if (action === 'approve' && state.expiresAt !== undefined && state.expiresAt <= today) {
    return refuse('expired', `the notice expired on ${state.expiresAt}; set a later expiry date before publishing`);
  }
  if (action === 'expire' && (state.expiresAt === undefined || state.expiresAt > today)) {
    return refuse('not_due', 'the notice has not reached its expiry date');
  }
  return { ok: true, status: step.to };
}

/** Whether notices in this status are screened against. */
export const isLive = (status: NoticeStatus): boolean => status === 'published';

/** Whether someone with these roles may draft and amend their organisation's notices: whoever may submit one. */
export function mayAuthorNotices(roles: readonly Role[]): boolean {
  return roles.some((role) => STEPS.submit.roles.includes(role));
}
