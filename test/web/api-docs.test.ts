// The API document: every /api/v1 route has a summary, every parameter says what it means, and
// the docs page shows `code` as code rather than literal backticks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebWorld, type WebWorld } from './server-world.ts';

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: { description?: string };
}

describe('the API document', () => {
  let world: WebWorld;
  let base: string;
  beforeAll(async () => {
    world = await startWebWorld();
    base = world.base;
  });
  afterAll(() => world?.close());

  it('gives every route a summary and every query parameter a description', async () => {
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { summary?: string; parameters?: Parameter[] }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter(({ op }) => !op.summary).map(({ route }) => route)).toEqual([]);
    const undescribed = operations.flatMap(({ route, op }) => (op.parameters ?? []).filter((p) => p.in === 'query' && !p.description && !p.schema?.description).map((p) => `${route} ${p.name}`));
    expect(undescribed).toEqual([]);
    const stories = doc.paths['/api/v1/stories/{id}']!.get!.parameters!.find((p) => p.name === 'id')!;
    expect(stories.description ?? stories.schema?.description).toBe("The story's id");
  });

  it('shows backticks as code on the docs page', async () => {
    const page = await (await fetch(`${base}/api/v1/docs`)).text();
    expect(page).toContain('<code>cursor</code>');
    expect(page).not.toMatch(/>[^<]*`[^<]*</);
  });
});
