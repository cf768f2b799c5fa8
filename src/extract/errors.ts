// The one error the extract stage raises for a page it cannot read, with the reason in plain
// words. The caller (importer, fetcher) adds which file or URL it was.

export type PageErrorCode = 'empty' | 'too-large' | 'binary' | 'undecodable' | 'no-article';

export class PageError extends Error {
  readonly code: PageErrorCode;
  /** The reason alone, e.g. "empty file"; `message` is the same text. */
  readonly reason: string;

  constructor(code: PageErrorCode, reason: string) {
    super(reason);
    this.name = 'PageError';
    this.code = code;
    this.reason = reason;
  }
}
