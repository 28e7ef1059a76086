// `netpol-dojo progress show|export|reset`: the learner's progress without the TUI (no React/Ink here).
import { parseArgs } from 'node:util';
import type { Lesson } from '../content/lesson-types.ts';
import { loadCourse } from '../content/load.ts';
import { packageRoot } from './paths.ts';
import { join, resolve } from 'node:path';
import { confStore } from '../progress/conf-store.ts';
import { lessonStatus, predictionScore, resetProgress, type Progress } from '../progress/model.ts';
import type { ProgressStore } from '../progress/store.ts';
import { durationText, weakTopics, type Suggestion, type Tagged } from '../progress/advice.ts';
import { loadScenarioCatalogue } from './list.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';

export const PROGRESS_HELP = `Usage: netpol-dojo progress show|export|reset [LESSON_ID] [--pack DIR]...

  show             each lesson's status (done, step k/n, not started), quiz, exercise and prediction results
  export           the stored progress as JSON on stdout (keep it, or move it to another machine)
  reset [ID]       forget the progress of one lesson, or of every lesson when no ID is given

Progress is kept in progress.json in the user's config directory ($NETPOL_DOJO_CONFIG_DIR overrides it).
`;

export interface ProgressDeps {
  readonly store: (io: CliIO) => ProgressStore;
  readonly course: (packs: readonly string[]) => { lessons: readonly Lesson[]; errors: readonly string[] };
  /** The drills' ids, titles and topics, for weak-topic advice (none: no advice). */
  readonly scenarios?: (packs: readonly string[]) => readonly Tagged[];
}

const realDeps: ProgressDeps = {
  store: (io) => confStore({ dir: io.env.NETPOL_DOJO_CONFIG_DIR || undefined, profile: io.env.NETPOL_DOJO_PROFILE || undefined, now: () => new Date().toISOString() }),
  course: (packs) => loadCourse(join(packageRoot() ?? process.cwd(), 'lessons'), packs.map((p) => resolve(p))),
  scenarios: (packs) => loadScenarioCatalogue(packs.map((p) => resolve(p))).scenarios,
};

function quizScore(lesson: Lesson, p: Progress): { right: number; total: number } {
  const answers = p.lessons[lesson.id]?.quizAnswers ?? {};
  let right = 0;
  let total = 0;
  for (const s of lesson.steps) {
    if (s.kind !== 'quiz') continue;
    total++;
    const a = answers[s.id];
    if (a !== undefined && s.choices[a]?.correct) right++;
  }
  return { right, total };
}

