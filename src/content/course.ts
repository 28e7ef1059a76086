// The course: lesson files and their index.yaml (built-in lessons, then each content pack's) → the
// ordered list of lessons, with every problem reported as a content error. Pure: load.ts reads the files.
import type { LoadedText } from './load.ts';
import { parseCourseIndexSource, parseLessonSource, type ContentError, type LessonSource } from './lesson-parse.ts';
import type { Lesson } from './lesson-types.ts';

/** A file of a lessons directory that was not read (a link, not a regular file, too large), and why. */
export interface SkippedFile { readonly file: string; readonly message: string }

/** One lessons directory as read from disk: its index.yaml (if any) and its other YAML files. */
export interface CourseDir {
  readonly dir: string;
  /** The index file's path, for messages even when it is missing. */
  readonly indexFile: string;
  readonly index?: LoadedText;
  readonly lessons: readonly LoadedText[];
  /** Files left unread; each is an error of the course. */
  readonly skipped?: readonly SkippedFile[];
}

export interface AssembledCourse {
  /** In course order: the first directory's index order, then the next directory's. */
  readonly lessons: readonly Lesson[];
  /** Every parsed lesson with its source map, including ones left out of the course (lint checks them all). */
  readonly sources: readonly LessonSource[];
  readonly errors: readonly ContentError[];
}

const at = (file: string, message: string): ContentError => ({ file, line: 1, col: 1, path: '', message });

/**
 * Assembles the course from lessons directories in order; duplicate ids across directories are errors.
 * `reserved` holds ids already taken elsewhere (id → file): linting a pack alone, the built-in lessons' ids,
 * which the pack's lessons may not reuse (the course would drop them).
 */
export function assembleCourse(dirs: readonly CourseDir[], reserved: ReadonlyMap<string, string> = new Map()): AssembledCourse {
  const lessons: Lesson[] = [];
  const sources: LessonSource[] = [];
  const errors: ContentError[] = [];
  const taken = new Map<string, string>(reserved); // id → file, across all directories
  for (const d of dirs) {
    const skipped = new Set((d.skipped ?? []).map((s) => s.file));
    for (const s of d.skipped ?? []) errors.push(at(s.file, s.message));
    const byId = new Map<string, LessonSource>();
    const broken: string[] = [...skipped]; // files that did not parse or were not read: their ids are unknown
    for (const f of d.lessons) {
      const r = parseLessonSource(f.text, f.file);
      if (!r.ok) { for (const e of r.errors) errors.push(e); broken.push(f.file); continue; }
      const { lesson } = r.value;
      const first = taken.get(lesson.id);
      if (first !== undefined) {
        errors.push({ file: f.file, ...r.value.map.at(['id']), path: 'id', message: `duplicate lesson id "${lesson.id}" (already used by ${first})` });
        continue;
      }
      taken.set(lesson.id, f.file);
      byId.set(lesson.id, r.value);
      sources.push(r.value);
    }
    if (!d.index) {
      if (skipped.has(d.indexFile)) continue;
      errors.push(at(d.indexFile, `missing course index: create ${d.indexFile} with "schemaVersion: 1" and "lessons:" listing the lesson ids in order`));
      continue;
    }
    const idx = parseCourseIndexSource(d.index.text, d.index.file);
    if (!idx.ok) { for (const e of idx.errors) errors.push(e); continue; }
    const listed = new Set<string>();
    idx.value.index.lessons.forEach((id, i) => {
      listed.add(id);
      const src = byId.get(id);
      if (src) lessons.push(src.lesson);
      else if (!taken.has(id) && !broken.some((file) => file.includes(id))) {
        errors.push({ file: d.index!.file, ...idx.value.map.at(['lessons', i]), path: `lessons[${i}]`, message: `no lesson file in ${d.dir} has id "${id}"` });
      }
    });
    for (const [id, src] of byId) {
      if (!listed.has(id)) errors.push({ file: src.lesson.file, ...src.map.at(['id']), path: 'id', message: `lesson "${id}" is not listed in ${d.indexFile}, so it is not part of the course` });
    }
  }
  return { lessons, sources, errors };
}
