// The progress screen: lessons, drills, mock exams and weak topics with what to practise. Pure.
import type { Lesson } from '../content/lesson-types.ts';
import { durationText, weakTopics, type Tagged } from '../progress/advice.ts';
import { lessonStatus, predictionScore, type Progress } from '../progress/model.ts';
import { blank, span, type Line } from './lines.ts';

export function progressLines(p: Progress, lessons: readonly Lesson[], scenarios: readonly Tagged[] | undefined, width: number): Line[] {
  const out: Line[] = [[span('Lessons', 'heading')]];
  let done = 0;
  for (const l of lessons) {
    const st = lessonStatus(p, l.id, l.steps.length);
    if (st.kind === 'done') done++;
    const text = st.kind === 'done' ? '✓ done' : st.kind === 'in-progress' ? `▸ step ${st.step + 1}/${st.total}` : '  not started';
    const pr = predictionScore(p, l.id, l.steps.flatMap((s) => (s.kind === 'predict' ? [s.id] : [])));
    const predicted = pr.total ? `  predicted ${pr.right}/${pr.total}` : '';
    out.push([span(`${text.padEnd(14)}`, st.kind === 'done' ? 'ok' : st.kind === 'new' ? 'dim' : 'plain'), span(l.title.slice(0, Math.max(10, width - 16 - predicted.length))), span(predicted, 'dim')]);
  }
  out.push([span(`${done} of ${lessons.length} lessons done`, 'dim')], blank);
  const drills = Object.entries(p.drills).sort(([a], [b]) => a.localeCompare(b));
  out.push([span('Drills', 'heading'), span(drills.length ? `  ${drills.filter(([, d]) => d.passed).length} of ${drills.length} attempted passed` : '  none yet: press d on the home screen', 'dim')]);
  if (drills.length) out.push([span(`${'DRILL'.padEnd(38)} BEST  TIME   TRIES  HINTS`, 'dim')]);
  for (const [id, d] of drills) {
    out.push([span(`${id.slice(0, 37).padEnd(38)} `), span(`${String(d.bestScore).padStart(3)}%`, d.passed ? 'ok' : 'warn'),
      span(`  ${(d.bestTimeMs === undefined ? '-' : durationText(d.bestTimeMs)).padEnd(5)}  ${String(d.attempts).padStart(5)}  ${String(d.hintsUsed).padStart(5)}`)]);
  }
  out.push(blank, [span('Mock exams', 'heading'), span(p.exams.length ? `  ${p.exams.length} taken` : '  none yet: netpol-dojo exam', 'dim')]);
  for (const e of p.exams.slice(-10).reverse()) {
    out.push([span(`${e.at.slice(0, 16).replace('T', ' ')}  ${(e.set ?? `seed ${e.seed}`).padEnd(12)} `), span(`${String(e.score).padStart(5)}/100 ${e.passed ? 'passed' : 'not passed'}`, e.passed ? 'ok' : 'bad')]);
  }
  out.push(blank, [span('Weak topics', 'heading'), span('  (recent drill and exam scores)', 'dim')]);
  if (!scenarios) out.push([span('loading…', 'dim')]);
  else {
    const weak = weakTopics(p, lessons, scenarios);
    if (weak.length === 0) out.push([span('none: no topic scores below 80% recently', 'dim')]);
    for (const w of weak) {
      out.push([span(`${w.topic.padEnd(20)} `, 'bold'), span(`${String(w.score).padStart(3)}%`, 'warn'),
        span(`  ${[w.lesson ? `lesson ${w.lesson.id}` : '', w.drill ? `drill ${w.drill.id}` : ''].filter(Boolean).join(', ')}`, 'accent')]);
    }
  }
  return out;
}
