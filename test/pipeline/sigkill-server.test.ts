// The SIGKILL cases (sigkill-suite.ts) against the PostgreSQL server (DATELINE_TEST_DATABASE_URL;
// skipped when it is unreachable, except under CI=true, where that fails the run).
import { isServerReachable } from '../helpers/db.ts';
import { sigkillSuite } from './sigkill-suite.ts';

sigkillSuite('server', !(await isServerReachable()));
