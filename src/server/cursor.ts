// Opaque keyset cursors for paginated lists: base64url JSON of the last row's sort key.
import { badRequest } from './errors.ts';

export function encodeCursor(key: Record<string, string | number | null>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(cursor: string, check: (value: Record<string, unknown>) => T | null): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor: not a cursor this API issued');
  }
  const value = parsed && typeof parsed === 'object' ? check(parsed as Record<string, unknown>) : null;
  if (!value) throw badRequest('cursor: not a cursor this API issued');
  return value;
}
