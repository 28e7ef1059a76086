// Lesson files and the course index: YAML text → typed values (lesson-types.ts), or errors with file,
// line, column and YAML path. Pure: no file system.
import { COLLECTION_KEY_MESSAGE, collectionKeyOffset } from './yaml-keys.ts';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { z } from 'zod';
import { isValidIP } from '../engine/cidr.ts';
import { gradingProblems, SPEC } from './task-problems.ts';
import type { CourseIndex, Lesson, LessonStep, PredictCell } from './lesson-types.ts';
import { courseIndexSchema, GOAL_KINDS, lessonSchema, STEP_KINDS } from './lesson-schema.ts';
import { pathText, SourceMap, type ContentPath } from './lesson-source.ts';
import { didYouMean } from './suggest.ts';

export interface ContentError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** YAML path, e.g. steps[3].choices; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ContentResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ContentError[] };

/** "lessons/02-deny-all.yaml:14:5: steps[3].choices: exactly one choice must have correct: true" */
export function formatContentError(e: ContentError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string' && v.length > 200) return `a string of ${v.length} characters`; // not megabytes of it
  return `${typeof v} ${JSON.stringify(v)}`;
}

function getAt(root: unknown, path: ContentPath): unknown {
  let cur = root;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

const EXPECTED: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping' };

function issueText(issue: z.core.$ZodIssue, data: unknown): { path: ContentPath; keyPos: boolean; message: string } {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const got = getAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0] ?? ''], keyPos: true, message: issue.message };
    case 'invalid_type':
      if (got === undefined || got === null) return { path, keyPos: false, message: `required field is missing (expected ${EXPECTED[issue.expected] ?? issue.expected})` };
      return { path, keyPos: false, message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(got)}` };
    case 'invalid_union': {
      if ((issue as { discriminator?: string }).discriminator === 'kind') {
        const isGoal = path.includes('goals');
        const kinds: readonly string[] = isGoal ? GOAL_KINDS : STEP_KINDS;
        const what = isGoal ? 'goal' : 'step';
        if (typeof got !== 'string') return { path, keyPos: false, message: `every ${what} needs a kind: one of ${kinds.join(', ')}` };
        const hint = didYouMean(got, kinds);
        return { path, keyPos: false, message: `unknown ${what} kind "${got}"${hint ? ` (did you mean "${hint}"?)` : ''}; kinds: ${kinds.join(', ')}` };
      }
      return { path, keyPos: false, message: issue.message };
    }
    case 'invalid_value':
      if (issue.message !== 'Invalid input' && !issue.message.startsWith('Invalid option')) return { path, keyPos: false, message: issue.message };
      return { path, keyPos: false, message: `unsupported value ${JSON.stringify(got)}: expected ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
      return { path, keyPos: false, message: got === undefined ? issue.message : `${issue.message} (got ${describe(got)})` };
    default:
      return { path, keyPos: false, message: issue.message };
  }
}

export interface Parsed { readonly data: unknown; readonly map: SourceMap }

