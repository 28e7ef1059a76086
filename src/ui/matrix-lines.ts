// A reachability grid as lines: rows are sources, numbered columns are destinations, a legend names the
// columns; ✓ allowed, ✗ denied, · a pod and itself. Symbols carry the meaning, colour only helps. Pure.
import { append, span, wrapSpans, type Line, type Span } from './lines.ts';

export interface MatrixData {
  readonly title: string;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  readonly allowed: readonly (readonly (boolean | undefined)[])[];
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
  m.rows.forEach((r, i) => {
    const cells: Span[] = m.cols.map((_, j) => {
      const a = m.allowed[i]?.[j];
      if (a === undefined) return span('·'.padStart(colW), 'dim');
      pairs++;
      if (a) yes++;
      return a ? span('✓'.padStart(colW), 'ok') : span('✗'.padStart(colW), 'bad');
    });
    out.push([span(clip(r).padEnd(nameW)), ...cells]);
  });
  out.push([]);
  append(out, wrapSpans(m.cols.map((c, j) => span(`${j + 1}=${c}${j < m.cols.length - 1 ? '  ' : ''}`, 'dim')), width));
  out.push([span(`${yes} of ${pairs} connections allowed`), span('  (✓ allowed, ✗ denied, · same pod)', 'dim')]);
  return out;
}
