// The response schema of the one error body every route sends ({error: {code, message}}, see
// errors.ts), for route modules' OpenAPI entries.
export const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;
