// Lays out the lesson player for a terminal size: header, the step's lines (side by side from 120 columns,
// stacked below that), a scroll window, and the footer's key hints. Pure.
import type { Lesson } from '../content/lesson-types.ts';
import { keyContext, solutionUnlocked, type AppState, type PlayerState } from './app-state.ts';
import type { StepOutput } from './deps.ts';
import { footerEntries } from './keymap.ts';
import { besideLines, blank, span, type Line } from './lines.ts';
import { finishedLines, stepLines } from './step-lines.ts';

export const WIDE = 120;
/** Rows outside the scrolling body: header (2), footer (2) and one spare row so Ink never fills the screen. */
const CHROME = 5;

export interface LessonView {
  readonly header: Line;
  readonly body: readonly Line[];
  /** How many body rows fit; the body scrolls by PlayerState.scroll within this window. */
  readonly height: number;
  readonly scrollMax: number;
  readonly footer: Line;
}

const KIND_LABEL = { text: 'read', yaml: 'example', kubectl: 'kubectl', matrix: 'matrix', predict: 'predict', quiz: 'quiz', exercise: 'exercise' } as const;

function footerLine(s: AppState, p: PlayerState, lesson: Lesson, scrollMax: number): Line {
  const ctx = keyContext(s);
  if (ctx === 'busy') return [span('editor open: save and quit it to come back', 'dim')];
  const step = lesson.steps[p.index];
  const entries = footerEntries(ctx, {
    hint: step?.kind === 'exercise' && p.hintsShown < step.hints.length,
    solution: step?.kind === 'exercise' && solutionUnlocked(p),
  });
  const out: Line[number][] = [];
  const up = p.scroll > 0;
  const down = p.scroll < scrollMax;
  if (up || down) {
    // PgUp/PgDn scroll everywhere; ↑/↓ too, except in a quiz or an open prediction where they pick.
    out.push(span(`${up && down ? '↑↓' : up ? '↑' : '↓'} more`, 'warn'), span(' (PgUp/PgDn)', 'dim'), span('  '));
  }
  entries.forEach((e, i) => {
    if (i) out.push(span('  '));
    out.push(span(e.label, 'bold'), span(` ${e.help}`, 'dim'));
  });
  return out;
}

export function lessonView(s: AppState, lesson: Lesson, output: StepOutput, workspaceFile: string | undefined, columns: number, rows: number): LessonView {
  const p = s.player!;
  const width = Math.max(20, columns - 2);
  const height = Math.max(3, rows - CHROME);
  const n = lesson.steps.length;
  const finished = p.index >= n;
  const step = lesson.steps[p.index];
  const where = finished ? 'complete' : `step ${p.index + 1}/${n} · ${KIND_LABEL[step.kind]}`;
  const title = lesson.title.length > width - where.length - 4 ? `${lesson.title.slice(0, Math.max(1, width - where.length - 5))}…` : lesson.title;
  const header: Line = [span(title, 'heading'), span(`  ${where}`, 'dim')];
  let body: Line[];
  if (finished) {
    body = finishedLines(lesson, s, width);
  } else {
    const wide = columns >= WIDE && step.kind !== 'text' && step.kind !== 'quiz';
    const mainWidth = wide ? Math.floor((width - 3) * 0.55) : width;
    const sideWidth = wide ? width - 3 - mainWidth : width;
    const { main, side, head = [] } = stepLines({ lesson, state: s, player: p, output, workspaceFile }, mainWidth, sideWidth);
    if (wide && side.length) body = [...head, ...besideLines(main, side, mainWidth)];
    else if (!side.length) body = [...head, ...main];
    else if (step.kind === 'exercise') body = [...head, ...main, blank, ...side];
    else body = [...head, ...side, blank, ...main]; // the caption reads first, then the example
  }
  const scrollMax = Math.max(0, body.length - height);
  return { header, body, height, scrollMax, footer: footerLine(s, p, lesson, scrollMax) };
}
