/**
 * What an error while applying a pending SLI push says about the push:
 *
 * - `store`: the database or its schema is unusable (connection lost, server
 *   shutting down, out of disk, missing table, no privilege): no push is to blame;
 *   the run stops and every push stays pending.
 * - `transient`: the push may well apply when tried again (serialization failure,
 *   deadlock, lock or statement timeout, SQLite busy): retried, never a dead letter.
 * - `push`: anything else (a constraint or data error, an unreadable payload):
 *   a push that fails like this alone, twice, becomes a dead letter.
 */
export type ApplyErrorKind = 'store' | 'transient' | 'push';

/** Node.js socket and DNS errors: the connection is gone. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATE classes of an unusable store: connection exception (08),
 * invalid authorization (28), invalid catalog (3D), schema and privileges (42),
 * feature not supported (0A), insufficient resources (53), operator intervention
 * (57, but 57014 query_canceled is a timeout), system error (58), internal (XX).
 */
const PG_STORE_CLASSES = new Set([
  '08',
  '28',
  '3D',
  '42',
  '0A',
  '53',
  '57',
  '58',
  'XX',
]);

/** PostgreSQL SQLSTATEs worth a retry: transaction rollback (40), lock not available, query canceled. */
const PG_TRANSIENT = (code: string) =>
  code.startsWith('40') || code === '55P03' || code === '57014';

const SQLITE_STORE = [
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_NOMEM',
  'SQLITE_CORRUPT',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'SQLITE_PERM',
  'SQLITE_AUTH',
];

const CONNECTION_MESSAGES =
  /connection terminated|connection error|not queryable|connection ended|socket hang up|timeout acquiring a connection|unable to acquire a connection|the database connection is not open/i;

export function classifyApplyError(error: unknown): ApplyErrorKind {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (e?.name === 'KnexTimeoutError') return 'store';
  if (NETWORK_CODES.has(code)) return 'store';
  if (code.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return 'transient';
    }
    if (SQLITE_STORE.some(c => code.startsWith(c))) return 'store';
    if (/no such (table|column)/i.test(message)) return 'store';
    return 'push';
  }
  if (/^[0-9A-Z]{5}$/.test(code)) {
    if (PG_TRANSIENT(code)) return 'transient';
    if (PG_STORE_CLASSES.has(code.slice(0, 2))) return 'store';
    return 'push';
  }
  if (CONNECTION_MESSAGES.test(message)) return 'store';
  return 'push';
}

/** The longest error text kept with a dead letter. */
const MAX_ERROR_LENGTH = 1000;

/**
 * The error as a dead letter keeps it: knex puts the whole statement, with its
 * bound payload, before a database error's own message; only the latter is kept
 * (with its code), and at most MAX_ERROR_LENGTH characters.
 */
export function deadLetterErrorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  let message =
    typeof e?.message === 'string' && e.message ? e.message : String(error);
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code) {
    const cut = message.lastIndexOf(' - ');
    if (cut >= 0) message = message.slice(cut + 3);
    message = `${code}: ${message}`;
  } else if (typeof e?.name === 'string' && e.name !== 'Error') {
    message = `${e.name}: ${message}`;
  }
  return message.length > MAX_ERROR_LENGTH
    ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : message;
}
