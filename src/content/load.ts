// The only file-system code of the content layer: reading manifest files and directories, lessons
// directories and content packs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assembleCourse, type CourseDir } from './course.ts';
import { formatContentError } from './lesson-parse.ts';
import type { Lesson } from './lesson-types.ts';

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

// ---- lessons and content packs ----

const YAML_EXT = /\.ya?ml$/i;
const INDEX_NAMES = ['index.yaml', 'index.yml'];

function isDir(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

/** Reads a lessons directory: index.yaml and every other *.yaml/*.yml file in it (sorted, not recursive). */
export function readCourseDir(dir: string): { ok: true; value: CourseDir } | { ok: false; error: string } {
  if (!isDir(dir)) return { ok: false, error: `${dir}: not a directory` };
  try {
    const names = readdirSync(dir).filter((n) => YAML_EXT.test(n)).sort();
    const indexName = INDEX_NAMES.find((n) => names.includes(n));
    const indexFile = join(dir, indexName ?? 'index.yaml');
    const read = (name: string): LoadedText => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') });
    return {
      ok: true,
      value: {
        dir, indexFile,
        index: indexName ? read(indexName) : undefined,
        lessons: names.filter((n) => !INDEX_NAMES.includes(n)).map(read),
      },
    };
  } catch (e) {
    return { ok: false, error: `${dir}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** The lessons directory of a content pack: PACK/lessons, or PACK itself when it holds an index.yaml. */
export function packLessonsDir(packDir: string): string | undefined {
  if (INDEX_NAMES.some((n) => isFile(join(packDir, n)))) return packDir;
  const sub = join(packDir, 'lessons');
  return isDir(sub) ? sub : undefined;
}

/** Reads the built-in lessons directory and the packs' lessons directories (a pack without lessons is skipped). */
export function readCourseDirs(lessonsDir: string, packDirs: readonly string[] = []): { dirs: CourseDir[]; errors: string[] } {
  const dirs: CourseDir[] = [];
  const errors: string[] = [];
  const first = readCourseDir(lessonsDir);
  if (first.ok) dirs.push(first.value);
  else errors.push(first.error);
  for (const pack of packDirs) {
    if (!isDir(pack)) { errors.push(`${pack}: content pack not found (not a directory)`); continue; }
    const sub = packLessonsDir(pack);
    if (!sub) continue;
    const r = readCourseDir(sub);
    if (r.ok) dirs.push(r.value);
    else errors.push(r.error);
  }
  return { dirs, errors };
}

/**
 * The course: lessons/index.yaml gives the order of the built-in lessons; each pack's lessons follow, in
 * its own index order. Errors are formatted FILE:LINE:COL: path: message.
 */
export function loadCourse(lessonsDir: string, packDirs: readonly string[] = []): { lessons: Lesson[]; errors: string[] } {
  const read = readCourseDirs(lessonsDir, packDirs);
  const course = assembleCourse(read.dirs);
  return { lessons: [...course.lessons], errors: [...read.errors, ...course.errors.map(formatContentError)] };
}

// ---- scenarios ----

/** The scenario files of a directory: every *.yaml/*.yml in it (sorted, not recursive). */
export function readScenarioDir(dir: string): { ok: true; files: LoadedText[] } | { ok: false; error: string } {
  if (!isDir(dir)) return { ok: false, error: `${dir}: not a directory` };
  try {
    const names = readdirSync(dir).filter((n) => YAML_EXT.test(n) && isFile(join(dir, n))).sort();
    return { ok: true, files: names.map((n) => ({ file: join(dir, n), text: readFileSync(join(dir, n), 'utf8') })) };
  } catch (e) {
    return { ok: false, error: `${dir}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** The scenarios directory of a content pack: PACK/scenarios, if any. */
export function packScenariosDir(packDir: string): string | undefined {
  const sub = join(packDir, 'scenarios');
  return isDir(sub) ? sub : undefined;
}

/** Scenario files of the built-in directory and of every pack's scenarios/ folder. */
export function readScenarioFiles(scenariosDir: string, packDirs: readonly string[] = []): { files: LoadedText[]; errors: string[] } {
  const files: LoadedText[] = [];
  const errors: string[] = [];
  for (const dir of [scenariosDir, ...packDirs.map((p) => packScenariosDir(p)).filter((d): d is string => d !== undefined)]) {
    const r = readScenarioDir(dir);
    if (r.ok) files.push(...r.files);
    else errors.push(r.error);
  }
  return { files, errors };
}
