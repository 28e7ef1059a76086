// The only file-system code of the content layer: reading manifest files and directories.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadedText { readonly file: string; readonly text: string }

export type LoadResult = { ok: true; files: LoadedText[] } | { ok: false; error: string };

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/** Reads each path; a directory contributes its *.yaml, *.yml and *.json files (sorted, not recursive). "-" is stdin text. */
export function readManifestPaths(paths: readonly string[], stdin?: () => string): LoadResult {
  const files: LoadedText[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push({ file: '<stdin>', text: stdin ? stdin() : '' });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      return { ok: false, error: `error: the path "${p}" does not exist` };
    }
    try {
      if (st.isDirectory()) {
        for (const name of readdirSync(p).filter((n) => MANIFEST_EXT.test(n)).sort()) {
          files.push({ file: join(p, name), text: readFileSync(join(p, name), 'utf8') });
        }
      } else {
        files.push({ file: p, text: readFileSync(p, 'utf8') });
      }
    } catch (e) {
      return { ok: false, error: `error: cannot read "${p}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  return { ok: true, files };
}
