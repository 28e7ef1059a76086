// What each lesson step shows, as lines: the main column (YAML, output, grid, task) and the explanation.
// The layout (side by side on wide terminals, stacked otherwise) is decided by the caller. Pure.
import { goalText } from '../content/goal-text.ts';
import type { ExerciseStep, Goal, Lesson, PredictStep, QuizStep } from '../content/lesson-types.ts';
import type { PredictionResult } from '../progress/model.ts';
import type { AppState, PlayerState, PredictState } from './app-state.ts';
import { solutionUnlocked, unmarkedCells } from './app-state.ts';
import type { StepOutput } from './deps.ts';
import { append, blank, preformatted, span, wrapSpans, type Line } from './lines.ts';
import { inlineSpans, markupLines } from './markup.ts';
import { matrixLines } from './matrix-lines.ts';
import { yamlLines } from './yaml-lines.ts';

export interface StepLines {
  /** YAML, command output, grid, quiz or task. */
  readonly main: readonly Line[];
  /** The explanation next to it (caption, hints, solution); may be empty. */
  readonly side: readonly Line[];
  /** Shown above both (the title of a predict step, so its question reads first whatever the layout). */
  readonly head?: readonly Line[];
}

const heading = (t: string): Line => [span(t, 'heading')];

function outputLines(out: StepOutput, width: number): Line[] {
  switch (out.kind) {
    case 'none': return [];
    case 'pending': return [[span('running…', 'dim')]];
    case 'error': return [[span('✗ ', 'bad'), span(out.message, 'bad')]];
    case 'matrix': return matrixLines(out, width);
    case 'predict': return matrixLines(out.grid, width);
    case 'output': {
      const lines: Line[] = wrapSpans([span('$ ', 'dim'), span(out.command, 'accent')], width, 2);
      append(lines, preformatted(out.text, width));
      if (out.exitCode !== 0) lines.push([span(`(exit code ${out.exitCode})`, 'dim')]);
      return lines;
    }
    default: {
      const never: never = out;
      throw new Error(`unknown output ${String(never)}`);
    }
  }
}

export { goalText };

function quizLines(q: QuizStep, cursor: number, answered: number | undefined, width: number): Line[] {
  const out: Line[] = [...markupLines(q.question, width), blank];
  q.choices.forEach((c, i) => {
    const pointer = i === cursor ? '›' : ' ';
    let mark = ' ';
    if (answered !== undefined && i === answered) mark = c.correct ? '✓' : '✗';
    const lead = `${pointer} ${mark} ${i + 1}. `;
    const style = i === cursor ? 'selected' : 'plain';
    const first = [span(pointer, 'accent'), span(' '), span(mark, c.correct ? 'ok' : 'bad'), span(` ${i + 1}. `, style === 'selected' ? 'bold' : 'plain')];
    append(out, wrapSpans(inlineSpans(c.text, style === 'selected' ? 'bold' : 'plain'), width, lead.length, first));
  });
  if (answered !== undefined) {
    const chosen = q.choices[answered];
    out.push(blank);
    out.push(chosen.correct ? [span('✓ Right. ', 'ok')] : [span('✗ Not quite. ', 'bad')]);
    append(out, markupLines(chosen.why, width));
    if (!chosen.correct) {
      out.push(blank);
      out.push([span('Pick another answer, or → to move on.', 'dim')]);
    }
  }
  return out;
}

const markText = (m: boolean | undefined): string => (m === undefined ? '?' : m ? '✓' : '✗');
const cellWord = (n: number): string => `${n} cell${n === 1 ? '' : 's'}`;

