/** Transaction monitoring: the streaming engine, its configuration and the typology library. */
export { Monitor, type MonitorAlert, type MonitorOptions, type MonitorStats } from './engine.ts';
export { LIBRARY } from './library.ts';
export {
  ConfigError,
  DEFAULT_CONFIG,
  resolveParameters,
  type MonitorConfig,
  type ParameterSpec,
  type ParameterValue,
  type Parameters,
} from './parameters.ts';
export { accountsOf, CHANNELS, DAY_MS, hourAsWritten, type Channel, type Transaction } from './transaction.ts';
export type { Detection, Detector, RuleDescription, RuleRef, SubjectType, Typology } from './typology.ts';
export {
  LONGEST_WINDOW_DAYS,
  windowedTypology,
  type RuleFinding,
  type WindowRule,
  type WindowView,
  type WindowedSpec,
} from './windowed.ts';
export { transactionOfPayment } from './payment.ts';
export {
  RULE_SUBJECTS,
  UserRuleError,
  userTypologies,
  windowAggregates,
  type RuleSubject,
  type UserRuleDefinition,
} from './user-rules.ts';
