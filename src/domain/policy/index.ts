/** Who may see what: the sharing gate every read path goes through. */
export { decide, shareRecord, type SharingDecision, type Viewer } from './sharing-gate.ts';
