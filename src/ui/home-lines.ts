// The home screen as lines: title, the course list with completion marks, what else exists. Pure.
import { lessonStatus } from '../progress/model.ts';
import type { AppState } from './app-state.ts';
import { append, blank, span, wrapSpans, type Line } from './lines.ts';
import { inlineSpans } from './markup.ts';

/** The course list rows only (the part that scrolls on short terminals), and which row is selected. */
export function courseRows(s: AppState, width: number): Line[] {
  const numW = String(s.lessons.length).length;
  const statusW = 14;
  const minW = 7;
  const longest = s.lessons.reduce((w, l) => Math.max(w, l.title.length), 0);
  const titleW = Math.max(10, Math.min(longest + 2, width - (2 + numW + 2) - minW - statusW - 2));
  return s.lessons.map((l, i) => {
    const st = lessonStatus(s.progress, l.id, l.steps.length);
    const selected = i === s.homeCursor;
    const title = l.title.length > titleW ? `${l.title.slice(0, titleW - 1)}…` : l.title.padEnd(titleW);
    const status = st.kind === 'done'
      ? span('✓ done', 'ok')
      : st.kind === 'in-progress' ? span(`▸ step ${st.step + 1}/${st.total}`, 'warn') : span('', 'plain');
    return [
      span(selected ? '› ' : '  ', 'accent'),
      span(`${String(i + 1).padStart(numW)}. `, selected ? 'bold' : 'dim'),
      span(title, selected ? 'selected' : 'plain'),
      span(`${String(l.minutes).padStart(3)} min  `, 'dim'),
      status,
    ];
  });
}

export interface HomeView { readonly header: Line[]; readonly rows: Line[]; readonly first: number; readonly footer: Line[] }

/** Splits the home screen into header, a window of course rows that keeps the cursor visible, and the rest. */
export function homeView(s: AppState, width: number, height: number, next?: string): HomeView {
  const done = s.lessons.filter((l) => s.progress.lessons[l.id]?.completed).length;
  const header: Line[] = [
    [span('netpol-dojo', 'heading'), span('  Kubernetes NetworkPolicies, offline', 'dim')],
    blank,
    [span('Lessons', 'bold'), span(s.lessons.length ? `  ${done} of ${s.lessons.length} done` : '', 'dim')],
  ];
  const footer: Line[] = [blank];
  const selected = s.lessons[s.homeCursor];
  if (selected?.summary) append(footer, [...wrapSpans(inlineSpans(selected.summary, 'dim'), width), blank]);
  if (s.lessons.length === 0) footer.unshift([span('No lessons found. ', 'warn'), span('Check the installation, or run netpol-dojo lint.', 'dim')]);
  if (next) footer.push(...wrapSpans([span('What next: ', 'bold'), span(next, 'accent')], width), blank);
  const drills = Object.keys(s.progress.drills).length;
  footer.push(...wrapSpans([span('Drills: ', 'bold'), span('press d', 'code'), span(` — timed exam-style tasks on their own cluster${drills ? ` (${drills} attempted)` : ''}.`, 'dim')], width));
  footer.push(...wrapSpans([span('Sandbox: ', 'bold'), span('netpol-dojo kubectl get pods -A', 'code'), span(' — a simulated cluster for your own experiments, in your shell.', 'dim')], width));
  for (const n of s.notices) append(footer, wrapSpans([span('! ', 'warn'), span(n, 'warn')], width, 2));
  const all = courseRows(s, width);
  const room = Math.max(3, height - header.length - footer.length);
  const first = all.length <= room ? 0 : Math.min(Math.max(0, s.homeCursor - Math.floor(room / 2)), all.length - room);
  return { header, rows: all.slice(first, first + room), first, footer };
}
