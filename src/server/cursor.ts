// Opaque keyset cursors for paginated lists: base64url JSON of the last row's sort key.
import { badRequest } from './errors.ts';
import { MAX_ID, storableDate } from './validation.ts';

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

/** A row id inside a cursor: a whole number 1..MAX_ID, else null (the cursor is refused). */
export const cursorId = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_ID ? value : null);

/** A time inside a cursor: null stays null; a storable ISO time becomes a Date; anything else is undefined (refused). */
export function cursorTime(value: unknown): Date | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const date = new Date(value);
  return storableDate(date) ? date : undefined;
}

/** The cursor of a list ordered by a time (possibly null) then id: { id, at }. */
export function decodeTimeIdCursor(cursor: string): { id: number; at: Date | null } {
  return decodeCursor(cursor, (v) => {
    const id = cursorId(v.id);
    const at = cursorTime(v.at);
    return id !== null && at !== undefined ? { id, at } : null;
  });
}
