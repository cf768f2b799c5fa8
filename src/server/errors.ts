// One error body for the whole API: { error: { code, message } }, and 4xx never become 500s.

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
