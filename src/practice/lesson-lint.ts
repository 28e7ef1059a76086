// The lesson linter: beyond the schema, every lesson is played against its simulated cluster. Embedded
// manifests must parse and validate, kubectl steps must exit as the lesson says, matrix steps must have
// pods to show, predict steps must name pods that exist and mix answers, and every exercise must start
// unsolved and be solved by its own solution. Pure.
import { parseAllDocuments } from 'yaml';
import type { Sandbox } from '../kubectl/index.ts';
import { assembleCourse, type CourseDir } from '../content/course.ts';
import type { LintFinding, Severity } from '../content/lesson-findings.ts';
import type { LessonSource } from '../content/lesson-parse.ts';
import { gradeExercise, playStep, prepareExercise, setupLesson, type PredictResult } from './lesson-run.ts';
import { pathText, type ContentPath } from '../content/lesson-source.ts';
import type { ExerciseStep, Lesson } from '../content/lesson-types.ts';
import { parseManifests } from '../content/manifests.ts';
import { controlMessage, findControlChars } from '../content/control-text.ts';

export { formatFinding, type LintFinding, type Severity } from '../content/lesson-findings.ts';

class Findings {
  readonly list: LintFinding[] = [];
  constructor(private readonly src: LessonSource) {}
  private get file(): string { return this.src.lesson.file; }
  add(severity: Severity, path: ContentPath, message: string): void {
    this.list.push({ severity, file: this.file, ...this.src.map.at(path), path: pathText(path), message });
  }
  error(path: ContentPath, message: string): void { this.add('error', path, message); }
  warn(path: ContentPath, message: string): void { this.add('warning', path, message); }
  /** An error at a line/column inside the block scalar at `path`. */
  inside(path: ContentPath, line: number, col: number, message: string): void {
    this.list.push({ severity: 'error', file: this.file, ...this.src.map.inside(path, line, col), path: pathText(path), message });
  }
}

/** Embedded manifests must parse and validate; errors point into the lesson file. Returns false on errors. */
function checkManifests(f: Findings, path: ContentPath, text: string): boolean {
  const r = parseManifests(text, 'embedded');
  if (r.ok) return true;
  for (const e of r.errors) f.inside(path, e.line, e.col, e.message);
  return false;
}

/** Starter files may be incomplete skeletons, but they must be YAML. */
function checkYamlSyntax(f: Findings, path: ContentPath, text: string): void {
  for (const doc of parseAllDocuments(text, { logLevel: 'error' })) {
    const err = doc.errors[0];
    if (err) {
      const before = text.slice(0, err.pos[0]).split('\n');
      f.inside(path, before.length, before[before.length - 1].length + 1, `YAML syntax error: ${err.message.split('\n')[0]}`);
      return;
    }
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => l.trim() !== '')?.trim() ?? '(no output)';
}

function checkExercise(f: Findings, i: number, step: ExerciseStep, sb: Sandbox, now: string): void {
  const at = (...rest: (string | number)[]): ContentPath => ['steps', i, ...rest];
  checkYamlSyntax(f, at('starter'), step.starter);
  if (step.hints.length === 0) f.warn(at('id'), 'the exercise has no hints');
  if (!checkManifests(f, at('solution'), step.solution)) return;
  const task = prepareExercise(sb, step, now);
  if (!task.ok) { f.error(at('solution'), `the solution does not apply: ${firstLine(task.error)}`); return; }
  if (task.task.required?.size === 0) f.error(at('solution'), 'the exercise is already solved before the learner does anything');
  const graded = gradeExercise(sb, step, step.solution, 'solution.yaml', now);
  const checks = step.checks?.length ?? 1;
  graded.results.forEach((r, j) => {
    if (!r.passed) f.error(j < checks ? at('solution') : at('goals', j - checks), `the solution fails ${r.id}: ${r.summary}`);
  });
}

/** A lesson should have at least this many predict steps (a warning, like a lesson without a quiz). */
export const MIN_PREDICTS = 2;

/** Cells must name pods that exist at the step; cells that repeat or that all have one answer teach little. */
function checkPredict(f: Findings, i: number, result: PredictResult): void {
  const at = (...rest: (string | number)[]): ContentPath => ['steps', i, ...rest];
  if (!result.ok) {
    for (const p of result.problems) f.error(at(...p.at), p.message);
    return;
  }
  const seen = new Map<string, number>();
  result.answers.forEach((a, j) => {
    const k = `${a.from} → ${a.to}`;
    const prev = seen.get(k);
    if (prev !== undefined) f.warn(at('cells', j), `the same connection as cells[${prev}] (${k})`);
    else seen.set(k, j);
  });
  const allowed = result.answers.filter((a) => a.allowed).length;
  if (allowed === 0 || allowed === result.answers.length) {
    f.warn(at('cells'), `every cell is ${allowed === 0 ? 'denied' : 'allowed'} at this step: mix allowed and denied connections so the prediction tests something`);
  }
}

