/** Reading records through the policy engine, each read recorded in the ledger. */
export {
  AccessRevoked,
  exportPages,
  readPage,
  readRecord,
  readRecords,
  recordGuarded,
  visibleMarkings,
  type Access,
  type SharedPage,
} from './record-access.ts';
