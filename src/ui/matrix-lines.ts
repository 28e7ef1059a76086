// A reachability grid as lines: rows are sources, numbered columns are destinations, a legend names the
// columns; ✓ allowed, ✗ denied, · a pod and itself. Symbols carry the meaning, colour only helps. Pure.
import { append, span, wrapSpans, type Line, type Span } from './lines.ts';

export interface MatrixData {
  readonly title: string;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly allowed: readonly (readonly (boolean | undefined)[])[];
  /** Cells to highlight ([row, col]): the ones a learner predicted. */
  readonly picked?: readonly (readonly [number, number])[];
}

export function matrixLines(m: MatrixData, width: number): Line[] {
  const out: Line[] = [[span(m.title, 'heading')]];
  if (m.rows.length === 0 || m.cols.length === 0) {
    out.push([span('(no pods)', 'dim')]);
    return out;
  }
  const nameW = Math.min(m.rows.reduce((w, r) => Math.max(w, r.length), 9) + 2, Math.max(12, Math.floor(width / 2)));
  const colW = Math.max(3, String(m.cols.length).length + 2);
  const clip = (s: string) => (s.length > nameW - 1 ? `${s.slice(0, nameW - 2)}…` : s);
  out.push([span('from \\ to'.padEnd(nameW), 'dim'), ...m.cols.map((_, j) => span(String(j + 1).padStart(colW), 'dim'))]);
  let yes = 0;
  let pairs = 0;
  const picked = new Set((m.picked ?? []).map(([i, j]) => `${i},${j}`));
  m.rows.forEach((r, i) => {
    const cells: Span[] = m.cols.flatMap((_, j) => {
      const a = m.allowed[i]?.[j];
      const sym = a === undefined ? '·' : a ? '✓' : '✗';
      if (a !== undefined) { pairs++; if (a) yes++; }
      if (picked.has(`${i},${j}`)) return [span(' '.repeat(colW - 1)), span(sym, 'selected')];
      return [span(sym.padStart(colW), a === undefined ? 'dim' : a ? 'ok' : 'bad')];
    });
    out.push([span(clip(r).padEnd(nameW)), ...cells]);
  });
  out.push([]);
  append(out, wrapSpans(m.cols.map((c, j) => span(`${j + 1}=${c}${j < m.cols.length - 1 ? '  ' : ''}`, 'dim')), width));
  out.push([span(`${yes} of ${pairs} connections allowed`), span('  (✓ allowed, ✗ denied, · same pod)', 'dim')]);
  if (picked.size) out.push([span('Highlighted: the cells you predicted.', 'dim')]);
  return out;
}
