#!/usr/bin/env node
// The `dateline` command. A fresh clone needs no build step: the TypeScript CLI runs compiled to plain
// JavaScript (bin/compiled-cli.js: rebuilt whenever a source file changed, so never stale), or through
// tsx when that cannot be done (node_modules not writable) or DATELINE_RUN_SOURCE=1 asks for it.
import { compiledCli } from './compiled-cli.js';

// `dateline articles | head`: once the reader of our output has gone, stop quietly, as other
// command-line tools do, instead of a stack trace of the failed write (EPIPE).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

async function entry() {
  if (process.env.DATELINE_RUN_SOURCE !== '1') {
    try {
      const compiled = await compiledCli();
      // Stack traces name the TypeScript lines when they are asked for.
      if (process.env.DATELINE_DEBUG) process.setSourceMapsEnabled(true);
      return compiled;
    } catch (error) {
      if (process.env.DATELINE_DEBUG) console.error('dateline: running through tsx, the compiled CLI failed:', error);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return '../src/cli/main.ts';
}

const { main } = await import(await entry());
process.exitCode = await main(process.argv.slice(2));