/** Plays one lesson from its setup to its last step and reports every problem found. */
export function lintLesson(src: LessonSource, now: string): LintFinding[] {
  const f = new Findings(src);
  const { lesson } = src;
  const { file: _file, ...content } = lesson;
  for (const hit of findControlChars(content)) f.inside(hit.path, hit.line, hit.col, controlMessage(hit));
  const base = lesson.file.split(/[\\/]/).pop() ?? '';
  if (!base.replace(/\.ya?ml$/i, '').endsWith(lesson.id)) f.warn(['id'], `the file name should end with the lesson id (e.g. 01-${lesson.id}.yaml)`);
  if (!lesson.steps.some((s) => s.kind === 'quiz')) f.warn(['steps'], 'the lesson has no quiz');
  if (!lesson.steps.some((s) => s.kind === 'exercise')) f.warn(['steps'], 'the lesson has no exercise');
  const predicts = lesson.steps.filter((s) => s.kind === 'predict').length;
  if (predicts < MIN_PREDICTS) f.warn(['steps'], `the lesson has ${predicts === 0 ? 'no predict step' : `only ${predicts} predict step`}: the course wants ${MIN_PREDICTS}-3 per lesson (the learner predicts connections before seeing them)`);
  if (lesson.setup.trim() !== '' && !checkManifests(f, ['setup'], lesson.setup)) return f.list;
  const setup = setupLesson(lesson, now);
  if (!setup.ok) { f.error(['setup'], `the setup does not apply: ${firstLine(setup.error)}`); return f.list; }
  let sb = setup.sandbox;
  // Set once an applied example fails: later predict steps then see a cluster the author did not write, so
  // their cells are not judged (the example's error is the finding).
  let broken = false;
  lesson.steps.forEach((step, i) => {
    const at = (...rest: (string | number)[]): ContentPath => ['steps', i, ...rest];
    switch (step.kind) {
      case 'yaml':
        if (!checkManifests(f, at('manifest'), step.manifest)) { broken ||= step.apply; return; }
        break;
      case 'exercise':
        checkExercise(f, i, step, sb, now);
        break;
      case 'text': case 'quiz': case 'kubectl': case 'matrix': case 'predict':
        break;
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
    const out = playStep(sb, step, now);
    switch (out.kind) {
      case 'yaml':
        if (!out.ok) { f.error(at('manifest'), `the example does not apply: ${firstLine(out.output)}`); broken = true; }
        break;
      case 'kubectl':
        if (!out.asExpected) {
          f.error(at('command'), `\`${out.command}\` exited with ${out.exitCode}, the lesson expects ${out.expectedExit}${out.expectedExit === 0 ? ' (if that is intended, set expectExit)' : ''}: ${firstLine(out.output)}`);
        }
        break;
      case 'matrix':
        if (out.grid.pods.length === 0) f.error(at('namespace'), `namespace ${out.grid.namespace} has no pods at this step, so the matrix is empty`);
        else if (out.grid.pods.length === 1) f.warn(at('namespace'), `namespace ${out.grid.namespace} has one pod, so the matrix shows no connection`);
        break;
      case 'predict':
        if (!broken) checkPredict(f, i, out.result);
        break;
      case 'none':
        break;
      default: {
        const never: never = out;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
    sb = out.sandbox;
  });
  return f.list;
}

export interface CourseLint {
  readonly lessons: readonly Lesson[];
  readonly findings: readonly LintFinding[];
  /** Lesson files looked at (the ones that parsed were also played). */
  readonly checked: number;
}

/**
 * Lints lessons directories: the course structure (index, ids), then every lesson that parsed. `reserved`:
 * ids taken outside these directories (the built-in lessons, when linting a pack), id → file.
 */
export function lintCourse(dirs: readonly CourseDir[], now: string, reserved?: ReadonlyMap<string, string>): CourseLint {
  const course = assembleCourse(dirs, reserved);
  const findings: LintFinding[] = course.errors.map((e) => ({ ...e, severity: 'error' }));
  for (const src of course.sources) for (const f of lintLesson(src, now)) findings.push(f);
  return { lessons: course.lessons, findings, checked: dirs.reduce((n, d) => n + d.lessons.length, 0) };
}
