// The exam screens as lines: the task list and the current task; the report with a review per task. Pure.
import { clock } from '../practice/drill.ts';
import { leftMs } from '../practice/exam.ts';
import type { ExamTaskView, TaskReview } from './exam-deps.ts';
import type { ExamUiState } from './exam-state.ts';
import { append, besideLines, blank, span, wrapSpans, type Line, type SpanStyle } from './lines.ts';
import { markupLines } from './markup.ts';
import { yamlLines } from './yaml-lines.ts';

export interface ExamView { readonly header: Line[]; readonly body: Line[]; readonly footer: Line[] }

function keysLine(keys: readonly [string, string][]): Line {
  return keys.flatMap(([k, h], i) => [...(i ? [span('  ')] : []), span(k, 'bold'), span(` ${h}`, 'dim')]);
}

function leftStyle(ms: number): SpanStyle {
  return ms <= 5 * 60_000 ? 'bad' : ms <= 15 * 60_000 ? 'warn' : 'ok';
}

export function examView(s: ExamUiState, tasks: readonly ExamTaskView[], width: number, kubectl?: string): ExamView {
  const ses = s.session;
  const i = ses.current;
  const t = ses.plan.tasks[i];
  const view = tasks[i];
  const left = leftMs(ses);
  const header: Line[] = [
    [span(ses.plan.title, 'heading'), ...(ses.student ? [span(`  ${ses.student}`, 'dim')] : []), span('   time left ', 'dim'), span(clock(left), leftStyle(left))],
    [span(`Task ${i + 1} of ${ses.tasks.length}`, 'bold'), span(` · ${t.points} points · context `, 'dim'), span(t.context, 'accent'),
      ...(ses.tasks[i].flagged ? [span('  ⚑ flagged', 'warn')] : []), ...(kubectl ? [span(`   ${kubectl}`, 'dim')] : [])],
  ];
  const listW = 30;
  const list: Line[] = ses.plan.tasks.map((task, j) => {
    const st = ses.tasks[j];
    const mark = st.flagged ? '⚑' : st.status === 'attempted' ? '•' : ' ';
    const text = `${j === i ? '›' : ' '}${String(j + 1).padStart(2)} ${mark} ${String(task.points).padStart(2)}p ${tasks[j]?.title ?? task.scenario}`;
    return [span(text.length > listW ? `${text.slice(0, listW - 1)}…` : text, j === i ? 'selected' : st.status === 'attempted' ? 'plain' : 'dim')];
  });
  list.push(blank, [span('• attempted  ⚑ flagged', 'dim')]);
  const mainW = Math.max(30, width - listW - 3);
  const main: Line[] = [
    [span(view?.title ?? t.scenario, 'bold')],
    blank,
    ...markupLines(view?.task ?? '', mainW),
  ];
  if (view?.files.length) main.push(blank, [span(`Files for this task are in ${t.context}/ of your workspace: `, 'dim'), span(view.files.join(', '), 'code')]);
  const body = width >= 80 ? besideLines(list, main.slice(s.scroll), listW) : [...list, blank, ...main.slice(s.scroll)];
  if (s.confirmEnd) body.unshift([span('End the exam now and grade it? y to confirm, any other key to go on', 'warn')], blank);
  const footer: Line[] = [
    ...s.notices.slice(-2).flatMap((n) => wrapSpans([span('! ', 'warn'), span(n, 'warn')], width)),
    keysLine([['↑/↓ 1-9', 'task'], ['t', 'terminal'], ['f', 'flag'], ['PgUp/PgDn', 'scroll'], ['E', 'end exam'], ['q', 'pause & quit']]),
  ];
  return { header, body, footer };
}

export function reportView(s: ExamUiState, tasks: readonly ExamTaskView[], reviews: readonly TaskReview[], resultsFile: string | undefined, width: number): ExamView {
  const r = s.result!;
  const ses = s.session;
  const header: Line[] = [
    [span(ses.plan.title, 'heading'), ...(ses.student ? [span(`  ${ses.student}`, 'dim')] : [])],
    [span(r.passed ? 'PASSED' : 'NOT PASSED', r.passed ? 'ok' : 'bad'), span(`   ${r.total} / 100 points`, 'bold'),
      span(`   pass mark ${ses.plan.passMark}   time used ${clock(ses.usedMs)} of ${clock(ses.plan.minutes * 60_000)}`, 'dim')],
  ];
  const body: Line[] = [[span(' #  POINTS      TIME    TASK', 'dim')]];
  r.tasks.forEach((t, i) => {
    const style: SpanStyle = t.passed ? 'ok' : t.earned > 0 ? 'warn' : 'bad';
    body.push([span(`${String(i + 1).padStart(2)}  `), span(`${String(t.earned).padStart(4)}/${String(t.points).padEnd(3)}`, style),
      span(`  ${clock(t.timeMs).padStart(6)}  `, 'dim'), span(`${t.flagged ? '⚑ ' : ''}${tasks[i]?.title ?? t.scenario}`)]);
  });
  if (resultsFile) body.push(blank, [span('Results saved to ', 'dim'), span(resultsFile, 'code')]);
  const half = Math.floor((width - 3) / 2);
  r.tasks.forEach((t, i) => {
    const rv = reviews[i];
    body.push(blank, [span(`Task ${i + 1}: ${tasks[i]?.title ?? t.scenario}`, 'heading'), span(`  (${t.context}, ${t.earned}/${t.points} points)`, 'dim')]);
    for (const c of t.report.checks) {
      body.push(...wrapSpans([span(c.passed ? '✓ ' : '✗ ', c.passed ? 'ok' : 'bad'), span(c.summary)], width, 2));
      if (!c.passed) for (const line of c.reasons.slice(0, 8)) body.push(...wrapSpans([span(line.trim(), line.startsWith('  ') ? 'dim' : 'plain')], width - 4, 6, [span('    ')]));
    }
    if (!rv) return;
    const mine = [[span('Your policies', 'bold')] as Line, ...(rv.learnerPolicies.trim() ? yamlLines(rv.learnerPolicies, half) : [[span('(none)', 'dim')] as Line])];
    const ref = [[span('Reference', 'bold')] as Line, ...yamlLines(rv.reference, half)];
    append(body, [blank, ...(width >= 100 ? besideLines(mine, ref, half) : [...mine, blank, ...ref])]);
    append(body, [blank, ...markupLines(rv.explanation, width)]);
  });
  return { header, body, footer: [keysLine([['↑/↓ PgUp/PgDn', 'scroll'], ['q', 'quit']])] };
}
