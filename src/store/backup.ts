// Logical backups: every table's rows as JSON, in foreign-key order, through PostgreSQL's own
// row_to_json / json_populate_recordset, so one dump restores into either engine (and
// `migrate-to` is a dump streamed straight into a restore). A dump carries the schema version
// it was taken at; restoring brings the target to that version, loads the rows, then applies
// the newer migrations, so an old backup restores into new code.
import { createGunzip, createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Db, Queryable } from './db.ts';
import { migrate, migrationStatus } from './migrate.ts';

const FORMAT = 'dateline-backup';
const BATCH = 500;

export interface BackupHeader {
  format: typeof FORMAT;
  formatVersion: 1;
  schemaVersion: number;
  createdAt: string;
  engine: string;
}

type DumpLine = ({ type: 'header' } & BackupHeader) | { type: 'table'; table: string; columns: string[] } | { type: 'rows'; table: string; rows: unknown[] } | { type: 'end'; tables: Record<string, number> };

interface TableInfo {
  name: string;
  columns: string[];
}

/** User tables in an order where every table comes after the tables it references. */
export async function tablesInDependencyOrder(db: Queryable): Promise<TableInfo[]> {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pl.relname`,
  );
  const columns = await db.query<{ table: string; column: string }>(
    `SELECT c.relname AS "table", a.attname AS "column" FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const edge of edges) parents.get(edge.child)?.add(edge.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.map((t) => t.name).filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    // A cycle of foreign keys would stall the sort: place the rest alphabetically.
    const next = ready.length ? ready : tables.map((t) => t.name).filter((t) => !placed.has(t));
    for (const name of next) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered.map((name) => ({ name, columns: columns.filter((c) => c.table === name).map((c) => c.column) }));
}

const quoteIdent = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/** Yields a consistent dump of the database, line by line. */
export async function* dumpDatabase(db: Db): AsyncGenerator<DumpLine> {
  const lines: DumpLine[] = [];
  // One read-only transaction: a consistent snapshot on a server; the embedded engine is
  // single-connection, so the transaction alone keeps writers out.
  await db.transaction(async (tx) => {
    if (db.engine === 'server') await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { current } = await migrationStatus(tx);
    lines.push({
      type: 'header',
      format: FORMAT,
      formatVersion: 1,
      schemaVersion: current,
      createdAt: new Date().toISOString(),
      engine: db.engine,
    });
    const counts: Record<string, number> = {};
    for (const table of await tablesInDependencyOrder(tx)) {
      lines.push({ type: 'table', table: table.name, columns: table.columns });
      const hasId = table.columns.includes('id');
      let offset = 0;
      counts[table.name] = 0;
      for (;;) {
        const rows = await tx.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM ${quoteIdent(table.name)} t
            ORDER BY ${hasId ? 'id' : table.columns.map(quoteIdent).join(', ')} LIMIT ${BATCH} OFFSET ${offset}`,
        );
        if (!rows.length) break;
        lines.push({ type: 'rows', table: table.name, rows: rows.map((r) => JSON.parse(r.row)) });
        counts[table.name] += rows.length;
        offset += rows.length;
      }
    }
    lines.push({ type: 'end', tables: counts });
  });
  yield* lines;
}

export async function writeBackup(db: Db, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  let counts: Record<string, number> = {};
  for await (const line of dumpDatabase(db)) {
    if (line.type === 'end') counts = line.tables;
    if (!gzip.write(JSON.stringify(line) + '\n')) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
  return counts;
}

export async function* readBackup(file: string): AsyncGenerator<DumpLine> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (!text.trim()) continue;
    try {
      yield JSON.parse(text) as DumpLine;
    } catch {
      throw new Error(`${file}: line ${lineNumber} is not valid JSON; the backup is damaged`);
    }
  }
}

/**
 * Loads a dump into an empty database: migrates it to the dump's schema version, inserts
 * every table's rows, moves the id sequences past the loaded ids, then applies newer migrations.
 */
export async function restoreDatabase(db: Db, lines: AsyncIterable<DumpLine>, origin: string): Promise<Record<string, number>> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.type !== 'header' || first.value.format !== FORMAT) {
    throw new Error(`${origin}: not a Dateline backup (no header line)`);
  }
  const header = first.value;
  await migrate(db, header.schemaVersion);
  const { current } = await migrationStatus(db);
  if (current !== header.schemaVersion) {
    throw new Error(`${origin}: taken at schema version ${header.schemaVersion}, which this code does not know (it has up to ${current})`);
  }
  const nonEmpty = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
  if (nonEmpty[0]!.n > 0) throw new Error(`the target database already holds ${nonEmpty[0]!.n} articles; restore needs an empty database`);
  const counts: Record<string, number> = {};
  let ended = false;
  await db.transaction(async (tx) => {
    const columnsOf = new Map<string, string[]>();
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const line = next.value;
      if (line.type === 'table') {
        columnsOf.set(line.table, line.columns);
        counts[line.table] = 0;
        // Rows the migrations themselves seed (e.g. the migrations log) are replaced by the dump's.
        await tx.exec(`DELETE FROM ${quoteIdent(line.table)}`);
      } else if (line.type === 'rows') {
        const columns = columnsOf.get(line.table)!.map(quoteIdent).join(', ');
        await tx.query(
          `INSERT INTO ${quoteIdent(line.table)} (${columns})
           SELECT ${columns} FROM json_populate_recordset(NULL::${quoteIdent(line.table)}, $1::json)`,
          [JSON.stringify(line.rows)],
        );
        counts[line.table] += line.rows.length;
      } else if (line.type === 'end') {
        ended = true;
      }
    }
    if (!ended) throw new Error(`${origin}: the backup ends early (truncated file); nothing was restored`);
    for (const table of columnsOf.keys()) {
      const sequences = await tx.query<{ column: string; seq: string | null }>(
        `SELECT a.attname AS "column", pg_get_serial_sequence($1, a.attname) AS seq FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        [quoteIdent(table)],
      );
      for (const { column, seq } of sequences) {
        if (!seq) continue;
        await tx.query(`SELECT setval($1, COALESCE((SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table)}), 0) + 1, false)`, [seq]);
      }
    }
  });
  await migrate(db);
  return counts;
}
