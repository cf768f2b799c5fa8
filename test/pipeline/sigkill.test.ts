// The SIGKILL cases (sigkill-suite.ts), against the embedded database and then the PostgreSQL server
// (DATELINE_TEST_DATABASE_URL; skipped when it is unreachable, except under CI=true, where that fails
// the run). One file, so the cases run one after another on one worker: their processes keep a core
// busy, and two such files at once took both of CI's cores from the rest of the suite (1,125 s run).
//
// Each kill loop costs ~14 `dateline` processes, each ~4.5 s of CPU to start (tsx loading the CLI),
// and CI's two cores cannot carry four loops with the rest of the suite inside 15 minutes (1,016 s):
// the import loop runs on the embedded database (the default; its store and steps over PGlite), the
// feed worker's loop on the server (its leases and claims over pooled connections). Every engine runs
// the backup and the migration cases. Kills land after start-up (see killAndCompare).
import { isServerReachable } from '../helpers/db.ts';
import { sigkillSuite } from './sigkill-suite.ts';

sigkillSuite('embedded', { import: true, feedWorker: false });
sigkillSuite('server', { import: false, feedWorker: true }, !(await isServerReachable()));
