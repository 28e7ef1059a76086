// `netpol-dojo grade TASK --answers PATH...`: applies answer manifests and kubectl command lines to a task's
// starting cluster and grades the result against the reference, by behaviour. Exit 0 pass, 1 fail, 2 bad input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCourse } from '../content/load.ts';
import type { ExerciseStep } from '../content/lesson-types.ts';
import { scenarioForSeed } from '../content/scenarios.ts';
import { reportJson, reportJunit, reportText, type Feedback, type ReportHeader } from '../grader/format.ts';
import { applyManifestText, runKubectl, type KubectlEnv, type Sandbox } from '../kubectl/index.ts';
import { prepareExercise, sandboxAtStep } from '../practice/lesson-run.ts';
import { gradeCluster, kubectlArgs, matchingWrongAnswers, prepareScenario, type PreparedTask } from '../practice/task-run.ts';
import type { WrongAnswer } from '../content/task-types.ts';
import { readManifests } from './cluster-input.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';
import { defaultLessonsDir, loadScenarioCatalogue } from './list.ts';
import { gradeResults, gradeSubmissions, printClass } from './class-grade.ts';
import { readAnswerFiles } from './answer-files.ts';

export const GRADE_HELP = `Usage: netpol-dojo grade SCENARIO_ID|LESSON_ID/EXERCISE_ID --answers PATH... [--commands FILE]
                         [--workspace DIR] [--seed S] [--pack DIR]... [-o text|json|junit]
       netpol-dojo grade --results DIR | --submissions DIR [--seed S] [--pack DIR]... [-o table|json|csv|junit|md]

Applies the answer manifests (files or directories, like kubectl apply -f) and then the kubectl command
lines of FILE (one per line; blank lines and # comments skipped) to the task's starting cluster, and grades
the result against the reference solution by behaviour: every pod pair, port and external address the task
constrains must behave as the reference does. Answer files named by the task are read from the workspace
directory (default: the current directory). A lesson exercise is graded from the cluster the lesson has
at that exercise. Exit code 0 when every check passes, 1 otherwise, 2 for bad input.

A class: --results DIR re-grades every mock exam results file in DIR from the clusters it stores (the
stored score is not trusted); --submissions DIR grades homework laid out as DIR/<student>/<scenario-id>.yaml.
The table has a row per student, a column per task, totals, pass/fail and each task's success rate.
Exit code 0 when every student passed, 1 otherwise.
`;

interface Target { readonly header: ReportHeader; readonly task: PreparedTask; readonly wrong: readonly WrongAnswer[] }

function parseSeed(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,10}$/.test(v) || Number(v) > 2 ** 31) throw new UsageError(`error: invalid --seed "${v}": a whole number from 0 to 2147483648`);
  return Number(v);
}

function lessonTarget(id: string, packs: readonly string[], now: string): Target {
  const [lessonId, exerciseId, ...more] = id.split('/');
  const course = loadCourse(defaultLessonsDir(), packs);
  const lesson = course.lessons.find((l) => l.id === lessonId);
  if (!lesson || more.length) throw new UsageError(`error: no lesson "${lessonId}"; lesson ids: ${course.lessons.map((l) => l.id).join(', ')}`);
  const index = lesson.steps.findIndex((s) => s.kind === 'exercise' && s.id === exerciseId);
  if (index < 0) {
    const ids = lesson.steps.flatMap((s) => (s.kind === 'exercise' ? [s.id] : []));
    throw new UsageError(`error: lesson "${lessonId}" has no exercise "${exerciseId}"; its exercises: ${ids.join(', ') || 'none'}`);
  }
  const exercise = lesson.steps[index] as ExerciseStep;
  const prepared = prepareExercise(sandboxAtStep(lesson, index, now), exercise, now);
  if (!prepared.ok) throw new UsageError(`error: ${id}: the lesson's solution does not apply: ${prepared.error}`);
  return { header: { task: id, title: exercise.title ?? lesson.title }, task: prepared.task, wrong: [] };
}

function scenarioTarget(id: string, packs: readonly string[], seed: number | undefined, now: string): Target {
  const cat = loadScenarioCatalogue(packs);
  const found = scenarioForSeed(cat.files, id, seed);
  if (!found.ok) {
    const known = cat.scenarios.map((s) => s.id);
    throw new UsageError(`error: no scenario "${id}" (netpol-dojo list scenarios shows ${known.length}); a lesson exercise is LESSON_ID/EXERCISE_ID`);
  }
  const sc = found.scenario;
  const prepared = prepareScenario(sc, now);
  if (!prepared.ok) throw new UsageError(`error: scenario ${id}: ${prepared.error}`);
  return { header: { task: sc.id, title: sc.title, seed: sc.seed }, task: prepared.task, wrong: sc.wrongAnswers };
}

