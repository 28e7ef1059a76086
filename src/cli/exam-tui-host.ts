// Wiring of the mock exam for the real terminal: the scenario catalogue and exam sets (built-in and packs),
// the exam folder (new or resumed), progress, the learner's shell.
import { join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { readScenarioDir } from '../content/load.ts';
import { parseExamSet, type ExamSet } from '../content/exam-set.ts';
import { formatContentError } from '../content/lesson-parse.ts';
import { clock } from '../practice/drill.ts';
import { drawExam, leftMs, planFromSet, startExam, type ExamPlan } from '../practice/exam.ts';
import type { ExamTuiHost } from '../ui/run-exam.tsx';
import { createExam, currentExamDir, examDeps, readExamSession, type ExamResultsFile } from './exam-host.ts';
import { confStore } from '../progress/conf-store.ts';
import { recordExam } from '../progress/model.ts';
import { defaultScenariosDir, loadScenarioCatalogue } from './list.ts';
import { colorOn } from './tui-deps.ts';
import { kubectlChoice } from './serve-starter.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Exam sets of scenarios/exams/ and of every pack's scenarios/exams/. */
export function loadExamSets(packs: readonly string[], known: ReadonlySet<string>): { sets: ExamSet[]; errors: string[] } {
  const sets: ExamSet[] = [];
  const errors: string[] = [];
  for (const dir of [join(defaultScenariosDir(), 'exams'), ...packs.map((p) => join(p, 'scenarios', 'exams'))]) {
    const r = readScenarioDir(dir);
    if (!r.ok) continue;
    for (const f of r.files) {
      const s = parseExamSet(f.text, f.file, known);
      if (s.ok) sets.push(s.value);
      else for (const e of s.errors) errors.push(formatContentError(e));
    }
  }
  return { sets, errors };
}

export function examTuiHost(env: Env): ExamTuiHost {
  const now = () => new Date().toISOString();
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    prepare(start, terminal) {
      const packs = start.packs.map((p) => resolve(p));
      const cat = loadScenarioCatalogue(packs);
      const dir = currentExamDir(env);
      const existing = readExamSession(dir);
      const notices: string[] = [];
      let session = existing && !existing.finished ? existing : undefined;
      if (start.resume) {
        if (!session) return { ok: false, error: 'error: there is no exam to resume; start one with `netpol-dojo exam`' };
        notices.push(`resumed with ${clock(leftMs(session))} left: the clock was paused while the exam was closed`);
      } else if (session && !start.fresh) {
        return { ok: false, error: `error: an exam is in progress (${session.plan.title}, ${clock(leftMs(session))} left): continue it with \`netpol-dojo exam --resume\`, or discard it with \`netpol-dojo exam --new\`` };
      } else {
        let plan: ExamPlan;
        const seed = start.seed ?? randomInt(0, 2 ** 31);
        if (start.set) {
          const { sets, errors } = loadExamSets(packs, new Set(cat.scenarios.map((s) => s.id)));
          const set = sets.find((s) => s.id === start.set);
          if (!set) return { ok: false, error: `error: no exam set "${start.set}"${sets.length ? `; sets: ${sets.map((s) => s.id).join(', ')}` : ''}${errors.length ? `\n${errors.join('\n')}` : ''}` };
          plan = planFromSet(set, seed, start.minutes);
        } else {
          if (cat.scenarios.length === 0) return { ok: false, error: 'error: no scenarios to draw an exam from' };
          plan = drawExam(cat.scenarios, { count: start.tasks ?? 16, minutes: start.minutes ?? 120, seed });
        }
        session = startExam(plan, now(), start.student);
        const made = createExam(dir, session, cat.files, now());
        if (!made.ok) return { ok: false, error: `error: ${made.error}` };
      }
      const store = confStore({ dir: env.NETPOL_DOJO_CONFIG_DIR || undefined, profile: env.NETPOL_DOJO_PROFILE || undefined, now });
      const record = (res: ExamResultsFile): string | undefined => {
        const loaded = store.load();
        const saved = store.save(recordExam(loaded.progress, {
          at: res.finishedAt, title: res.title, seed: res.seed, score: res.score, passed: res.passed,
          tasks: res.tasks.map((t) => ({ scenario: t.scenario, score: t.score })),
          ...(res.set ? { set: res.set } : {}), ...(res.student ? { student: res.student } : {}),
        }));
        return saved.ok ? loaded.notice : `the exam was not added to your progress: ${saved.error}`;
      };
      const r = examDeps({ env, now, dir, files: cat.files, terminal, color: colorOn(env), out: start.out, notices, record, kubectl: kubectlChoice(env, start.kubectl) }, session);
      return r.ok ? r : { ok: false, error: `error: ${r.error}` };
    },
  };
}
