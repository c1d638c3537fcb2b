import { Command, InvalidArgumentError } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CheckpointRefused, signCheckpoint, verifySignedCheckpoint } from '../../../adapters/keys/checkpoint.ts';
import type { KeyRing } from '../../../adapters/keys/key-ring.ts';
import type { Store } from '../../../adapters/store/index.ts';
import type { Checkpoint, LedgerEntry, Verification } from '../../../domain/audit/index.ts';
import { withConfiguredStore } from '../../open-store.ts';

/** Exit status when the ledger is broken. */
const BROKEN = 1;
/** Exit status when a checkpoint file cannot be trusted. */
const REFUSED = 2;
/** Entries read at a time when `show` looks back for matching ones. */
const SHOW_WINDOW = 10_000;

type Broken = Extract<Verification, { ok: false }>;

function explanation(verification: Broken, checkpoint: Checkpoint | undefined): string {
  switch (verification.problem) {
    case 'sequence':
      return 'its number does not follow the one before: an entry was removed, inserted or moved here';
    case 'previous_hash':
      return 'it is not chained to the entry before: an entry was removed, inserted or moved here';
    case 'hash':
      return 'the entry was changed';
    case 'checkpoint':
      return 'it is not the entry the checkpoint signed: the chain was rewritten since the checkpoint';
    case 'truncated':
      return `the ledger ends before the checkpoint's head (entry ${checkpoint?.seq ?? '?'}): entries were removed from its end`;
  }
}

/** One line saying whether the ledger verified, and if not, where and why it broke. */
function verdict(verification: Verification, checkpoint: Checkpoint | undefined, seconds: number, keysDir: string) {
  const time = `in ${seconds.toFixed(1)} s`;
  if (verification.ok) {
    const against = checkpoint === undefined ? '' : `, consistent with the checkpoint of entry ${checkpoint.seq}`;
    const { seq, hash } = verification.head;
    return `ledger verified: ${verification.entries.toLocaleString('en')} entries, head ${seq} ${hash.slice(0, 12)}${against}, ${time}\n`;
  }
  const { firstBadSeq, firstBadIndex, problem } = verification;
  // A wrong key makes the very first entry look changed; say so rather than cry tampering alone.
  const hint =
    firstBadIndex === 0 && problem === 'hash'
      ? `\n(or the ledger key in ${keysDir} is not the one this ledger was written with)`
      : '';
  return `ledger BROKEN at entry ${firstBadSeq} (index ${firstBadIndex}): ${problem} — ${explanation(verification, checkpoint)}${hint}\n`;
}

/** Reads a checkpoint file and checks its signature; undefined (and exit 2) when refused. */
function trustedCheckpoint(file: string, keyRing: KeyRing): Checkpoint | undefined {
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CheckpointRefused(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return verifySignedCheckpoint(text, keyRing.verifyKey);
  } catch (error) {
    if (!(error instanceof CheckpointRefused)) throw error;
    process.stderr.write(`weft: checkpoint refused: ${error.message}\n`);
    process.exitCode = REFUSED;
    return undefined;
  }
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return value;
}

/**
 * The last `count` entries that match, oldest first. The ledger is read backwards in windows of
 * sequence numbers, so an actor or organisation that is rare reads far, but never all at once.
 */
async function lastEntries(
  store: Store,
  count: number,
  matches: (entry: LedgerEntry) => boolean,
  filtered: boolean,
): Promise<LedgerEntry[]> {
  const window = filtered ? Math.max(count, SHOW_WINDOW) : count;
  const found: LedgerEntry[][] = [];
  let total = 0;
  for (let upper = (await store.ledger.head()).seq; upper > 0 && total < count; upper -= window) {
    const lower = Math.max(0, upper - window);
    // Entries removed from the ledger leave gaps, so a read may run past `upper`.
    const page = (await store.ledger.read(lower, upper - lower)).filter(
      (entry) => entry.seq <= upper && matches(entry),
    );
    found.unshift(page);
    total += page.length;
  }
  return found.flat().slice(-count);
}

