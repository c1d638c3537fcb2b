import { Command } from 'commander';
import { readConfig } from '../../config.ts';
import { startServer } from '../../server/serve.ts';

/** `weft serve`: the API (and later the web UI) over the configured database. */
export function serveCommand(version: string): Command {
  return new Command('serve')
    .description('Serve the HTTP API over the configured database (PORT, DATABASE_URL, NATS_URL, WEFT_DATA_DIR)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 8080)')
    .action(async (options: { port?: string }) => {
      const config = readConfig(options.port === undefined ? process.env : { ...process.env, PORT: options.port });
      const server = await startServer(config, version);
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