function fsEnv(now: string): KubectlEnv {
  return {
    now,
    readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
    listDir: (p) => { try { return statSync(p).isDirectory() ? readdirSync(p) : undefined; } catch { return undefined; } },
  };
}

/** Applies the answer files, then the command file's lines; bad input is a UsageError naming file and line. */
function applyLearner(start: Sandbox, answers: readonly string[], commandsFile: string | undefined, io: CliIO, now: string): Sandbox {
  let sb = start;
  for (const f of readManifests(answers, io)) {
    if (f.text.trim() === '') continue;
    const r = applyManifestText(sb, f.text, f.file, now);
    if (!r.ok) throw new UsageError(`error: your answer ${f.file} does not apply:\n${r.error.trimEnd()}`);
    sb = r.sandbox;
  }
  if (commandsFile !== undefined) {
    let text: string;
    try { text = readFileSync(commandsFile, 'utf8'); } catch (e) { throw new UsageError(`error: cannot read "${commandsFile}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const words = kubectlArgs(trimmed);
      const r = runKubectl(sb, words, fsEnv(now));
      if (r.exitCode !== 0 && !['exec', 'get', 'describe'].includes(words[0] ?? '')) {
        throw new UsageError(`${commandsFile}:${i + 1}: \`${trimmed}\` failed:\n${(r.stderr || r.stdout).trimEnd()}`);
      }
      sb = r.sandbox;
    });
  }
  return sb;
}

export function runGrade(argv: string[], io: CliIO, now: string = new Date().toISOString()): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      answers: { type: 'string', short: 'a', multiple: true },
      commands: { type: 'string', short: 'c' },
      workspace: { type: 'string', short: 'w' },
      seed: { type: 'string' },
      pack: { type: 'string', multiple: true },
      results: { type: 'string' },
      submissions: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) { io.stdout(GRADE_HELP); return 0; }
  if (values.results !== undefined || values.submissions !== undefined) {
    if (values.results !== undefined && values.submissions !== undefined) throw new UsageError('error: give --results DIR or --submissions DIR, not both');
    if (positionals.length) throw new UsageError(`error: unexpected argument: ${positionals[0]} (class grading takes --results DIR or --submissions DIR)`);
    const cat = loadScenarioCatalogue(values.pack ?? []);
    for (const e of cat.errors) io.stderr(`warning: ${e}\n`);
    const g = values.results !== undefined
      ? gradeResults(values.results, cat.files, now)
      : gradeSubmissions(values.submissions!, cat.files, now, parseSeed(values.seed));
    if (g.rows.length === 0) throw new UsageError(`error: nothing to grade in ${values.results ?? values.submissions}`);
    return printClass(g, values.output ?? 'table', io);
  }
  const output = values.output ?? 'text';
  if (!['text', 'json', 'junit'].includes(output)) throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: text,json,junit`);
  if (positionals.length !== 1) throw new UsageError(`error: grade needs exactly one SCENARIO_ID or LESSON_ID/EXERCISE_ID (or --results/--submissions DIR)\n\n${GRADE_HELP}`);
  if (!values.answers?.length && values.commands === undefined && values.workspace === undefined) {
    throw new UsageError('error: nothing to grade: give --answers PATH (manifests), --commands FILE (kubectl lines) or --workspace DIR (answer files)');
  }
  const id = positionals[0];
  const packs = values.pack ?? [];
  const seed = parseSeed(values.seed);
  const target = id.includes('/') ? lessonTarget(id, packs, now) : scenarioTarget(id, packs, seed, now);
  const learner = applyLearner(target.task.initial, values.answers ?? [], values.commands, io, now);
  const files = readAnswerFiles(values.workspace ?? process.cwd(), target.task.spec);
  const report = gradeCluster(target.task, learner, files);
  const feedback: Feedback[] = matchingWrongAnswers(target.task, target.wrong, learner, report, now, files).map((w) => ({ name: w.name, feedback: w.feedback }));
  if (output === 'json') io.stdout(reportJson(target.header, report, feedback));
  else if (output === 'junit') io.stdout(reportJunit(target.header, report));
  else {
    const c = paint(useColor(io));
    io.stdout(reportText(target.header, report, feedback, { ok: c.green, bad: c.red, dim: c.dim, bold: c.bold }));
  }
  return report.passed ? 0 : 1;
}
