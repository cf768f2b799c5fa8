// Expands the import command's arguments (files, directories, globs) into the pages to read,
// reading each file only when it is within the size limit.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { PageInput } from '../pipeline.ts';

export interface FileProblem {
  location: string;
  message: string;
}

/** The files the arguments name, sorted and without repeats; arguments that name nothing are problems. */
export async function expandPaths(args: string[]): Promise<{ files: string[]; problems: FileProblem[] }> {
  const files = new Set<string>();
  const problems: FileProblem[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) {
      for (const file of await walk(arg)) files.add(file);
    } else if (info?.isFile()) {
      files.add(resolve(arg));
    } else {
      const matches = await glob(arg, { absolute: true, onlyFiles: true, dot: false });
      if (!matches.length) problems.push({ location: arg, message: 'no such file, directory or matching glob' });
      for (const match of matches) files.add(match);
    }
  }
  return { files: [...files].sort(), problems };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(resolve(path));
  }
  return out;
}

export class OversizeFileError extends Error {}

/** Reads a file as a page, refusing (without reading it) one over the size limit. */
export async function readPageFile(path: string, maxBytes: number): Promise<PageInput> {
  const info = await stat(path);
  if (info.size > maxBytes) {
    throw new OversizeFileError(`file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit (DATELINE_MAX_PAGE_BYTES)`);
  }
  return { location: path, bytes: await readFile(path), modifiedAt: info.mtime };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
