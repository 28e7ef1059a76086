// The drill screens as lines: picker, running drill (task, hints, live checks, grid), results. Pure.
import type { Scenario } from '../content/scenario-types.ts';
import type { CheckResult } from '../grader/report.ts';
import { clock, elapsedMs, finalScore, HINT_COST, timeLeftMs } from '../practice/drill.ts';
import type { MatrixGrid } from '../practice/lesson-run.ts';
import { append, blank, besideLines, preformatted, span, wrapSpans, type Line, type SpanStyle } from './lines.ts';
import { markupLines } from './markup.ts';
import { matrixLines } from './matrix-lines.ts';
import { visibleScenarios, type DrillUiState } from './drill-state.ts';
import { yamlLines } from './yaml-lines.ts';

export interface DrillView { readonly header: Line[]; readonly body: Line[]; readonly footer: Line[] }

const stars = (d: number) => '★'.repeat(d) + '☆'.repeat(3 - d);

function keysLine(keys: readonly [string, string][]): Line {
  return keys.flatMap(([k, h], i) => [...(i ? [span('  ')] : []), span(k, 'bold'), span(` ${h}`, 'dim')]);
}

function noticeLines(s: DrillUiState, width: number): Line[] {
  return s.notices.slice(-2).flatMap((n) => wrapSpans([span('! ', 'warn'), span(n, 'warn')], width));
}

export function pickerView(s: DrillUiState, width: number, height: number): DrillView {
  const list = visibleScenarios(s);
  const idW = list.reduce((w, sc) => Math.max(w, sc.id.length), 10);
  const header: Line[] = [
    [span('netpol-dojo', 'heading'), span(' · drills: exam-style tasks against the clock', 'dim')],
    [span('topic: ', 'dim'), span(s.tag ?? 'all', 'accent'), span('   difficulty: ', 'dim'), span(s.difficulty ? stars(s.difficulty) : 'all', 'accent'),
      span(`   ${list.length} of ${s.scenarios.length} scenarios`, 'dim')],
    blank,
    [span(`  ${'ID'.padEnd(idW)}  LEVEL  MIN  PTS  BEST  TIME   TITLE`, 'dim')],
  ];
  const rows = list.map((sc, i): Line => {
    const rec = s.progress.drills?.[sc.id];
    const best = rec ? `${String(rec.bestScore).padStart(3)}%` : '   -';
    const time = rec?.bestTimeMs !== undefined ? clock(rec.bestTimeMs) : '  -  ';
    const mark = rec?.passed ? '✓' : rec ? '·' : ' ';
    const text = `${i === Math.min(s.cursor, list.length - 1) ? '›' : ' '} ${sc.id.padEnd(idW)}  ${stars(sc.difficulty)}  ${String(sc.minutes).padStart(3)}  ${String(sc.points).padStart(3)}  ${best}  ${time.padEnd(5)}  ${mark} ${sc.title}`;
    return [span(text.slice(0, width), i === s.cursor ? 'selected' : 'plain')];
  });
  const room = Math.max(3, height - header.length - 4);
  const first = Math.max(0, Math.min(s.cursor - Math.floor(room / 2), rows.length - room));
  const body = list.length ? rows.slice(first, first + room) : [[span('no scenario matches these filters (press t / d to change them)', 'dim')]];
  const sel = list[Math.min(s.cursor, list.length - 1)];
  const detail: Line[] = sel ? [blank, [span(`topics: ${sel.tags.join(', ') || '-'}`, 'dim')]] : [];
  return {
    header,
    body: [...body, ...detail, ...noticeLines(s, width)],
    footer: [keysLine([['↑/↓', 'choose'], ['Enter', 'start'], ['r', 'start over'], ['t', 'topic'], ['d', 'difficulty'], ['q', 'quit']])],
  };
}

function checkLines(c: CheckResult, width: number, detail: boolean): Line[] {
  const mark = c.passed ? span('✓ ', 'ok') : span('✗ ', 'bad');
  const out = wrapSpans([span(`${c.description} `), span(`(${c.points} pt${c.points === 1 ? '' : 's'})`, 'dim')], width - 2, 2, [mark]);
  if (detail && !c.passed) {
    for (const r of c.reasons.slice(0, 12)) append(out, wrapSpans([span(r.trim(), r.startsWith('  ') ? 'dim' : 'plain')], width - 4, 6, [span('    ')]));
    if (c.reasons.length > 12) out.push([span(`    … ${c.reasons.length - 12} more line(s)`, 'dim')]);
  }
  return out;
}

function timeStyle(leftMs: number): SpanStyle {
  return leftMs <= 60_000 ? 'bad' : leftMs <= 180_000 ? 'warn' : 'ok';
}

function gridData(g: MatrixGrid, title: string) {
  return { title, rows: g.pods, cols: g.pods, allowed: g.cells.map((row) => row.map((c) => (c === 'self' ? undefined : c === 'allowed'))) };
}

export interface GridInput { readonly start: MatrixGrid; readonly now: MatrixGrid; readonly port: number; readonly protocol: string }

