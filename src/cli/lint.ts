// `netpol-dojo lint [PATH...]`: lessons directories, single lesson files, content packs and manifests.
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { lintCourse, lintLesson, formatFinding, type LintFinding } from '../practice/lesson-lint.ts';
import { parseLessonSource } from '../content/lesson-parse.ts';
import {
  followNamed, MAX_CONTENT_FILE_BYTES, packLessonsDir, packScenariosDir, readContainedFile, readCourseDir, readManifestPaths, readScenarioDir,
  type LoadedText, type SkippedFile,
} from '../content/load.ts';
import { lintScenarios } from '../practice/scenario-lint.ts';
import { parseExamSet } from '../content/exam-set.ts';
import { collectionKeyOffset } from '../content/yaml-keys.ts';
import { lintManifestFiles } from '../grader/lint-manifests.ts';
import { MAX_MANIFEST_BYTES, manifestSizeProblem, manifestTextProblem } from '../content/input-limits.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';
import { defaultLessonsDir, defaultScenariosDir } from './list.ts';

export const LINT_HELP = `Usage: netpol-dojo lint [PATH...] [--pack DIR]...

Checks content and manifests; prints FILE:LINE:COL: message for each problem and a summary.
A PATH may be:
  a lessons directory (with index.yaml)  every lesson is parsed and played: examples must apply,
                                         kubectl steps must exit as the lesson says, quizzes need
                                         exactly one right answer, every exercise's solution must pass
  a content pack (with lessons/)         the same, for the pack's lessons
  a lesson file                          that lesson alone
  a scenarios directory or file          every scenario is proved, for no seed and each listed seed:
                                         the starting cluster fails, the reference passes, every
                                         alternative passes, every wrong answer fails its named checks
  a content pack (with scenarios/)       the same, for the pack's scenarios
  manifest files or directories          schema, plus the policy doctor's warnings (policies that
                                         select nothing, selectors that match nothing, ignored rules)
Default: the built-in lessons and scenarios. Exit code 1 when there are errors (warnings do not fail).
`;

type Target =
  | { kind: 'course'; dir: string }
  | { kind: 'lesson'; file: string }
  | { kind: 'scenarios'; dir: string }
  | { kind: 'scenario'; file: string }
  | { kind: 'manifests'; path: string };

