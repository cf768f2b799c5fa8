// The SIGKILL cases (sigkill-suite.ts), against the embedded database and then the PostgreSQL server
// (DATELINE_TEST_DATABASE_URL; skipped when it is unreachable, except under CI=true, where that fails
// the run). One file, so the cases run one after another on one worker: their processes keep a core
// busy, and two such files at once took both of CI's cores from the rest of the suite (1,125 s run).
//
// Both kill loops run on both engines again: a `dateline` start costs ~1.5 s of CPU (the CLI runs
// compiled, and a command loads only what it runs; bench/ci/cli-start.ts), not the ~4.5 s of tsx that
// had the import loop run only on the embedded database and the feed worker's only on the server.
// Every engine runs the backup and the migration cases. Kills land after start-up (see killAndCompare).
import { isServerReachable } from '../helpers/db.ts';
import { sigkillSuite } from './sigkill-suite.ts';

sigkillSuite('embedded', { import: true, feedWorker: true });
sigkillSuite('server', { import: true, feedWorker: true }, !(await isServerReachable()));
