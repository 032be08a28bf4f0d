/**
 * The shared test PostgreSQL of scripts/postgres.sh, for the one fault that needs
 * the server itself: an immediate restart (what a crash of the database looks
 * like to its clients). Same settings and paths as the script.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../bench/backendHarness';

const PORT = Number(process.env.SRE_PG_PORT ?? 55432);
const DIR =
  process.env.SRE_PG_DIR ?? `/tmp/sre-catalog-pg-${process.getuid?.() ?? 0}`;
const DATA = path.join(DIR, 'data');
const LOG = path.join(DIR, 'server.log');
const SCRIPT = path.join(ROOT, 'scripts/postgres.sh');

export const SERVER_URL = `postgresql://postgres@127.0.0.1:${PORT}`;
export const SERVER_PORT = PORT;

/** The newest /usr/lib/postgresql/<major>/bin, where Debian keeps pg_ctl. */
function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!majors.length) throw new Error(`no pg_ctl under ${root}/*/bin`);
  return path.join(root, majors[majors.length - 1], 'bin');
}

/** The server refuses to run as root: as root, run as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

/** Starts the shared server if it is not running (scripts/postgres.sh start). */
export async function ensureServerRunning(): Promise<void> {
  await promisify(execFile)('bash', [SCRIPT, 'start']);
}

export async function isServerRunning(): Promise<boolean> {
  try {
    await promisify(execFile)('bash', [SCRIPT, 'status']);
    return true;
  } catch {
    return false;
  }
}

/**
 * `pg_ctl restart -m immediate`: every server process quits at once without a
 * checkpoint (crash recovery on start), then the server starts again with the
 * options of its last start (postmaster.opts). Resolves when it accepts
 * connections again, with how long pg_ctl took.
 */
export async function restartServerImmediately(): Promise<number> {
  const t0 = Date.now();
  const [command, args] = asPostgres(path.join(pgBin(), 'pg_ctl'), [
    '-D',
    DATA,
    '-l',
    LOG,
    '-w',
    '-t',
    '60',
    'restart',
    '-m',
    'immediate',
  ]);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', c => (err += c));
    child.once('error', reject);
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`pg_ctl restart exited ${code}: ${err.trim()}`)),
    );
  });
  return Date.now() - t0;
}
