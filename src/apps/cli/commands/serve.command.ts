import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { readConfig } from '../../config.ts';
import type { DemoLogin } from '../../ingest/demo.ts';
import { startServer } from '../../server/serve.ts';

/**
 * Where to sign in, said on the terminal (not in the log): with the demo world, the analyst's
 * login, whose password is printed only to an interactive terminal (a captured output gets the
 * file that holds the logins instead).
 */
function welcome(url: string, dataDir: string, terminal: boolean): string {
  const lines = [`Weft: the workbench is at ${url} (API documentation at ${url}/api/docs)`];
  const file = join(dataDir, 'demo-users.json');
  if (existsSync(file)) {
    const logins = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[];
    // The coordination hub's analyst sees the most of what members share.
    const analyst =
      logins.find((login) => login.role === 'analyst' && login.organisation === 'weft-hub') ??
      logins.find((login) => login.role === 'analyst') ??
      logins[0];
    if (analyst !== undefined && terminal) {
      lines.push(`Demo sign-in: ${analyst.email}  password ${analyst.password}`);
    }
    lines.push(
      `Every demo user (one per role) is in ${file}. At the first sign-in the workbench shows a key for an ` +
        'authenticator app; without one, `npm run weft -- user code <key>` prints the current code.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `weft serve`: the API and the web workbench over the configured database. */
export function serveCommand(version: string): Command {
  return new Command('serve')
    .description(
      'Serve the HTTP API and the web workbench over the configured database (PORT, DATABASE_URL, NATS_URL, WEFT_DATA_DIR)',
    )
    .option('-p, --port <port>', 'port to listen on (default: PORT or 8080)')
    .action(async (options: { port?: string }) => {
      const config = readConfig(options.port === undefined ? process.env : { ...process.env, PORT: options.port });
      const server = await startServer(config, version);
      // Fastify names the address it bound (http://[::1]:8080); people type the host they asked for.
      const address = new URL(server.url);
      address.hostname = config.host;
      process.stdout.write(welcome(address.origin, config.dataDir, process.stdout.isTTY));
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
