// A class's grades (students × tasks) as a table, JSON, CSV, JUnit XML or Markdown. Pure.
import { xmlEscape } from './format.ts';

export interface ClassCell {
  /** Points earned (exam results) or the task's score 0-100 (submissions); undefined: nothing handed in. */
  readonly earned?: number;
  readonly points: number;
  readonly passed: boolean;
  /** Why it failed or could not be graded (first failed check, or the error). */
  readonly note?: string;
}

export interface ClassRow {
  readonly student: string;
  /** Where the grades came from (a results file, a submissions folder). */
  readonly source: string;
  readonly cells: Readonly<Record<string, ClassCell>>;
  readonly total: number;
  readonly passed: boolean;
  /** A row that could not be read at all (damaged results file). */
  readonly error?: string;
}

export interface ClassGrades {
  readonly kind: 'results' | 'submissions';
  readonly tasks: readonly string[];
  readonly passMark: number;
  readonly rows: readonly ClassRow[];
}

/** The share of students who passed each task (rows that could be read). */
export function successRates(g: ClassGrades): Record<string, number> {
  const ok = g.rows.filter((r) => !r.error);
  return Object.fromEntries(g.tasks.map((t) => [t, ok.length ? Math.round((100 * ok.filter((r) => r.cells[t]?.passed).length) / ok.length) : 0]));
}

function cellText(c: ClassCell | undefined): string {
  if (!c || c.earned === undefined) return '-';
  return `${Number.isInteger(c.earned) ? c.earned : c.earned.toFixed(1)}/${c.points}`;
}

export function classTable(g: ClassGrades): string {
  const head = ['STUDENT', ...g.tasks, 'TOTAL', 'RESULT'];
  const rates = successRates(g);
  const rows = g.rows.map((r) => (r.error
    ? [r.student, ...g.tasks.map(() => '?'), '-', `ERROR: ${r.error}`]
    : [r.student, ...g.tasks.map((t) => cellText(r.cells[t])), String(r.total), r.passed ? 'PASS' : 'FAIL']));
  const foot = ['PASSED', ...g.tasks.map((t) => `${rates[t]}%`), '', `${g.rows.filter((r) => r.passed).length}/${g.rows.length}`];
  const all = [head, ...rows, foot];
  const widths = head.map((_, i) => all.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  return `${all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n')}\n`;
}

export function classJson(g: ClassGrades): string {
  return `${JSON.stringify({ kind: g.kind, passMark: g.passMark, tasks: g.tasks, successRates: successRates(g), students: g.rows }, null, 2)}\n`;
}

function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s; // no formulas when opened in a spreadsheet
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function classCsv(g: ClassGrades): string {
  const lines = [['student', 'source', ...g.tasks, 'total', 'passed', 'error'].map(csvCell).join(',')];
  for (const r of g.rows) {
    lines.push([r.student, r.source, ...g.tasks.map((t) => (r.cells[t]?.earned === undefined ? '' : String(r.cells[t].earned))), String(r.total), String(r.passed), r.error ?? ''].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function classMarkdown(g: ClassGrades): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const rates = successRates(g);
  const lines = [
    `| student | ${g.tasks.map(esc).join(' | ')} | total | result |`,
    `|---|${g.tasks.map(() => '---:').join('|')}|---:|---|`,
    ...g.rows.map((r) => `| ${esc(r.student)} | ${g.tasks.map((t) => (r.error ? '?' : cellText(r.cells[t]))).join(' | ')} | ${r.error ? '-' : r.total} | ${r.error ? `error: ${esc(r.error)}` : r.passed ? 'pass' : 'fail'} |`),
    `| **passed** | ${g.tasks.map((t) => `${rates[t]}%`).join(' | ')} | | ${g.rows.filter((r) => r.passed).length}/${g.rows.length} |`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One <testsuite> per student, one <testcase> per task. */
export function classJunit(g: ClassGrades): string {
  const suites = g.rows.map((r) => {
    if (r.error) return `  <testsuite name="${xmlEscape(r.student)}" tests="1" failures="0" errors="1">\n    <testcase classname="netpol-dojo.${xmlEscape(r.student)}" name="${xmlEscape(r.source)}"><error message="${xmlEscape(r.error)}"/></testcase>\n  </testsuite>`;
    const failures = g.tasks.filter((t) => !r.cells[t]?.passed).length;
    const cases = g.tasks.map((t) => {
      const c = r.cells[t];
      const open = `    <testcase classname="netpol-dojo.${xmlEscape(r.student)}" name="${xmlEscape(t)}">`;
      if (c?.passed) return `${open}</testcase>`;
      return `${open}<failure message="${xmlEscape(c?.note ?? 'nothing handed in')}">${xmlEscape(cellText(c))}</failure></testcase>`;
    });
    return `  <testsuite name="${xmlEscape(r.student)}" tests="${g.tasks.length}" failures="${failures}" errors="0">\n    <properties><property name="total" value="${r.total}"/><property name="passed" value="${r.passed}"/></properties>\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="netpol-dojo class">\n${suites.join('\n')}\n</testsuites>\n`;
}
