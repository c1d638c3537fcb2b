import { Command } from 'commander';
import { readFileSync } from 'node:fs';
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

/**
 * The commands, each loaded only when it is run (or when help lists them all): `weft link` need
 * not load the database driver, and starts in a fraction of the time.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./commands/serve.command.ts')).serveCommand(version),
  import: async () => (await import('./commands/import.command.ts')).importCommand(),
  export: async () => (await import('./commands/export.command.ts')).exportCommand(),
  generate: async () => (await import('./commands/generate.command.ts')).generateCommand(),
  demo: async () => (await import('./commands/demo.command.ts')).demoCommand(),
  org: async () => (await import('./commands/org.command.ts')).orgCommand(),
  db: async () => (await import('./commands/db.command.ts')).dbCommand(),
  user: async () => (await import('./commands/user.command.ts')).userCommand(),
  group: async () => (await import('./commands/user.command.ts')).groupCommand(),
  audit: async () => (await import('./commands/audit.command.ts')).auditCommand(),
  retention: async () => (await import('./commands/retention.command.ts')).retentionCommand(),
  resolve: async () => (await import('./commands/resolve.command.ts')).resolveCommand(),
  link: async () => (await import('./commands/link.command.ts')).linkCommand(),
  screen: async () => (await import('./commands/screen.command.ts')).screenCommand(),
  lists: async () => (await import('./commands/lists.command.ts')).listsCommand(),
  monitor: async () => (await import('./commands/monitor.command.ts')).monitorCommand(),
};

const named = process.argv[2];
const load = named === undefined ? undefined : COMMANDS[named];
for (const command of load === undefined ? Object.values(COMMANDS) : [load]) program.addCommand(await command());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`weft: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
