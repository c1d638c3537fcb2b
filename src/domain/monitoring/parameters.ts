/**
 * Thresholds as configuration, never literals in rules: each typology declares its parameters with
 * a default and the band a configuration may set them in. A configuration is versioned; every
 * alert names the version it was raised under.
 */
import type { UserRuleDefinition } from './user-rules.ts';

/** A parameter's value: a number (a count, an amount in minor units, days, hours, a share) or a list. */
export type ParameterValue = number | readonly string[];

/** What a parameter is and where it may be set. */
export interface ParameterSpec {
  readonly name: string;
  readonly description: string;
  readonly default: ParameterValue;
  /** For a number: the least and the most a configuration may set. */
  readonly band?: readonly [number, number];
}

/** A configuration as given: its version and the values it changes from the defaults. */
export interface MonitorConfig {
  readonly version: string;
  readonly values?: Readonly<Record<string, ParameterValue>>;
  /** Typologies switched off, by id. */
  readonly disabled?: readonly string[];
  /** The institution's own rules (see user-rules.ts), each a typology `user.<id>`. */
  readonly rules?: readonly UserRuleDefinition[];
}

/** The default configuration: every typology on, every parameter at its default. */
export const DEFAULT_CONFIG: MonitorConfig = { version: 'default-1' };

/** A configuration that cannot be used, with every reason. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`the monitoring configuration is not valid: ${problems.join('; ')}`);
  }
}

/** The parameters a typology reads, resolved. */
export interface Parameters {
  number(name: string): number;
  list(name: string): readonly string[];
}

/**
 * The values of every parameter of `specs` under `config`, each checked: unknown names, a list for
 * a number (or the reverse) and numbers outside their band are refused, all reasons at once.
 */
export function resolveParameters(specs: readonly ParameterSpec[], config: MonitorConfig): Parameters {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const problems: string[] = [];
  const values = new Map<string, ParameterValue>(specs.map((spec) => [spec.name, spec.default]));
  if (typeof config.version !== 'string' || config.version.trim() === '') problems.push('"version" must name it');
  for (const [name, value] of Object.entries(config.values ?? {})) {
    const spec = byName.get(name);
    if (spec === undefined) {
      problems.push(`unknown parameter "${name}"`);
      continue;
    }
    if (typeof spec.default === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(`"${name}" must be a number`);
        continue;
      }
      const [least, most] = spec.band ?? [-Infinity, Infinity];
      if (value < least || value > most) {
        problems.push(`"${name}" is ${value}, outside its band ${least} to ${most}`);
        continue;
      }
    } else if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      problems.push(`"${name}" must be a list of texts`);
      continue;
    }
    values.set(name, value);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    number(name) {
      const value = values.get(name);
      if (typeof value !== 'number') throw new Error(`no number parameter "${name}"`);
      return value;
    },
    list(name) {
      const value = values.get(name);
      if (value === undefined || typeof value === 'number') throw new Error(`no list parameter "${name}"`);
      return value;
    },
  };
}