export function showProgress(lessons: readonly Lesson[], p: Progress, location: string, color: boolean, advice: readonly Suggestion[] = []): string {
  const c = paint(color);
  const idW = lessons.reduce((w, l) => Math.max(w, l.id.length), 2);
  const titleW = lessons.reduce((w, l) => Math.max(w, l.title.length), 5);
  const lines = [`${'ID'.padEnd(idW)}  ${'TITLE'.padEnd(titleW)}  ${'STATUS'.padEnd(13)}  QUIZZES  EXERCISES  PREDICTED`];
  let done = 0;
  for (const l of lessons) {
    const st = lessonStatus(p, l.id, l.steps.length);
    if (st.kind === 'done') done++;
    const status = st.kind === 'done' ? 'done' : st.kind === 'in-progress' ? `step ${st.step + 1}/${st.total}` : 'not started';
    const painted = st.kind === 'done' ? c.green(status.padEnd(13)) : st.kind === 'new' ? c.dim(status.padEnd(13)) : status.padEnd(13);
    const q = quizScore(l, p);
    const exTotal = l.steps.filter((s) => s.kind === 'exercise').length;
    const exDone = p.lessons[l.id]?.exercisesPassed.filter((id) => l.steps.some((s) => s.kind === 'exercise' && s.id === id)).length ?? 0;
    const pr = predictionScore(p, l.id, l.steps.flatMap((s) => (s.kind === 'predict' ? [s.id] : [])));
    lines.push(`${l.id.padEnd(idW)}  ${l.title.padEnd(titleW)}  ${painted}  ${`${q.right}/${q.total}`.padEnd(7)}  ${`${exDone}/${exTotal}`.padEnd(9)}  ${pr.total ? `${pr.right}/${pr.total}` : '-'}`);
  }
  const unknown = Object.keys(p.lessons).filter((id) => !lessons.some((l) => l.id === id));
  lines.push('');
  lines.push(`${done} of ${lessons.length} lessons done.${unknown.length ? ` Also stored: progress for ${unknown.join(', ')} (not in this course).` : ''}`);
  const drills = Object.entries(p.drills).sort(([a], [b]) => a.localeCompare(b));
  if (drills.length) {
    const dW = drills.reduce((w, [id]) => Math.max(w, id.length), 5);
    lines.push('', `${'DRILL'.padEnd(dW)}  BEST  BEST TIME  ATTEMPTS  HINTS  LAST`);
    for (const [id, d] of drills) {
      const best = `${d.bestScore}%`.padStart(4);
      const time = d.bestTimeMs === undefined ? '-' : durationText(d.bestTimeMs);
      lines.push(`${id.padEnd(dW)}  ${d.passed ? c.green(best) : best}  ${time.padEnd(9)}  ${String(d.attempts).padEnd(8)}  ${String(d.hintsUsed).padEnd(5)}  ${d.lastAt.slice(0, 10)}`);
    }
    lines.push(`${drills.filter(([, d]) => d.passed).length} of ${drills.length} drills attempted passed.`);
  }
  if (p.exams.length) {
    lines.push('', 'MOCK EXAMS (newest last)');
    for (const e of p.exams.slice(-10)) {
      lines.push(`${e.at.slice(0, 16).replace('T', ' ')}  ${(e.set ?? `seed ${e.seed}`).padEnd(12)}  ${String(e.score).padStart(5)}/100  ${e.passed ? c.green('passed') : 'not passed'}${e.student ? `  ${e.student}` : ''}`);
    }
  }
  if (advice.length) {
    lines.push('', 'WEAK TOPICS (recent scores)');
    for (const w of advice) {
      lines.push(`${w.topic.padEnd(20)} ${String(w.score).padStart(3)}%  ${[w.lesson ? `lesson ${w.lesson.id}` : '', w.drill ? `drill ${w.drill.id}` : ''].filter(Boolean).join(', ')}`);
    }
  }
  lines.push(c.dim(`Stored in ${location}`));
  return lines.join('\n') + '\n';
}

export function runProgress(argv: string[], io: CliIO, deps: ProgressDeps = realDeps): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { pack: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) { io.stdout(PROGRESS_HELP); return 0; }
  const [sub, ...args] = positionals;
  if (sub === undefined) throw new UsageError(`error: missing subcommand: show, export or reset\n\n${PROGRESS_HELP}`);
  if (!['show', 'export', 'reset'].includes(sub)) throw new UsageError(`error: unknown subcommand "${sub}" for "netpol-dojo progress": use show, export or reset`);
  if (args.length > (sub === 'reset' ? 1 : 0)) throw new UsageError(`error: unexpected argument: ${args[sub === 'reset' ? 1 : 0]}`);
  const store = deps.store(io);
  const loaded = store.load();
  if (loaded.notice) io.stderr(`warning: ${loaded.notice}\n`);
  switch (sub) {
    case 'export':
      io.stdout(`${JSON.stringify(loaded.progress, null, 2)}\n`);
      return 0;
    case 'show': {
      const course = deps.course(values.pack ?? []);
      for (const e of course.errors) io.stderr(`warning: ${e}\n`);
      const advice = deps.scenarios ? weakTopics(loaded.progress, course.lessons, deps.scenarios(values.pack ?? [])) : [];
      io.stdout(showProgress(course.lessons, loaded.progress, store.location, useColor(io), advice));
      return 0;
    }
    case 'reset': {
      const id = args[0];
      if (id !== undefined && !loaded.progress.lessons[id]) {
        throw new UsageError(`error: no progress stored for lesson "${id}"${Object.keys(loaded.progress.lessons).length ? ` (stored: ${Object.keys(loaded.progress.lessons).join(', ')})` : ''}`);
      }
      const count = id === undefined ? Object.keys(loaded.progress.lessons).length : 1;
      const r = store.save(resetProgress(loaded.progress, id));
      if (!r.ok) { io.stderr(`error: ${r.error}\n`); return 1; }
      io.stdout(id === undefined ? `progress reset: ${count} lesson(s) forgotten\n` : `progress reset for lesson "${id}"\n`);
      return 0;
    }
    default:
      throw new UsageError(`error: unknown subcommand "${sub}"`);
  }
}
