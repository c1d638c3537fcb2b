/** Running the `weft` command as a user would, in a child process. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

const root = new URL('../../', import.meta.url).pathname;

/** A finished command. */
export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `weft <args>` with extra environment; the caller may wait for it or kill it. */
export function startWeft(
  args: readonly string[],
  environment: Record<string, string>,
): {
  child: ChildProcessByStdio<null, Readable, Readable>;
  done: Promise<CommandResult>;
  output: () => { stdout: string; stderr: string };
} {
  const child = spawn(process.execPath, [`${root}bin/weft.js`, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CommandResult>((resolve) => {
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Runs `weft <args>` to the end. */
export function runWeft(args: readonly string[], environment: Record<string, string>): Promise<CommandResult> {
  return startWeft(args, environment).done;
}
