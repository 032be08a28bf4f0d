/**
 * An error of a run as kept for everyone to read: entity refs (which may name
 * entities hidden from the reader) and URLs are left out; the log has it whole.
 */
export function redactRunError(error: unknown): string {
  let message =
    error instanceof Error ? error.message : String(error ?? 'Unknown error');
  // knex prefixes the statement, values and all, to the database's message.
  if (/^\s*(insert|select|update|delete|with)\b/i.test(message)) {
    const cut = message.lastIndexOf(' - ');
    message = `Database error${cut >= 0 ? `: ${message.slice(cut + 3)}` : ''}`;
  }
  return message
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\b[a-z][a-z0-9-]*:[a-z0-9._-]+\/[a-z0-9._-]+/gi, '<entity>');
}