function objectsCell(ids: readonly string[]): string {
  if (ids.length <= 2) return ids.join(' ');
  return `${ids.slice(0, 2).join(' ')} +${ids.length - 2} more`;
}

/** Entries as a table with a header; columns as wide as their widest cell. */
function table(entries: readonly LedgerEntry[]): string {
  const header = ['seq', 'at', 'actor', 'organisation', 'action', 'purpose', 'outcome', 'request', 'detail', 'objects'];
  const rows = entries.map((entry) => [
    String(entry.seq),
    entry.at,
    entry.actor,
    entry.organisation ?? '-',
    entry.action,
    entry.purpose ?? '-',
    entry.outcome,
    entry.requestId ?? '-',
    entry.detail ?? '-',
    objectsCell(entry.objectIds),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padStart(widths[0] ?? 0) : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** `weft audit …`: the ledger of every access: verify its chain, checkpoint its head, read it. */
export function auditCommand(): Command {
  const audit = new Command('audit').description(
    'The ledger of every access: verify its hash chain, sign checkpoints, read its last entries',
  );
  audit
    .command('verify')
    .description('Recompute the hash chain and name the first bad entry (exit 1 when the ledger is broken)')
    .option(
      '--checkpoint <file>',
      'also check that the ledger still holds a signed checkpoint (exit 2 when its signature fails)',
    )
    .action(async (options: { checkpoint?: string }) => {
      await withConfiguredStore(async (store, keys, config) => {
        let checkpoint: Checkpoint | undefined;
        if (options.checkpoint !== undefined) {
          checkpoint = trustedCheckpoint(options.checkpoint, keys);
          if (checkpoint === undefined) return;
        }
        const started = performance.now();
        const verification = await store.ledger.verify(checkpoint);
        process.stdout.write(verdict(verification, checkpoint, (performance.now() - started) / 1000, config.keysDir));
        if (!verification.ok) process.exitCode = BROKEN;
      });
    });
  audit
    .command('checkpoint')
    .description(
      "Sign the ledger's head as a checkpoint (JSON) to keep outside the database; the chain is verified first",
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { out?: string }) => {
      await withConfiguredStore(async (store, keys, config) => {
        const started = performance.now();
        // A checkpoint vouches for the chain up to its head: never sign one over a broken chain.
        const verification = await store.ledger.verify();
        if (!verification.ok) {
          process.stderr.write(verdict(verification, undefined, (performance.now() - started) / 1000, config.keysDir));
          process.stderr.write('weft: no checkpoint signed over a broken ledger\n');
          process.exitCode = BROKEN;
          return;
        }
        if (verification.head.seq === 0) throw new Error('the ledger is empty: there is nothing to checkpoint');
        const signed = signCheckpoint({ ...verification.head, at: new Date().toISOString() }, keys);
        const json = `${JSON.stringify(signed, null, 2)}\n`;
        if (options.out === undefined) {
          process.stdout.write(json);
        } else {
          writeFileSync(options.out, json);
          process.stderr.write(`checkpoint of entry ${signed.seq} written to ${options.out}\n`);
        }
      });
    });
  audit
    .command('show')
    .description('The last entries of the ledger as a table (identifiers only: the ledger holds no content)')
    .option('--last <n>', 'how many entries', positiveInteger, 20)
    .option('--org <id>', 'only entries of this organisation')
    .option('--actor <actor>', 'only entries of this actor (user:<id>, key:<id>, system)')
    .action(async (options: { last: number; org?: string; actor?: string }) => {
      const { org, actor } = options;
      const entries = await withConfiguredStore((store) =>
        lastEntries(
          store,
          options.last,
          (entry) =>
            (org === undefined || entry.organisation === org) && (actor === undefined || entry.actor === actor),
          org !== undefined || actor !== undefined,
        ),
      );
      process.stdout.write(entries.length === 0 ? 'no entries\n' : table(entries));
    });
  return audit;
}
