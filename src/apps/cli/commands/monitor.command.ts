import { Command } from 'commander';
import { monitorFiles, TRANSACTION_ROLES } from '../../monitor/index.ts';

interface MonitorCommandOptions {
  transactions: string;
  config?: string;
  parameters?: string;
  out: string;
}

/** `weft monitor`: runs the typology library over a file of transactions. */
export function monitorCommand(): Command {
  return new Command('monitor')
    .description(
      'Run the trafficking red-flag typologies over a file of transactions (CSV, or an ISO 20022 pacs.008 ' +
        'message); writes the alerts: ' +
        'alert_id,typology,subject_type,subject_id,score,first_time,last_time,transaction_count,accounts,explanation',
    )
    .requiredOption(
      '--transactions <TX.csv|TX.xml>',
      'the transactions: CSV, one per row; or a pacs.008 message (XML, any version .001.02 to .001.12), one per CdtTrfTxInf',
    )
    .option(
      '--config <MAP.json>',
      `column map of a CSV file {"fields": {"<role>": "<column>"}}, roles ${TRANSACTION_ROLES.join(', ')}; default: columns named as roles`,
    )
    .option(
      '--parameters <CONFIG.json>',
      'the typologies\' configuration: {"version": "…", "values": {"<parameter>": …}, "disabled": [typology ids]}',
    )
    .requiredOption('--out <ALERTS.csv>', 'where to write the alerts')
    .action((options: MonitorCommandOptions) => {
      const summary = monitorFiles(options);
      const counts = [...summary.byTypology]
        .sort((a, b) => b[1] - a[1])
        .map(([typology, count]) => `${typology} ${count.toLocaleString('en')}`)
        .join(', ');
      process.stdout.write(
        `monitored ${summary.transactions.toLocaleString('en')} transactions in ${summary.seconds.toFixed(2)} s: ` +
          `${summary.alerts.toLocaleString('en')} alerts${counts === '' ? '' : ` (${counts})`}\n`,
      );
    });
}