export function drillView(s: DrillUiState, now: string, grid: GridInput | undefined, width: number, kubectl?: string): DrillView {
  const sc = s.scenario!;
  const session = s.session!;
  const left = timeLeftMs(session, now);
  const header: Line[] = [
    [span(sc.id, 'heading'), span(` · ${sc.title}`, 'bold')],
    [
      span(`${stars(sc.difficulty)}  ${sc.points} pts`, 'dim'),
      ...(sc.namespace ? [span('  namespace ', 'dim'), span(sc.namespace, 'accent')] : []),
      ...(sc.seed !== undefined ? [span(`  seed ${sc.seed}`, 'dim')] : []),
      span('   time left ', 'dim'), span(clock(left), timeStyle(left)),
      span(`   hints ${session.hintsShown}/${sc.hints.length}${session.hintsShown ? ` (-${HINT_COST * session.hintsShown} pts)` : ''}`, 'dim'),
      ...(kubectl ? [span(`   ${kubectl}`, 'dim')] : []),
    ],
  ];
  const wide = width >= 110;
  const mainW = wide ? Math.floor(width * 0.58) : width;
  const sideW = wide ? width - mainW - 3 : width;
  let main: Line[];
  if (s.panel === 'grid' && grid) {
    main = [
      ...matrixLines(gridData(grid.start, `at the start: namespace ${grid.start.namespace}, ${grid.port}/${grid.protocol}`), mainW),
      blank,
      ...matrixLines(gridData(grid.now, `now: namespace ${grid.now.namespace}, ${grid.port}/${grid.protocol}`), mainW),
    ];
  } else {
    main = [...markupLines(sc.task, mainW)];
    if (sc.files.length) main.push(blank, [span('Files in your workspace: ', 'dim'), span(sc.files.map((f) => f.path).join(', '), 'code')]);
    sc.hints.slice(0, session.hintsShown).forEach((h, i) => append(main, [blank, ...wrapSpans([span(`Hint ${i + 1}: `, 'warn'), span(h)], mainW, 2)]));
  }
  const side: Line[] = [];
  if (session.mode === 'practice' && s.grade) {
    const r = s.grade.report;
    side.push([span('Checks ', 'heading'), span(`(live: ${r.earned}/${r.total} pts${r.progress ? '' : '; nothing done yet'})`, 'dim')]);
    for (const c of r.checks) append(side, checkLines(c, sideW, false));
  } else {
    side.push([span('Checks are hidden in exam mode.', 'dim')]);
  }
  const body = wide ? besideLines(main, side, mainW) : [...main, blank, ...side];
  if (s.confirmReset) body.unshift([span('Put the starting cluster back? Your workspace files are kept. y to confirm, any other key to cancel', 'warn')], blank);
  const footer: Line[] = [...noticeLines(s, width), keysLine([
    ['t', 'terminal'], ['?', 'hint'], ['g', s.panel === 'grid' ? 'task' : 'grid'], ...(s.panel === 'grid' ? [['p', 'next port'] as [string, string]] : []),
    ['r', 'reset'], ['s', 'submit'], ['q', 'leave'], ['↑/↓', 'scroll'],
  ])];
  return { header, body, footer };
}

export function resultsView(s: DrillUiState, width: number): DrillView {
  const sc = s.scenario!;
  const session = s.session!;
  const r = s.grade!.report;
  const score = finalScore(r, session.hintsShown);
  const reason = session.finished?.reason === 'timeout' ? 'time ran out; graded as it stood' : 'submitted';
  const header: Line[] = [
    [span(sc.id, 'heading'), span(` · ${sc.title}`, 'bold')],
    [
      span(r.passed ? 'PASSED' : 'NOT PASSED', r.passed ? 'ok' : 'bad'),
      span(`   score ${score}/100`, 'bold'),
      span(`   (${r.earned}/${r.total} pts${session.hintsShown ? `, -${HINT_COST * session.hintsShown} for ${session.hintsShown} hint(s)` : ''})`, 'dim'),
      span(`   time ${clock(elapsedMs(session, session.finished?.at ?? session.startedAt))} of ${clock(session.limitMs)}, ${reason}`, 'dim'),
    ],
  ];
  const body: Line[] = [[span('Checks', 'heading')]];
  for (const c of r.checks) append(body, checkLines(c, width, true));
  for (const w of s.grade!.feedback) {
    append(body, [blank, [span(`Looks like a common mistake: ${w.name}`, 'warn')], ...markupLines(w.feedback, width)]);
  }
  body.push(blank, [span('Reference solution', 'heading')]);
  if (sc.solution.manifests.trim()) append(body, yamlLines(sc.solution.manifests, width));
  for (const c of sc.solution.commands) body.push([span('$ ', 'dim'), span(c, 'code')]);
  for (const [path, text] of Object.entries(sc.solution.files)) append(body, [[span(`${path}:`, 'dim')], ...preformatted(text, width, 'code')]);
  append(body, [blank, ...markupLines(sc.solution.explanation, width)]);
  return { header, body, footer: [...noticeLines(s, width), keysLine([['↑/↓', 'scroll'], ['r', 'try again'], ['b', 'drills'], ['q', 'quit']])] };
}

export function scenarioById(list: readonly Scenario[], id: string): Scenario | undefined {
  return list.find((s) => s.id === id);
}
