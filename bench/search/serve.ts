// The server the search benchmark measures, in its own process (an embedded database belongs to
// one process, and the load generator must not share the server's event loop). Prints its port.
import { openStore } from '../../src/store/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';

const [, , target] = process.argv;
if (!target) throw new Error('usage: serve.ts <data directory | postgres:// URL>');
const db = await openStore(target.startsWith('postgres') ? { databaseUrl: target, poolSize: 16 } : { dataDir: target });
const app = await buildServer(makeContext(db, loadSettings({})));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(JSON.stringify({ port: (app.server.address() as { port: number }).port }) + '\n');
const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
