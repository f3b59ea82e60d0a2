import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import type { Store } from '../../store/index.js';
import { redact } from '../../store/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { withStore } from '../with-store.js';

export interface ServeCommandOptions {
  db?: string;
  host: string;
  port: number;
  token?: string;
}

/** Lets a caller (tests, `demo`) learn the URL and stop the server; by default SIGINT/SIGTERM stop it. */
export interface ServeControl {
  signal?: AbortSignal;
  onListening?: (url: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The built web app: dist/web at the package root (three folders up from src/cli/commands and dist/cli/commands). */
export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Registers `iamrisk serve` (PRODUCT.md §4 and §6). */
export function define(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('serve the Identity Risks Explorer (web app and JSON API) over a store')
    .option('--db <file|url>', 'store: SQLite file or postgres:// URL (default: iamrisk.db)')
    .option('--host <address>', 'address to bind; anything but loopback requires a token', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--token <token>', 'access token (default: $IAMRISK_TOKEN); required off loopback')
    .action(async (o: ServeCommandOptions) => setExit(await run(o, io)));
}

/** Opens the store and serves it until SIGINT or SIGTERM (or `control.signal`). */
export async function run(opts: ServeCommandOptions, io: CliIo, control: ServeControl = {}): Promise<number> {
  const token = opts.token ?? io.env.IAMRISK_TOKEN ?? null;
  if (!LOOPBACK.has(opts.host) && !token) {
    throw new CliError(
      `--host ${opts.host} exposes the explorer beyond this machine: give --token or set IAMRISK_TOKEN`,
    );
  }
  return withStore(
    opts.db,
    io,
    async (store) => {
      io.stderr.write(`Serving ${redact(opts.db ?? 'iamrisk.db')} …\n`);
      return serveStore(store, { host: opts.host, port: opts.port, token }, io, control);
    },
    { mustExist: true },
  );
}

/**
 * Serves an open store: prints the explorer's URL (with `?token=` when a token is set) and resolves with
 * exit code 0 once stopped.
 */
export async function serveStore(
  store: Store,
  opts: { host: string; port: number; token: string | null },
  io: CliIo,
  control: ServeControl = {},
): Promise<number> {
  // DNS rebinding guard: on loopback, only loopback host names may reach the API.
  const allowedHosts = LOOPBACK.has(opts.host) ? ['127.0.0.1', 'localhost', '[::1]'] : null;
  const app = await buildApp({ store, token: opts.token, webRoot: WEB_ROOT, allowedHosts });
  let address: string;
  try {
    address = await app.listen({ host: opts.host, port: opts.port });
  } catch (e) {
    throw new CliError(`cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}`);
  }
  const port = new URL(address).port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostPart}:${port}/${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`;
  io.stdout.write(`Identity Risks Explorer: ${url}\n`);
  // Build the explorer's in-memory index now, not on the first request (~0.3 s at 50,000 detections). A store
  // that fails here fails that request too, which reports it.
  void store.detectionFacets({}).catch(() => undefined);
  control.onListening?.(url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    if (control.signal) {
      if (control.signal.aborted) resolve();
      control.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  });
  await app.close();
  return EXIT.ok;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`--port: "${value}" is not a port number`);
  return n;
}
