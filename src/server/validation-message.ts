// The 400 message for a request the route's schema refused, in the API's words: the parameter
// named, what it takes, and what was sent ("parameter kind: expected one of person, organisation,
// place; got \"planet\""), instead of the validator's own ("querystring must NOT have additional
// properties").
import type { FastifyError, FastifyRequest } from 'fastify';

interface SchemaFault {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const WHERE: Record<string, { noun: string; data: (request: FastifyRequest) => unknown }> = {
  querystring: { noun: 'parameter', data: (r) => r.query },
  params: { noun: 'path parameter', data: (r) => r.params },
  body: { noun: 'field', data: (r) => r.body },
  headers: { noun: 'header', data: (r) => r.headers },
};

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
};

export function validationMessage(error: FastifyError, request: FastifyRequest): string {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'request';
  const fault = (error.validation as SchemaFault[] | undefined)?.[0];
  const where = WHERE[context];
  const fallback = `${context}${error.message.replace(/^(querystring|params|body|headers)/, '')}`;
  if (!fault || !where) return fallback;
  // "/kind" or "/items/0/name": the parameter or field, as the client wrote it.
  const path = fault.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = `${where.noun} ${path}`;
  switch (fault.keyword) {
    case 'additionalProperties': {
      const schema = (request.routeOptions.schema as Record<string, { properties?: Record<string, unknown> }> | undefined)?.[context];
      const known = Object.keys(schema?.properties ?? {});
      const unknown = String(fault.params.additionalProperty);
      const inside = path ? ` in ${where.noun} ${path}` : '';
      return `unknown ${where.noun} ${unknown}${inside}; ${known.length ? `this address takes ${known.join(', ')}` : `this address takes no ${where.noun}s`}`;
    }
    case 'required':
      return `${where.noun} ${path ? `${path}.` : ''}${String(fault.params.missingProperty)} is required`;
    case 'enum': {
      const allowed = (fault.params.allowedValues as unknown[] | undefined) ?? [];
      let sent: unknown = where.data(request);
      for (const step of path.split('.')) sent = sent && typeof sent === 'object' ? (sent as Record<string, unknown>)[step] : undefined;
      return `${name}: expected one of ${allowed.join(', ')}${sent === undefined ? '' : `; got ${shown(sent)}`}`;
    }
    default:
      return path && fault.message ? `${name}: ${fault.message}` : fallback;
  }
}
