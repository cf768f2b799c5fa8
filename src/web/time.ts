// Human ages for the reader ("17 hours ago"), relative to a reference time passed in.

export function formatAge(date: Date | null, now: Date): string {
  if (!date) return 'date unknown';
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 0) return date.toISOString().slice(0, 10);
  if (seconds < 60) return 'just now';
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 7, 'week'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return n === 1 ? `${name === 'hour' ? 'an' : 'a'} ${name} ago` : `${n} ${name}s ago`;
  }
  return 'just now';
}
