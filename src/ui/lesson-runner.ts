// The player's view of the lesson engine (src/practice/lesson-run.ts): step outcomes and exercise grades
// turned into what the screens show. Pure.
import type { ExerciseStep, Lesson } from '../content/lesson-types.ts';
import { pathText } from '../content/lesson-source.ts';
import { gradeExercise, playStep, sandboxAtStep } from '../practice/lesson-run.ts';
import type { ExerciseGrade, LessonRunner, StepOutput } from './deps.ts';

export const lessonRunner: LessonRunner = {
  stepOutput(lesson: Lesson, index: number, now: string): StepOutput {
    const step = lesson.steps[index];
    if (!step) return { kind: 'none' };
    const outcome = playStep(sandboxAtStep(lesson, index, now), step, now);
    switch (outcome.kind) {
      case 'none': return { kind: 'none' };
      case 'yaml':
        if (!outcome.ok) return { kind: 'error', message: outcome.output };
        return outcome.applied ? { kind: 'output', command: 'kubectl apply -f example.yaml', text: outcome.output, exitCode: 0 } : { kind: 'none' };
      case 'kubectl':
        return { kind: 'output', command: outcome.command, text: outcome.output, exitCode: outcome.exitCode };
      case 'matrix': {
        const g = outcome.grid;
        return {
          kind: 'matrix',
          title: `namespace ${g.namespace}, port ${g.port}/${g.protocol}`,
          rows: g.pods,
          cols: g.pods,
          allowed: g.cells.map((row) => row.map((c) => (c === 'self' ? undefined : c === 'allowed'))),
        };
      }
      case 'predict': {
        const r = outcome.result;
        if (!r.ok) return { kind: 'error', message: r.problems.map((p) => `${pathText(p.at)}: ${p.message}`).join('; ') };
        const g = r.grid;
        return {
          kind: 'predict',
          grid: {
            title: `namespace ${g.namespace}, port ${g.port}/${g.protocol}`,
            rows: g.rows,
            cols: g.cols,
            allowed: g.cells.map((row) => row.map((c) => (c === 'self' ? undefined : c === 'allowed'))),
          },
          cells: r.answers.map((a) => ({ from: a.from, to: a.to, allowed: a.allowed, reason: a.reason, row: a.row, col: a.col })),
        };
      }
      default: {
        const never: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  },
  gradeExercise(lesson: Lesson, index: number, exercise: ExerciseStep, learnerYaml: string, file: string, now: string): ExerciseGrade {
    const g = gradeExercise(sandboxAtStep(lesson, index, now), exercise, learnerYaml, file, now);
    if (!g.applied) return { kind: 'not-applied', error: g.error ?? 'the file could not be applied' };
    return { kind: 'graded', passed: g.passed, goals: g.results.map((r) => ({ passed: r.passed, summary: r.summary, reasons: r.reasons })) };
  },
};
