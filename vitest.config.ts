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

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (~300-800 MB each): keep parallelism to the machine's two cores.
    maxWorkers: 2,
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts'],
    sequence: { sequencer: LongFirst },
  },
});