/** One YAML document → plain data and its source map; YAML syntax errors as content errors. */
export function parseYaml(text: string, file: string): ContentResult<Parsed> {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return { ok: false, errors: [{ file, line: 1, col: 1, path: '', message: 'the file is empty' }] };
  if (list.length > 1) {
    const pos = lc.linePos(list[1].range?.[0] ?? 0);
    return { ok: false, errors: [{ file, line: pos.line, col: pos.col, path: '', message: 'expected one YAML document, found several (remove the "---" separator)' }] };
  }
  const doc = list[0];
  const err = doc.errors[0];
  if (err) {
    const pos = lc.linePos(err.pos[0]);
    return { ok: false, errors: [{ file, line: pos.line, col: pos.col, path: '', message: `YAML syntax error: ${err.message.split('\n')[0]}` }] };
  }
  const badKey = collectionKeyOffset(doc);
  if (badKey !== undefined) {
    const pos = lc.linePos(badKey);
    return { ok: false, errors: [{ file, line: pos.line, col: pos.col, path: '', message: `YAML error: ${COLLECTION_KEY_MESSAGE}` }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, errors: [{ file, line: 1, col: 1, path: '', message: `YAML error: ${(e as Error).message}` }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: [{ file, line: 1, col: 1, path: '', message: `expected a mapping at the top of the file, got ${describe(data)}` }] };
  }
  return { ok: true, value: { data, map: new SourceMap(doc, lc, text) } };
}

export function zodErrors(issues: readonly z.core.$ZodIssue[], data: unknown, map: SourceMap, file: string): ContentError[] {
  return issues.map((issue) => {
    const t = issueText(issue, data);
    const pos = map.at(t.path, t.keyPos);
    return { file, ...pos, path: pathText(t.path), message: t.message };
  });
}

export { SPEC } from './task-problems.ts';

/** A predict cell's endpoint: a pod of the step's namespace, NS/POD, or an IP address. */
const BARE_POD = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function cellProblems(cells: readonly PredictCell[], at: ContentPath): { path: ContentPath; message: string }[] {
  const out: { path: ContentPath; message: string }[] = [];
  cells.forEach((c, j) => {
    for (const side of ['from', 'to'] as const) {
      const v = c[side];
      if (!isValidIP(v) && !BARE_POD.test(v) && !SPEC.test(v)) out.push({ path: [...at, j, side], message: `"${v}" is not a pod name, namespace/pod or an IP address` });
    }
    if (isValidIP(c.from) && isValidIP(c.to)) out.push({ path: [...at, j, 'to'], message: 'at least one side of a cell must be a pod' });
  });
  return out;
}

/** Checks a schema can't express: one right quiz answer, unique step ids, endpoint spellings. */
function semanticErrors(lesson: Lesson): { path: ContentPath; message: string }[] {
  const out: { path: ContentPath; message: string }[] = [];
  const ids = new Map<string, number>();
  lesson.steps.forEach((step, i) => {
    if (step.kind === 'quiz' || step.kind === 'exercise' || step.kind === 'predict') {
      const prev = ids.get(step.id);
      if (prev !== undefined) out.push({ path: ['steps', i, 'id'], message: `duplicate id "${step.id}" (also used by steps[${prev}])` });
      else ids.set(step.id, i);
    }
    if (step.kind === 'quiz') {
      const right = step.choices.filter((c) => c.correct).length;
      if (right !== 1) out.push({ path: ['steps', i, 'choices'], message: `exactly one choice must have correct: true (found ${right})` });
    }
    if (step.kind === 'predict') for (const p of cellProblems(step.cells, ['steps', i, 'cells'])) out.push(p);
    if (step.kind === 'exercise') for (const p of gradingProblems(step, ['steps', i], ['behaviour']).problems) out.push(p);
  });
  return out;
}

export interface LessonSource {
  readonly lesson: Lesson;
  /** Positions in the lesson file, for tools (lint) that report problems inside the lesson. */
  readonly map: SourceMap;
}

/** Parses a lesson and keeps its source map. */
export function parseLessonSource(text: string, file: string): ContentResult<LessonSource> {
  const y = parseYaml(text, file);
  if (!y.ok) return y;
  const { data, map } = y.value;
  const res = lessonSchema.safeParse(data);
  if (!res.success) return { ok: false, errors: zodErrors(res.error.issues, data, map, file) };
  const lesson: Lesson = { ...res.data, schemaVersion: 1, steps: res.data.steps as LessonStep[], file };
  const semantic = semanticErrors(lesson);
  if (semantic.length) {
    return { ok: false, errors: semantic.map((s) => ({ file, ...map.at(s.path), path: pathText(s.path), message: s.message })) };
  }
  return { ok: true, value: { lesson, map } };
}

export function parseLesson(text: string, file: string): { ok: true; lesson: Lesson } | { ok: false; errors: ContentError[] } {
  const r = parseLessonSource(text, file);
  return r.ok ? { ok: true, lesson: r.value.lesson } : { ok: false, errors: [...r.errors] };
}

export interface CourseIndexSource { readonly index: CourseIndex; readonly map: SourceMap }

/** Parses lessons/index.yaml and keeps its source map. */
export function parseCourseIndexSource(text: string, file: string): ContentResult<CourseIndexSource> {
  const y = parseYaml(text, file);
  if (!y.ok) return y;
  const { data, map } = y.value;
  const res = courseIndexSchema.safeParse(data);
  if (!res.success) return { ok: false, errors: zodErrors(res.error.issues, data, map, file) };
  const seen = new Map<string, number>();
  const errors: ContentError[] = [];
  res.data.lessons.forEach((id, i) => {
    if (seen.has(id)) errors.push({ file, ...map.at(['lessons', i]), path: `lessons[${i}]`, message: `lesson "${id}" is listed twice (also lessons[${seen.get(id)}])` });
    else seen.set(id, i);
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { index: { schemaVersion: 1, lessons: res.data.lessons }, map } };
}

export function parseCourseIndex(text: string, file: string): { ok: true; index: CourseIndex } | { ok: false; errors: ContentError[] } {
  const r = parseCourseIndexSource(text, file);
  return r.ok ? { ok: true, index: r.value.index } : { ok: false, errors: [...r.errors] };
}
