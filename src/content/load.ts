// The only file-system code of the content layer: reading manifest files and directories, lessons
// directories and content packs.
//
// A path the user names (a pack, a -f FILE or DIR, a lint PATH) is followed wherever it points. Below it,
// nothing is followed: an entry that is a symbolic link is refused (a link to /etc/passwd must not be read,
// let alone echoed in an error), only regular files are opened (a FIFO named *.yaml would block forever),
// and every file is read with a bounded read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { assembleCourse, type CourseDir, type SkippedFile } from './course.ts';

export type { SkippedFile } from './course.ts';
import { formatContentError } from './lesson-parse.ts';
import { MAX_MANIFEST_BYTES } from './input-limits.ts';
import type { Lesson } from './lesson-types.ts';

export interface LoadedText { readonly file: string; readonly text: string }

export type LoadResult = { ok: true; files: LoadedText[] } | { ok: false; error: string };

/** Lesson, scenario and index files: far larger than any real lesson (the longest built-in one is ~20 KiB). */
export const MAX_CONTENT_FILE_BYTES = 1024 * 1024;
/** Manifest files (reach -f, lint, grade --answers): the manifest input bound of input-limits.ts. */
export const MAX_MANIFEST_FILE_BYTES = MAX_MANIFEST_BYTES;

const MANIFEST_EXT = /\.(ya?ml|json)$/i;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** A failed read: `reason` without the path (for FILE:1:1: reason findings), `error` with it. */
type Read = { ok: true; text: string } | { ok: false; error: string; reason: string };

const failed = (path: string, reason: string): Read => ({ ok: false, error: `${path}: ${reason}`, reason });