function topLevel(text: string): Record<string, unknown> | undefined {
  if (manifestTextProblem(text)) return undefined; // too big to parse: linted as manifests, which says so
  try {
    const doc = parseDocument(text, { logLevel: 'error' });
    if (doc.errors.length || collectionKeyOffset(doc) !== undefined) return undefined;
    const top = doc.toJS() as unknown;
    return top && typeof top === 'object' && !Array.isArray(top) ? top as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

const isScenarioData = (top: Record<string, unknown> | undefined): boolean => !!top && !('apiVersion' in top) && 'task' in top && ('solution' in top || 'schemaVersion' in top);

/** Files a directory left unread (links, FIFOs, oversized files): errors at FILE:1:1. */
function skippedFindings(skipped: readonly SkippedFile[]): LintFinding[] {
  return skipped.map((s) => ({ severity: 'error', file: s.file, line: 1, col: 1, path: '', message: s.message }));
}

const realOrSelf = (p: string): string => { try { return realpathSync(p); } catch { return p; } };

/**
 * Ids of the built-in lessons or scenarios in `builtIn` (id → file), unless `dir` is that directory: a pack
 * linted alone must not reuse them (the course and the drill list keep the built-in one and leave it out).
 */
function builtInIds(builtIn: string, dir: string): Map<string, string> {
  const ids = new Map<string, string>();
  if (realOrSelf(builtIn) === realOrSelf(dir)) return ids;
  const r = readScenarioDir(builtIn); // any directory of YAML files: only the ids are looked at
  if (!r.ok) return ids;
  for (const f of r.files) {
    const id = topLevel(f.text)?.id;
    if (typeof id === 'string' && !ids.has(id)) ids.set(id, f.file);
  }
  return ids;
}

/** A directory of scenario files: its YAML files look like scenarios. */
function isScenarioDir(dir: string): boolean {
  const r = readScenarioDir(dir);
  return r.ok && r.files.length > 0 && r.files.some((f) => isScenarioData(topLevel(f.text)));
}

/** What a path holds, decided by its shape (and, for files, by the top-level keys). */
function classify(named: string): Target[] {
  let st;
  try { st = statSync(named); } catch { throw new UsageError(`error: the path "${named}" does not exist`); }
  // The path the user named is followed; inside it, links are refused (load.ts).
  const path = st.isDirectory() ? followNamed(named) : named;
  if (st.isDirectory()) {
    const lessons = packLessonsDir(path);
    const scenarios = packScenariosDir(path);
    const out: Target[] = [];
    if (lessons) out.push({ kind: 'course', dir: lessons });
    if (scenarios) out.push({ kind: 'scenarios', dir: scenarios });
    if (out.length) return out;
    if (isScenarioDir(path)) return [{ kind: 'scenarios', dir: path }];
    return [{ kind: 'manifests', path }];
  }
  const name = basename(path);
  if (/^index\.ya?ml$/i.test(name)) return [{ kind: 'course', dir: dirname(path) }];
  if (manifestSizeProblem(st.size)) return [{ kind: 'manifests', path }]; // not read: reported as too large
  // Only regular files: a FIFO would block (and the file is read twice: here to classify it, then to lint it).
  if (!st.isFile()) throw new UsageError(`error: ${path}: not a regular file: only regular files are linted`);
  const read = readContainedFile(followNamed(path), MAX_MANIFEST_BYTES);
  if (!read.ok) throw new UsageError(`error: ${path}: ${read.reason}`);
  const text = read.text;
  // Not a single YAML document (several manifests, or broken YAML): the manifest linter reports it.
  const top = topLevel(text);
  if (isScenarioData(top)) return [{ kind: 'scenario', file: path }];
  if (top && !('apiVersion' in top) && ('steps' in top || 'schemaVersion' in top)) {
    return 'lessons' in top && !('steps' in top) ? [{ kind: 'course', dir: dirname(path) }] : [{ kind: 'lesson', file: path }];
  }
  return [{ kind: 'manifests', path }];
}

interface Tally { findings: LintFinding[]; lessons: number; scenarios: number; manifestFiles: number; policies: number }

export function runLint(argv: string[], io: CliIO, now: string = new Date().toISOString()): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      pack: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) { io.stdout(LINT_HELP); return 0; }
  const paths = [...positionals, ...(values.pack ?? [])];
  const targets = (paths.length ? paths : [defaultLessonsDir(), defaultScenariosDir()]).flatMap(classify);
  const tally: Tally = { findings: [], lessons: 0, scenarios: 0, manifestFiles: 0, policies: 0 };
  const scenarioFiles: LoadedText[] = [];
  const reservedScenarios = new Map<string, string>();
  const examDirs: string[] = [];

  for (const t of targets) {
    if (t.kind === 'course') {
      const dir = readCourseDir(t.dir);
      if (!dir.ok) throw new UsageError(`error: ${dir.error}`);
      const r = lintCourse([dir.value], now, builtInIds(defaultLessonsDir(), t.dir));
      for (const f of r.findings) tally.findings.push(f);
      tally.lessons += r.checked;
    } else if (t.kind === 'lesson') {
      const loaded = readManifestPaths([t.file], undefined, MAX_CONTENT_FILE_BYTES);
      if (!loaded.ok) throw new UsageError(loaded.error);
      const f = loaded.files[0];
      const src = parseLessonSource(f.text, f.file);
      tally.lessons++;
      if (!src.ok) for (const e of src.errors) tally.findings.push({ ...e, severity: 'error' as const });
      else for (const f of lintLesson(src.value, now)) tally.findings.push(f);
    } else if (t.kind === 'scenarios') {
      const r = readScenarioDir(t.dir);
      if (!r.ok) throw new UsageError(`error: ${r.error}`);
      for (const f of r.files) scenarioFiles.push(f);
      for (const f of skippedFindings(r.skipped)) tally.findings.push(f);
      tally.scenarios += r.skipped.length;
      for (const [id, file] of builtInIds(defaultScenariosDir(), t.dir)) reservedScenarios.set(id, file);
      examDirs.push(join(t.dir, 'exams'));
    } else if (t.kind === 'scenario') {
      const loaded = readManifestPaths([t.file], undefined, MAX_CONTENT_FILE_BYTES);
      if (!loaded.ok) throw new UsageError(loaded.error);
      for (const f of loaded.files) scenarioFiles.push(f);
    }
  }
  let examSets = 0;
  if (scenarioFiles.length) {
    const r = lintScenarios(scenarioFiles, now, reservedScenarios);
    for (const f of r.findings) tally.findings.push(f);
    tally.scenarios += scenarioFiles.length;
    // Exam sets may name the scenarios linted here and the built-in ones.
    const known = new Set<string>([...r.scenarios.map((sc) => sc.id), ...reservedScenarios.keys()]);
    for (const dir of examDirs) {
      const sets = readScenarioDir(dir);
      if (!sets.ok) continue;
      for (const f of skippedFindings(sets.skipped)) tally.findings.push(f);
      for (const f of sets.files) {
        examSets++;
        const parsed = parseExamSet(f.text, f.file, known);
        if (!parsed.ok) for (const e of parsed.errors) tally.findings.push({ ...e, severity: 'error' });
      }
    }
  }
  const manifestPaths: string[] = [];
  for (const t of targets) {
    if (t.kind !== 'manifests') continue;
    let size = 0;
    try { const st = statSync(t.path); if (st.isFile()) size = st.size; } catch { /* classify saw it */ }
    const tooBig = manifestSizeProblem(size);
    if (!tooBig) { manifestPaths.push(t.path); continue; }
    tally.findings.push({ severity: 'error', file: t.path, line: 1, col: 1, path: '', message: tooBig });
    tally.manifestFiles++;
  }
  if (manifestPaths.length) {
    const loaded = readManifestPaths(manifestPaths);
    if (!loaded.ok) throw new UsageError(loaded.error);
    const files: LoadedText[] = loaded.files;
    const r = lintManifestFiles(files);
    for (const f of r.findings) tally.findings.push(f);
    tally.manifestFiles += files.length;
    tally.policies += r.policies;
  }

  const c = paint(useColor(io));
  for (const f of tally.findings) {
    const line = formatFinding(f);
    io.stdout(`${f.severity === 'error' ? c.red(line) : line}\n`);
  }
  const errors = tally.findings.filter((f) => f.severity === 'error').length;
  const warnings = tally.findings.length - errors;
  const checked = [
    tally.lessons ? `${tally.lessons} lesson${tally.lessons === 1 ? '' : 's'}` : '',
    tally.scenarios ? `${tally.scenarios} scenario${tally.scenarios === 1 ? '' : 's'}` : '',
    examSets ? `${examSets} exam set${examSets === 1 ? '' : 's'}` : '',
    tally.manifestFiles ? `${tally.manifestFiles} manifest file${tally.manifestFiles === 1 ? '' : 's'} (${tally.policies} ${tally.policies === 1 ? 'policy' : 'policies'})` : '',
  ].filter(Boolean).join(', ').replace(/, ([^,]*)$/, ' and $1') || 'nothing';
  const summary = `lint: checked ${checked}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stdout(`${errors ? c.red(summary) : c.green(summary)}\n`);
  return errors ? 1 : 0;
}
