import { Command, InvalidArgumentError } from 'commander';
import type { DueCursor } from '../../../adapters/store/index.ts';
import { parseRecordId } from '../../../domain/model/ids.ts';
import { checkKeep, dayOf, RETENTION_RULES, reviewWindowEnd } from '../../../domain/retention/index.ts';
import { withConfiguredStore } from '../../open-store.ts';

/** How the ledger names the operator at the command line. */
const CLI_ACTOR = 'system:cli';
/** Entries of the review list read at a time. */
const PAGE = 1_000;

function months(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 120) {
    throw new InvalidArgumentError('a whole number of months from 1 to 120');
  }
  return value;
}

/** `weft retention …`: the review list, keep decisions and the daily purge of overdue records. */
export function retentionCommand(): Command {
  const retention = new Command('retention').description(
    'Retention review: records due for review, keeping them, and purging overdue ones',
  );
  retention
    .command('due')
    .description("An organisation's records due for review (and overdue), earliest first")
    .requiredOption('--org <id>', 'the owner organisation')
    .option('--within <months>', 'how far ahead to look', months, RETENTION_RULES.reviewWindowMonths)
    .action(async (options: { org: string; within: number }) => {
      const today = dayOf(new Date());
      const windowEnd = reviewWindowEnd(today, options.within);
      const count = await withConfiguredStore(async (store) => {
        let after: DueCursor | undefined;
        let total = 0;
        for (;;) {
          const page = await store.retention.due(options.org, today, windowEnd, PAGE, after);
          // Captions name people: the listing is a consultation of those records, recorded before it is shown.
          if (page.length > 0) {
            await store.ledger.appendNow([
              {
                actor: CLI_ACTOR,
                organisation: options.org,
                action: 'consult',
                requestId: null,
                purpose: null,
                objectIds: page.map((entry) => entry.id),
                outcome: 'ok',
                detail: 'retention_review',
              },
            ]);
          }
          for (const entry of page) {
            process.stdout.write(
              `${entry.reviewAt}\t${entry.status}\t${entry.id}\t${entry.type}\t${entry.caption ?? ''}\n`,
            );
          }
          total += page.length;
          after = page.at(-1);
          if (page.length < PAGE) return total;
        }
      });
      process.stderr.write(`${count} records of ${options.org} due for review by ${windowEnd}\n`);
    });
  retention
    .command('keep <recordId>')
    .description('Keep a record until a new review date, for a reason (recorded in the ledger, the reason not)')
    .requiredOption('--org <id>', 'the owner organisation')
    .requiredOption(
      '--reason <text>',
      `why it is still needed (at least ${RETENTION_RULES.minimumReasonLength} characters)`,
    )
    .requiredOption(
      '--until <date>',
      `the new review date, YYYY-MM-DD, at most ${RETENTION_RULES.longestKeepYears} years ahead`,
    )
    .action(async (recordId: string, options: { org: string; reason: string; until: string }) => {
      const verdict = checkKeep({ reason: options.reason, until: options.until }, dayOf(new Date()));
      if (!verdict.ok) throw new Error(`--${verdict.field}: ${verdict.message}`);
      const id = parseRecordId(recordId);
      const kept =
        id !== undefined &&
        (await withConfiguredStore((store) =>
          store.retention.keep(id, options.org, verdict.reason, verdict.until, CLI_ACTOR),
        ));
      if (!kept) throw new Error(`no record ${recordId} of ${options.org}`);
      process.stdout.write(`record ${recordId} kept until ${verdict.until}\n`);
    });
  retention
    .command('purge')
    .description('Erase every overdue record of every organisation from every table (for a daily scheduled run)')
    .option('--overdue', 'purge the records whose review date has passed without a keep decision')
    .action(async (options: { overdue?: boolean }) => {
      if (options.overdue !== true) throw new Error('say --overdue to purge every overdue record');
      const today = dayOf(new Date());
      const counts = await withConfiguredStore((store) => store.retention.purgeOverdue(today));
      let purged = 0;
      let cascaded = 0;
      for (const [owner, count] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) {
        process.stdout.write(`${owner}\t${count.purged} purged\t${count.cascaded} relationships with them\n`);
        purged += count.purged;
        cascaded += count.cascaded;
      }
      process.stdout.write(
        `retention purge ${today}: ${purged} overdue records and ${cascaded} relationships purged\n`,
      );
    });
  retention
    .command('notify')
    .description('Send owners their notices of records coming up for review in six months (for a daily scheduled run)')
    .action(async () => {
      const today = dayOf(new Date());
      const round = await withConfiguredStore((store) => store.retentionNotices.round(today));
      process.stdout.write(
        `retention notices ${today}: ${round.sent} sent, ${round.reopened} reopened, ${round.updated} updated\n`,
      );
    });
  return retention;
}
