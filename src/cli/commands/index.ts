// Every `dateline` command, registered in this order. A feature adds one line here.
// Every `dateline` start imports these modules (to list and parse the commands), so they import
// statically only what is light (commander, the settings, small helpers) and load what a command
// runs (the store, the pipeline, the server, the libraries behind them) with `await import()` when
// it runs: `dateline --help` then costs ~0.16 s of CPU, not ~2 s (bench/ci/cli-start.ts).
import type { Command } from 'commander';
import { registerImportCommand } from './import.ts';
import { registerArticleCommands } from './articles.ts';
import { registerServeCommands } from './serve.ts';
import { registerFeedCommands } from './feeds.ts';
import { registerOpsCommands } from './ops.ts';
import { registerStoryCommands } from './stories.ts';
import { registerUserCommands } from './users.ts';
import { registerEnrichCommands } from './enrich.ts';
import { registerSearchCommands } from './search.ts';
import { registerWebhookCommands } from './webhooks.ts';
import { registerEmailCommands } from './email.ts';
import { registerCoverageCommands } from './coverage.ts';
import { registerImageCommands } from './images.ts';

export const commandModules: ((program: Command) => void)[] = [
  registerImportCommand,
  registerArticleCommands,
  registerServeCommands,
  registerFeedCommands,
  registerOpsCommands,
  registerStoryCommands,
  registerUserCommands,
  registerEnrichCommands,
  registerSearchCommands,
  registerWebhookCommands,
  registerEmailCommands,
  registerCoverageCommands,
  registerImageCommands,
];
