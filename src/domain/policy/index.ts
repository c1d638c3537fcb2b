/** Who may see what: the policy engine every read path goes through. */
export {
  decide,
  decideDerived,
  isPurpose,
  mayAlter,
  mayDeclare,
  organisationMaySee,
  reachFor,
  ROLE_RIGHTS,
  ROLES,
  type Confidentiality,
  type Decision,
  type DecisionReason,
  type PolicyMarking,
  type Purpose,
  type Reach,
  type Role,
  type Subject,
} from './policy.ts';
export { presentAs, shareRecord, type Viewer } from './sharing-gate.ts';
