/** Who may see what: the sharing gate every read path goes through. */
export { decide, restrictedFor, shareRecord, type SharingDecision, type Viewer } from './sharing-gate.ts';