function sizeText(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function tooLarge(size: number | undefined, max: number): string {
  return `the file is ${size === undefined ? 'larger than that' : `${size} bytes`}: a file may be at most ${sizeText(max)} (${max} bytes)`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Reads an open file to its end, failing as soon as it holds more than `max` bytes. */
function readFd(fd: number, path: string, max: number): Read {
  const chunks: Buffer[] = [];
  const buf = Buffer.allocUnsafe(64 * 1024);
  let total = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    total += n;
    if (total > max) return failed(path, tooLarge(undefined, max));
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * A file inside a pack or a named directory: refused when it is a symbolic link or not a regular file
 * (checked with lstat before opening, and again on the open descriptor), or when it is over `max` bytes.
 * `where` names the container in the symlink message ("a content pack", "a manifest directory").
 */
export function readContainedFile(path: string, max = MAX_CONTENT_FILE_BYTES, where = 'a content pack'): Read {
  let st: Stats;
  try { st = lstatSync(path); } catch (e) { return failed(path, `cannot read: ${errCode(e)}`); }
  if (st.isSymbolicLink()) return failed(path, `symbolic links are not allowed in ${where}`);
  if (!st.isFile()) return failed(path, `${kindOf(st)}: only regular files are read`);
  if (st.size > max) return failed(path, tooLarge(st.size, max));
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK: if the entry was swapped for a link or a FIFO since lstat, opening fails or returns at once.
    fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    return failed(path, errCode(e) === 'ELOOP' ? `symbolic links are not allowed in ${where}` : `cannot read: ${errCode(e)}`);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) return failed(path, `${kindOf(fst)}: only regular files are read`);
    if (fst.size > max) return failed(path, tooLarge(fst.size, max));
    return readFd(fd, path, max);
  } catch (e) {
    return failed(path, `cannot read: ${errCode(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** A file the user named: followed wherever it points (a pipe from `<(…)` too), read up to `max` bytes. */
function readNamedFile(path: string, max: number): Read {
  let fd: number;
  const cannot = (code: string): Read => ({ ok: false, error: `cannot read "${path}": ${code}`, reason: `cannot read: ${code}` });
  try { fd = openSync(path, constants.O_RDONLY); } catch (e) { return cannot(errCode(e)); }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return cannot('EISDIR');
    if (st.isFile() && st.size > max) return failed(path, tooLarge(st.size, max));
    return readFd(fd, path, max);
  } catch (e) {
    return cannot(errCode(e));
  } finally {
    closeSync(fd);
  }
}

/** Entry names of a directory matching `ext`, sorted. */
function entries(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).filter((n) => ext.test(n)).sort();
}

/**
 * Reads each path; a directory contributes its *.yaml, *.yml and *.json files (sorted, not recursive), which
 * must be regular files (not links). "-" is stdin text. Files over `max` bytes are errors.
 */
export function readManifestPaths(paths: readonly string[], stdin?: () => string, max = MAX_MANIFEST_FILE_BYTES): LoadResult {
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
    if (st.isDirectory()) {
      let names: string[];
      try { names = entries(p, MANIFEST_EXT); } catch (e) { return { ok: false, error: `error: cannot read "${p}": ${errCode(e)}` }; }
      for (const name of names) {
        const r = readContainedFile(join(p, name), max, 'a manifest directory (name the file itself with -f)');
        if (!r.ok) return { ok: false, error: `error: ${r.error}` };
        files.push({ file: join(p, name), text: r.text });
      }
    } else {
      const r = readNamedFile(p, max);
      if (!r.ok) return { ok: false, error: `error: ${r.error}` };
      files.push({ file: p, text: r.text });
    }
  }
  return { ok: true, files };
}

// ---- lessons and content packs ----

const YAML_EXT = /\.ya?ml$/i;
const INDEX_NAMES = ['index.yaml', 'index.yml'];

function lstatOrUndefined(p: string): Stats | undefined {
  try { return lstatSync(p); } catch { return undefined; }
}

/** A directory the user named (followed). */
function isDir(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

/**
 * The user's pack path, followed if it is itself a link (so that the checks below it, which refuse links,
 * do not refuse the pack); otherwise unchanged, so that messages show the path as the user wrote it.
 */
export function followNamed(p: string): string {
  if (!lstatOrUndefined(p)?.isSymbolicLink()) return p;
  try { return realpathSync(p); } catch { return p; }
}

/** A subdirectory of a pack: present, absent, or refused because it is a link (or not a directory). */
type SubDir = { kind: 'dir'; path: string } | { kind: 'none' } | { kind: 'error'; error: string };

function packSubDir(packDir: string, name: string): SubDir {
  const path = join(packDir, name);
  const st = lstatOrUndefined(path);
  if (!st) return { kind: 'none' };
  if (st.isSymbolicLink()) return { kind: 'error', error: `${path}: symbolic links are not allowed in a content pack` };
  if (!st.isDirectory()) return { kind: 'none' };
  return { kind: 'dir', path };
}

/** Reads a lessons directory: index.yaml and every other *.yaml/*.yml file in it (sorted, not recursive). */
export function readCourseDir(dir: string): { ok: true; value: CourseDir } | { ok: false; error: string } {
  const st = lstatOrUndefined(dir);
  if (st?.isSymbolicLink()) return { ok: false, error: `${dir}: symbolic links are not allowed in a content pack` };
  if (!isDir(dir)) return { ok: false, error: `${dir}: not a directory` };
  let names: string[];
  try { names = entries(dir, YAML_EXT); } catch (e) { return { ok: false, error: `${dir}: cannot read: ${errCode(e)}` }; }
  const indexName = INDEX_NAMES.find((n) => names.includes(n));
  const indexFile = join(dir, indexName ?? 'index.yaml');
  const skipped: SkippedFile[] = [];
  const read = (name: string): LoadedText | undefined => {
    const file = join(dir, name);
    const r = readContainedFile(file);
    if (r.ok) return { file, text: r.text };
    skipped.push({ file, message: r.reason });
    return undefined;
  };
  const index = indexName ? read(indexName) : undefined;
  const lessons = names.filter((n) => !INDEX_NAMES.includes(n)).map(read).filter((l): l is LoadedText => l !== undefined);
  return { ok: true, value: { dir, indexFile, index, lessons, skipped } };
}

/** The lessons directory of a content pack: PACK/lessons, or PACK itself when it holds an index.yaml. */
export function packLessonsDir(packDir: string): string | undefined {
  if (INDEX_NAMES.some((n) => lstatOrUndefined(join(packDir, n)) !== undefined)) return packDir;
  const sub = packSubDir(packDir, 'lessons');
  // A linked lessons/ is returned so that reading it reports the link.
  return sub.kind === 'dir' ? sub.path : sub.kind === 'error' ? join(packDir, 'lessons') : undefined;
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
    const sub = packLessonsDir(followNamed(pack));
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

/**
 * The scenario files of a directory: every *.yaml/*.yml in it (sorted, not recursive). Entries that are
 * links, not regular files or too large are left out and reported in `skipped`.
 */
export function readScenarioDir(dir: string): { ok: true; files: LoadedText[]; skipped: SkippedFile[] } | { ok: false; error: string } {
  const st = lstatOrUndefined(dir);
  if (st?.isSymbolicLink()) return { ok: false, error: `${dir}: symbolic links are not allowed in a content pack` };
  if (!isDir(dir)) return { ok: false, error: `${dir}: not a directory` };
  let names: string[];
  try { names = entries(dir, YAML_EXT); } catch (e) { return { ok: false, error: `${dir}: cannot read: ${errCode(e)}` }; }
  const files: LoadedText[] = [];
  const skipped: SkippedFile[] = [];
  for (const n of names) {
    const file = join(dir, n);
    if (lstatOrUndefined(file)?.isDirectory()) continue; // a folder whose name ends in .yaml is not a scenario
    const r = readContainedFile(file);
    if (r.ok) files.push({ file, text: r.text });
    else skipped.push({ file, message: r.reason });
  }
  return { ok: true, files, skipped };
}

/** The scenarios directory of a content pack: PACK/scenarios, if any (a linked one is returned, and refused on reading). */
export function packScenariosDir(packDir: string): string | undefined {
  const sub = packSubDir(packDir, 'scenarios');
  return sub.kind === 'dir' ? sub.path : sub.kind === 'error' ? join(packDir, 'scenarios') : undefined;
}

/** Scenario files of the built-in directory and of every pack's scenarios/ folder. */
export function readScenarioFiles(scenariosDir: string, packDirs: readonly string[] = []): { files: LoadedText[]; errors: string[] } {
  const files: LoadedText[] = [];
  const errors: string[] = [];
  for (const dir of [scenariosDir, ...packDirs.map((p) => packScenariosDir(followNamed(p))).filter((d): d is string => d !== undefined)]) {
    const r = readScenarioDir(dir);
    if (r.ok) { files.push(...r.files); errors.push(...r.skipped.map((x) => `${x.file}: ${x.message}`)); } else errors.push(r.error);
  }
  return { files, errors };
}
