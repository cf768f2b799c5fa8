// The README is the operator's reference: every setting the code reads is documented there.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SETTINGS } from '../../src/config.ts';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it('documents every setting', () => {
    const missing = SETTINGS.map((s) => s.env).filter((name) => !readme.includes('`' + name + '`'));
    expect(missing).toEqual([]);
  });
  it('gives the two commands of a fresh clone', () => {
    expect(readme).toContain('npm install && npx dateline demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
