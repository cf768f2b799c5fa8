// The SIGKILL cases (sigkill-suite.ts), against the embedded database and then the PostgreSQL server
// (DATELINE_TEST_DATABASE_URL; skipped when it is unreachable, except under CI=true, where that fails
// the run). One file, so the cases run one after another on one worker: their processes keep a core
// busy, and two such files at once took both of CI's cores from the rest of the suite (1,125 s run).
import { isServerReachable } from '../helpers/db.ts';
import { sigkillSuite } from './sigkill-suite.ts';

sigkillSuite('embedded');
sigkillSuite('server', !(await isServerReachable()));
