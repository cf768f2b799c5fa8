// Feed dates as real feeds write them: RFC 822 and ISO 8601 mostly, but also named time zones,
// missing zones, day-first numbers and prose. Strict formats first, chrono-node for the rest;
// impossible dates (31 February, hour 25) are refused rather than rolled over.
import * as chrono from 'chrono-node';

const ISO_OR_RFC822 = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?|(\w{3},?\s+)?\d{1,2}\s+\w{3,9}\s+\d{2,4}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+([+-]\d{4}|[A-Z]{1,5}))?)$/i;

// Zones RFC 822 names that V8 does not know.
const ZONE_OFFSETS: Record<string, string> = {
  UT: '+0000',
  Z: '+0000',
  CEST: '+0200',
  CET: '+0100',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  KST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
  EEST: '+0300',
  EET: '+0200',
  WEST: '+0100',
  WET: '+0000',
  HKT: '+0800',
  SGT: '+0800',
};

/** Reads a feed's date; null when it is empty or not a possible date. */
export function parseFeedDate(text: string | null | undefined): Date | null {
  const value = text?.trim();
  if (!value) return null;
  if (ISO_OR_RFC822.test(value)) {
    const zoned = value.replace(/\s([A-Z]{1,5})$/, (whole, zone: string) => (ZONE_OFFSETS[zone] ? ` ${ZONE_OFFSETS[zone]}` : whole));
    // A date without a zone is read as UTC, not as the server's local time.
    const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(zoned) ? zoned.replace(' ', 'T') + 'Z' : zoned;
    const parsed = new Date(withZone);
    if (!Number.isNaN(parsed.getTime()) && plausible(value)) return parsed;
  }
  // Only absolute dates: "yesterday" would need a clock, and a date without a year is a guess.
  if (!/\d{4}/.test(value)) return null;
  // Dotted numeric dates (05.08.2024) are day-first wherever they are written.
  const parser = /^\d{1,2}\.\d{1,2}\.\d{4}/.test(value) ? chrono.en.GB : chrono;
  const results = parser.parse(value, undefined, { forwardDate: false });
  const first = results[0];
  if (!first?.start.isCertain('day') || !first.start.isCertain('month') || !first.start.isCertain('year')) return null;
  const start = first.start;
  // Without a stated zone, read the wall-clock fields as UTC rather than the server's zone.
  const date = start.isCertain('timezoneOffset') ? start.date() : new Date(Date.UTC(start.get('year')!, start.get('month')! - 1, start.get('day')!, start.get('hour') ?? 0, start.get('minute') ?? 0, start.get('second') ?? 0));
  return Number.isNaN(date.getTime()) ? null : date;
}

// V8 rolls "31 Feb" over to 3 March; a day number that did not survive parsing was impossible.
function plausible(text: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return Number(iso[2]) >= 1 && Number(iso[2]) <= 12 && Number(iso[3]) <= daysIn(Number(iso[1]), Number(iso[2]));
  const rfc = /(?:^|\s)(\d{1,2})\s+([A-Za-z]{3})/.exec(text);
  return !rfc || Number(rfc[1]) <= 31;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
