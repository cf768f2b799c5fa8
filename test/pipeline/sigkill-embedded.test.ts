// The SIGKILL cases (sigkill-suite.ts) against the embedded database: `dateline` processes
// killed at random points in a PGlite directory, run again, compared with a clean run.
import { sigkillSuite } from './sigkill-suite.ts';

sigkillSuite('embedded');
