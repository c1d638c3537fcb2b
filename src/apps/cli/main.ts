import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { auditCommand } from './commands/audit.command.ts';
import { dbCommand } from './commands/db.command.ts';
import { demoCommand } from './commands/demo.command.ts';
import { exportCommand } from './commands/export.command.ts';
import { generateCommand } from './commands/generate.command.ts';
import { importCommand } from './commands/import.command.ts';
import { linkCommand } from './commands/link.command.ts';
import { orgCommand } from './commands/org.command.ts';
import { resolveCommand } from './commands/resolve.command.ts';
import { retentionCommand } from './commands/retention.command.ts';
import { serveCommand } from './commands/serve.command.ts';
import { groupCommand, userCommand } from './commands/user.command.ts';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// Output piped into a command that stops reading (`weft export | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('weft')
  .description('Weft: a cross-sector counter-trafficking intelligence exchange')
  .version(version)
  .showHelpAfterError();

program.addCommand(serveCommand(version));
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(generateCommand());
program.addCommand(demoCommand());
program.addCommand(orgCommand());
program.addCommand(dbCommand());
program.addCommand(userCommand()).addCommand(groupCommand());
program.addCommand(auditCommand());
program.addCommand(retentionCommand());
program.addCommand(resolveCommand());
program.addCommand(linkCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`weft: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