/** The question and the cells with the learner's marks (› the cell under the cursor). */
function predictCells(step: PredictStep, ps: PredictState, width: number): Line[] {
  const out: Line[] = [];
  append(out, wrapSpans([span('Predict', 'bold'), span(`: is each connection allowed on port ${step.port}/${step.protocol}? `), span(`(bare names are pods in namespace ${step.namespace})`, 'dim')], width));
  out.push(blank);
  step.cells.forEach((c, i) => {
    const here = i === ps.cursor;
    const m = ps.marks[i];
    const first = [span(here ? '›' : ' ', 'accent'), span(' '), span(markText(m), m === undefined ? 'dim' : m ? 'ok' : 'bad'), span('  ')];
    append(out, wrapSpans([span(c.from, here ? 'bold' : 'plain'), span(' → ', 'dim'), span(c.to, here ? 'bold' : 'plain')], width, 5, first));
  });
  out.push(blank);
  return out;
}

function predictMarking(step: PredictStep, ps: PredictState, before: PredictionResult | undefined, width: number): Line[] {
  const out = predictCells(step, ps, width);
  const left = unmarkedCells(ps);
  if (ps.phase.kind === 'checking') out.push([span('Checking your predictions…', 'accent')]);
  else if (ps.phase.kind === 'marking' && ps.phase.nudged && left > 0) {
    append(out, wrapSpans([span(`${cellWord(left)} left: `, 'warn'), span('mark every cell before revealing.')], width, 2));
  } else {
    append(out, wrapSpans([span(`${ps.marks.length - left} of ${ps.marks.length} marked. `), span('y', 'bold'), span(' allowed, ', 'dim'), span('n', 'bold'),
      span(' denied, ', 'dim'), span('Space', 'bold'), span(' toggles; ', 'dim'), span('Enter', 'bold'), span(' reveals the answers.', 'dim')], width, 2));
  }
  if (before) out.push([span(`Last time: ${before.right}/${before.total} right.`, 'dim')]);
  return out;
}

function predictRevealed(step: PredictStep, ps: PredictState, right: number, output: StepOutput, width: number): Line[] {
  const out: Line[] = [];
  const total = ps.marks.length;
  out.push(right === total ? [span(`✓ ${right}/${total} right. `, 'ok'), span('Well predicted!')] : [span(`✗ ${right}/${total} right.`, 'bad')]);
  out.push(blank);
  const cells = output.kind === 'predict' ? output.cells : [];
  step.cells.forEach((c, i) => {
    const a = cells[i];
    const m = ps.marks[i];
    if (!a) return;
    const ok = m === a.allowed;
    const said = m === undefined ? 'no answer' : m ? 'allowed' : 'denied';
    append(out, wrapSpans([span(ok ? '✓ ' : '✗ ', ok ? 'ok' : 'bad'), span(`${a.from} → ${a.to}: `), span(a.allowed ? 'allowed' : 'denied', 'bold'),
      span(ok ? '' : ` (you said ${said})`, 'dim')], width, 2));
    if (!ok) append(out, wrapSpans([span('    '), span(a.reason, 'dim')], width, 4));
  });
  if (output.kind === 'predict') {
    out.push(blank);
    append(out, matrixLines({ ...output.grid, picked: output.cells.map((x) => [x.row, x.col] as const) }, width));
  }
  return out;
}

