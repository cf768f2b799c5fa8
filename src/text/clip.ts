// Shortening text to a length: cut at the last word boundary that fits and mark the cut with an
// ellipsis, so a listing or a card never ends a role or a sentence mid-word ("Intern").

/** `text` whole when it fits in `max` characters, else its words up to `max - 1` characters and "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  // A single very long word is cut where it must be.
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}
