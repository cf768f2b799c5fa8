#!/usr/bin/env node
// The `dateline` command: runs the TypeScript CLI through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

// `dateline articles | head`: once the reader of our output has gone, stop quietly, as other
// command-line tools do, instead of a stack trace of the failed write (EPIPE).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