function predictLines(step: PredictStep, p: PlayerState, output: StepOutput, before: PredictionResult | undefined, width: number): Line[] {
  const ps = p.predict ?? { cursor: 0, marks: step.cells.map(() => undefined), phase: { kind: 'marking', nudged: false } as const };
  switch (ps.phase.kind) {
    case 'marking':
    case 'checking':
      return predictMarking(step, ps, before, width);
    case 'revealed':
      return predictRevealed(step, ps, ps.phase.right, output, width);
    case 'failed':
      return [...predictCells(step, ps, width), ...wrapSpans([span('✗ ', 'bad'), span(`the answers could not be computed: ${ps.phase.message}`, 'bad')], width, 2)];
    default: {
      const never: never = ps.phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

/** Where the learner stands on the exercise: first, so it is on screen right after grading. */
function exerciseStatus(p: PlayerState, passedBefore: boolean, width: number): Line[] {
  switch (p.exercise.kind) {
    case 'idle':
      return wrapSpans(passedBefore
        ? [span('✓ You passed this exercise before. ', 'ok'), span('Press e to edit your answer again.', 'dim')]
        : [span('Press ', 'dim'), span('e', 'bold'), span(' to write your answer in your editor; it is graded when you save and quit.', 'dim')], width);
    case 'editing':
      return wrapSpans([span('Editing… save and quit the editor to grade your answer.', 'accent')], width);
    case 'failed':
      return wrapSpans([span('✗ ', 'bad'), span(p.exercise.message, 'bad')], width, 2);
    case 'graded': {
      const g = p.exercise.grade;
      if (g.kind === 'not-applied') {
        return [[span('✗ Your YAML could not be applied; nothing was graded:', 'bad')], ...preformatted(g.error, width - 2).map((l) => [span('  '), ...l])];
      }
      const failed = g.goals.filter((r) => !r.passed).length;
      return wrapSpans(g.passed
        ? [span(`✓ All ${g.goals.length} goals pass. Well done!`, 'ok')]
        : [span(`✗ ${failed} of ${g.goals.length} goals fail. `, 'bad'), span('Press e to fix your file.', 'dim')], width, 2);
    }
    default: {
      const never: never = p.exercise;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

function exerciseMain(ex: ExerciseStep, p: PlayerState, passedBefore: boolean, width: number): Line[] {
  const out: Line[] = [...markupLines(ex.task, width), blank, ...exerciseStatus(p, passedBefore, width), blank, heading('Goals')];
  const grade = p.exercise.kind === 'graded' ? p.exercise.grade : undefined;
  ex.goals.forEach((g, i) => {
    const r = grade?.kind === 'graded' ? grade.goals[i] : undefined;
    const mark = r ? (r.passed ? span('✓ ', 'ok') : span('✗ ', 'bad')) : span('○ ', 'dim');
    append(out, wrapSpans(inlineSpans(goalText(g)), width, 2, [mark]));
    if (!r) return;
    // The engine's verdict: a one-line summary and the reasons behind it.
    append(out, wrapSpans([span('  '), ...inlineSpans(r.summary, r.passed ? 'dim' : 'plain')], width, 4));
    for (const reason of r.reasons) append(out, wrapSpans([span('    · ', 'dim'), span(reason, 'dim')], width, 6));
  });
  return out;
}

function exerciseSide(ex: ExerciseStep, p: PlayerState, workspaceFile: string | undefined, width: number): Line[] {
  const out: Line[] = [];
  if (workspaceFile) append(out, [[span('Your file:', 'dim')], ...wrapSpans([span(workspaceFile, 'code')], width)]);
  if (p.hintsShown > 0) {
    out.push(blank);
    ex.hints.slice(0, p.hintsShown).forEach((h, i) => {
      append(out, wrapSpans([span(`Hint ${i + 1}: `, 'warn'), ...inlineSpans(h)], width, 2));
    });
  }
  if (p.showSolution && solutionUnlocked(p)) {
    out.push(blank, heading('Solution'));
    append(out, yamlLines(ex.solution, width));
    out.push(blank);
    append(out, markupLines(ex.explanation, width));
  } else if (solutionUnlocked(p) && p.exercise.kind === 'graded' && !(p.exercise.grade.kind === 'graded' && p.exercise.grade.passed)) {
    out.push(blank, [span('Stuck? Press ', 'dim'), span('s', 'bold'), span(' for the solution.', 'dim')]);
  }
  if (!p.showSolution && p.exercise.kind === 'graded' && p.exercise.grade.kind === 'graded' && p.exercise.grade.passed) {
    out.push(blank, heading('Why it works'), ...markupLines(ex.explanation, width));
  }
  return out;
}

export interface StepContext {
  readonly lesson: Lesson;
  readonly state: AppState;
  readonly player: PlayerState;
  readonly output: StepOutput;
  readonly workspaceFile?: string;
}

/** Lines for the current step; `mainWidth`/`sideWidth` are the columns of each pane. */
export function stepLines(ctx: StepContext, mainWidth: number, sideWidth: number): StepLines {
  const { lesson, player: p } = ctx;
  const step = lesson.steps[p.index];
  const lp = ctx.state.progress.lessons[lesson.id];
  const titled = (title: string | undefined, w: number): Line[] => (title ? [heading(title), blank] : []);
  switch (step.kind) {
    case 'text':
      return { main: [...titled(step.title, mainWidth), ...markupLines(step.body, mainWidth)], side: [] };
    case 'yaml': {
      const main = [...titled(step.title, mainWidth), ...yamlLines(step.manifest, mainWidth)];
      const out = outputLines(ctx.output, mainWidth);
      if (out.length) append(main, [blank, ...out]);
      return { main, side: step.body ? markupLines(step.body, sideWidth) : [] };
    }
    case 'kubectl':
      return { main: [...titled(step.title, mainWidth), ...outputLines(ctx.output, mainWidth)], side: step.body ? markupLines(step.body, sideWidth) : [] };
    case 'matrix':
      return { main: [...titled(step.title, mainWidth), ...outputLines(ctx.output, mainWidth)], side: step.body ? markupLines(step.body, sideWidth) : [] };
    case 'predict':
      return {
        head: titled(step.title, mainWidth),
        main: predictLines(step, p, ctx.output, lp?.predictions?.[step.id], mainWidth),
        side: step.body ? markupLines(step.body, sideWidth) : [],
      };
    case 'quiz':
      return { main: quizLines(step, p.quizCursor, lp?.quizAnswers[step.id], mainWidth), side: [] };
    case 'exercise':
      return {
        main: [...titled(step.title, mainWidth), ...exerciseMain(step, p, lp?.exercisesPassed.includes(step.id) ?? false, mainWidth)],
        side: exerciseSide(step, p, ctx.workspaceFile, sideWidth),
      };
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/** The "lesson complete" page. */
export function finishedLines(lesson: Lesson, state: AppState, width: number): Line[] {
  const lp = state.progress.lessons[lesson.id];
  const quizzes = lesson.steps.filter((s): s is QuizStep => s.kind === 'quiz');
  const exercises = lesson.steps.filter((s): s is ExerciseStep => s.kind === 'exercise');
  const right = quizzes.filter((q) => { const a = lp?.quizAnswers[q.id]; return a !== undefined && q.choices[a]?.correct; }).length;
  const passed = exercises.filter((e) => lp?.exercisesPassed.includes(e.id)).length;
  const predicted = lesson.steps.flatMap((s) => (s.kind === 'predict' && lp?.predictions?.[s.id] ? [lp.predictions[s.id]] : []));
  const next = state.lessons[state.lessons.indexOf(lesson) + 1];
  const out: Line[] = [[span('✓ Lesson complete: ', 'ok'), span(lesson.title, 'heading')], blank];
  if (quizzes.length) out.push([span(`Quizzes answered right: ${right} of ${quizzes.length}`)]);
  if (predicted.length) {
    out.push([span(`Connections predicted right: ${predicted.reduce((n, r) => n + r.right, 0)} of ${predicted.reduce((n, r) => n + r.total, 0)}`)]);
  }
  if (exercises.length) out.push([span(`Exercises passed: ${passed} of ${exercises.length}`)]);
  if (exercises.length > passed) out.push([span('Go back (←) to an exercise to try it again.', 'dim')]);
  out.push(blank);
  append(out, (next
    ? wrapSpans([span('Enter', 'bold'), span(' starts the next lesson: '), span(next.title, 'accent')], width, 2)
    : [[span('That was the last lesson of the course. ', 'ok'), span('b', 'bold'), span(' goes back to the course list.')]]));
  return out;
}
