/** Accountability: the hash-chained ledger of every access. */
export {
  ChainVerifier,
  chain,
  checkpointPayload,
  entryHash,
  GENESIS_HASH,
  LEDGER_ACTIONS,
  LEDGER_OUTCOMES,
  verifyChain,
  type Checkpoint,
  type LedgerAction,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerOutcome,
  type Verification,
} from './ledger.ts';
