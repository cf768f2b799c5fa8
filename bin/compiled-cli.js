// The CLI's TypeScript compiled to plain JavaScript, so each `dateline` start skips tsx's loader hooks
// (~2 s of CPU a start on a 2-core machine). Never stale: the compiled tree is named by a hash of every
// source file's content (and of tsconfig.json, the compiler and Node version), checked at each start
// (~20 ms), and rebuilt (~1 s) whenever anything differs. Each file is compiled on its own by esbuild, the compiler tsx itself
// runs, with the same options, so the code that runs is the code tsx would run; relative imports point at
// the compiled neighbours, and `import.meta.url` keeps naming the source file, so assets beside the
// sources (migrations, models, web assets) resolve as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE_DIR = join(ROOT, 'src');
/** Inside node_modules: ignored by git and Biome, and bare imports from the compiled files resolve to the project's packages. */
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'dateline-cli');
/** Bump when the way files are compiled changes: older trees are then never used. */
const RECIPE = 1;
const HOUR_MS = 3_600_000;

/** Every TypeScript file under src, in a fixed order (a walk: Node 20's recursive readdir is ~15x slower). */
function sourceFiles(dir = SOURCE_DIR, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, files);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The esbuild tsx depends on (tsx is one of our dependencies, esbuild is not). */
const fromTsx = () => createRequire(createRequire(import.meta.url).resolve('tsx'));

/** The key of the current sources: their paths and contents, tsconfig.json (esbuild reads it), the compiler's version, Node's, the recipe. */
function keyOf(files, esbuildVersion) {
  const hash = createHash('sha256').update(`${RECIPE}\0${esbuildVersion}\0${process.versions.node}\0${ROOT}\0`);
  hash.update(readFileSync(join(ROOT, 'tsconfig.json'))).update('\0');
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 20);
}

/**
 * Trees of other keys built over an hour ago go (~5 MB each; an afternoon of edits would pile them up).
 * A process loads its modules in its first seconds, so none still running needs an hour-old tree.
 */
function pruneStale(keep) {
  const hourAgo = Date.now() - HOUR_MS;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (name !== keep && statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** Compiles every source file into `outDir` (bench/ci/cli-start.ts times it). */
export async function buildCompiledCli(outDir, files = sourceFiles()) {
  const started = performance.now();
  const esbuild = fromTsx()('esbuild');
  const relativeImport = /^\.\.?\//;
  await esbuild.build({
    entryPoints: files,
    outdir: join(outDir, 'src'),
    outbase: SOURCE_DIR,
    // Bundle mode only to reach the resolver: every import stays external, one output file per source.
    bundle: true,
    packages: 'external',
    // Paths in the output's comments are relative to the project, not to wherever `dateline` was started.
    absWorkingDir: ROOT,
    format: 'esm',
    platform: 'node',
    // As tsx compiles (its transform options): same target, names kept.
    target: `node${process.versions.node}`,
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'silent',
    define: { 'import.meta.url': '__sourceUrl', 'import.meta.filename': '__sourceFile', 'import.meta.dirname': '__sourceDir' },
    plugins: [
      {
        name: 'dateline-per-file',
        setup(plugin) {
          plugin.onResolve({ filter: relativeImport }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (!args.path.endsWith('.ts')) return { errors: [{ text: `${args.path}: relative imports in src name the .ts file` }] };
            return { path: `${args.path.slice(0, -3)}.js`, external: true };
          });
          plugin.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            // One line first (the source map accounts for it): where this module's source file is.
            const where = `const __sourceUrl = ${JSON.stringify(pathToFileURL(args.path).href)}, __sourceFile = ${JSON.stringify(args.path)}, __sourceDir = ${JSON.stringify(dirname(args.path))};`;
            return { contents: `${where}\n${source}`, loader: 'ts' };
          });
        },
      },
    ],
  });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
  // Which checkout the tree was compiled from (several checkouts may share one node_modules).
  writeFileSync(join(outDir, 'tree.json'), `${JSON.stringify({ root: ROOT, files: files.length })}\n`);
  return { files: files.length, wallS: (performance.now() - started) / 1000 };
}

/**
 * The URL of the compiled `src/cli/main.ts` for the current sources, compiled now if they changed.
 * Several processes may start at once: each builds aside and renames; the first rename wins.
 */
export async function compiledCli() {
  const files = sourceFiles();
  const key = keyOf(files, JSON.parse(readFileSync(fromTsx().resolve('esbuild/package.json'), 'utf8')).version);
  const dir = join(CACHE_DIR, key);
  const main = join(dir, 'src', 'cli', 'main.js');
  if (!existsSync(main)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    pruneStale(key);
    const building = `${dir}.building-${process.pid}-${Date.now()}`;
    try {
      await buildCompiledCli(building, files);
      renameSync(building, dir);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(main)) throw error; // otherwise another start got there first
    }
  }
  return pathToFileURL(main).href;
}
