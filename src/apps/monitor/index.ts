/** `weft monitor`: transaction files run through the typology library. */
export {
  ALERTS_HEADER,
  monitorFiles,
  MonitorInputError,
  TRANSACTION_ROLES,
  type MonitorFilesRequest,
  type MonitorFilesSummary,
  type TransactionRole,
} from './monitor-files.service.ts';
