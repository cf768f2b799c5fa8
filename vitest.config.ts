import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The longest files (real processes killed and restarted, a browser) start first, so they run
// beside the many short ones instead of after them: on CI's two cores that decides the wall time.
const LONG_FIRST = [
  /sigkill\.test\.ts$/,
  /e2e\/reader\.test\.ts$/,
  /cli\/import\.test\.ts$/,
  /cli\/beside-server\.test\.ts$/,
  /server\/fuzz\.test\.ts$/,
  /worker\/workers\.test\.ts$/,
  /pipeline\/cut-parity\.test\.ts$/,
  /stories\/demo\.test\.ts$/,
];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = LONG_FIRST.findIndex((pattern) => pattern.test(file.moduleId));
      return i === -1 ? LONG_FIRST.length : i;
    };
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map((x) => x.file);
  }
}

/**
 * Folders of pure functions (no database, no process, no module state a file changes): their files run
 * in one module graph per worker (isolate: false) instead of each re-importing it. Checked by running
 * them both ways: test/extract + test/text, 240 passed each way, CPU 21.3 s -> 10.7 s (two runs each).
 */
const SHARED_MODULES = ['test/extract/**/*.test.ts', 'test/text/**/*.test.ts'];
const ALL = ['test/**/*.test.ts', 'e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    include: ALL,
    projects: [
      { extends: true, test: { name: 'isolated', include: ALL, exclude: ['**/node_modules/**', ...SHARED_MODULES] } },
      // Not `extends: true`: that would add the root's include (every file) to this project's.
      { test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false, pool: 'forks', testTimeout: 60_000 } },
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (~300-800 MB each): keep parallelism to the machine's two cores.
    maxWorkers: 2,
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts'],
    sequence: { sequencer: LongFirst },
  },
});
