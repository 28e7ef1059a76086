// A grade report as text, JSON and JUnit XML. Pure.
import type { CheckResult, GradeReport } from './report.ts';

export interface ReportHeader {
  /** Scenario id, or LESSON_ID/EXERCISE_ID. */
  readonly task: string;
  readonly title: string;
  readonly seed?: number;
}

export interface Feedback { readonly name: string; readonly feedback: string }

export interface TextStyle { readonly ok: (s: string) => string; readonly bad: (s: string) => string; readonly dim: (s: string) => string; readonly bold: (s: string) => string }

export const PLAIN: TextStyle = { ok: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };

function checkLines(c: CheckResult, style: TextStyle): string[] {
  const mark = c.passed ? style.ok('✓') : style.bad('✗');
  const out = [`${mark} ${c.id} (${c.points} pt${c.points === 1 ? '' : 's'}): ${c.summary}`];
  if (!c.passed) for (const r of c.reasons) out.push(`    ${r.startsWith('  ') ? style.dim(r) : r}`);
  return out;
}

export function reportText(h: ReportHeader, r: GradeReport, feedback: readonly Feedback[], style: TextStyle = PLAIN): string {
  const lines = [style.bold(`${h.task}: ${h.title}${h.seed !== undefined ? ` (seed ${h.seed})` : ''}`)];
  for (const c of r.checks) for (const l of checkLines(c, style)) lines.push(l);
  for (const f of feedback) {
    lines.push('', style.bold(`Looks like a common mistake: ${f.name}`));
    for (const l of f.feedback.trim().split('\n')) lines.push(`  ${l}`);
  }
  if (!r.progress) lines.push('', style.bad('Nothing the task asks for is done yet, so the checks that still pass earn no points.'));
  const verdict = r.passed ? style.ok('PASS') : style.bad('FAIL');
  lines.push('', `score ${r.score}/100 (${r.earned} of ${r.total} points, ${r.pairsCompared} connections compared): ${verdict}`);
  return `${lines.join('\n')}\n`;
}

export function reportJson(h: ReportHeader, r: GradeReport, feedback: readonly Feedback[]): string {
  const isLesson = h.task.includes('/');
  return `${JSON.stringify({
    ...(isLesson ? { exercise: h.task } : { scenario: h.task }),
    title: h.title,
    ...(h.seed !== undefined ? { seed: h.seed } : {}),
    passed: r.passed, score: r.score, earned: r.earned, total: r.total, progress: r.progress, pairsCompared: r.pairsCompared,
    checks: r.checks.map((c) => ({ id: c.id, kind: c.kind, description: c.description, points: c.points, passed: c.passed, summary: c.summary, reasons: c.reasons })),
    feedback,
  }, null, 2)}\n`;
}

/** XML text and attribute escaping; control characters other than tab and newline are dropped. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[ch] ?? ch))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** One <testsuite> per task, one <testcase> per check or goal. */
export function junitSuite(h: ReportHeader, r: GradeReport, name = h.task): string {
  const failures = r.checks.filter((c) => !c.passed).length;
  const cases = r.checks.map((c) => {
    const open = `    <testcase classname="netpol-dojo.${xmlEscape(h.task)}" name="${xmlEscape(`${c.id}: ${c.description}`)}">`;
    if (c.passed) return `${open}</testcase>`;
    return `${open}\n      <failure message="${xmlEscape(c.summary)}" type="${xmlEscape(c.kind)}">${xmlEscape(c.reasons.join('\n'))}</failure>\n    </testcase>`;
  });
  return [
    `  <testsuite name="${xmlEscape(name)}" tests="${r.checks.length}" failures="${failures}" errors="0" skipped="0">`,
    `    <properties><property name="score" value="${r.score}"/><property name="passed" value="${r.passed}"/></properties>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function reportJunit(h: ReportHeader, r: GradeReport): string {
  const failures = r.checks.filter((c) => !c.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="netpol-dojo grade" tests="${r.checks.length}" failures="${failures}">\n${junitSuite(h, r)}\n</testsuites>\n`;
}
