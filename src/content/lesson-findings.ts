// A linter finding (lessons and manifests alike) and its one-line form.
import type { ContentError } from './lesson-parse.ts';

export type Severity = 'error' | 'warning';

export interface LintFinding extends ContentError { readonly severity: Severity }

/** "FILE:LINE:COL: path: message", with "warning: " before the path for warnings. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.col}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.path ? `${f.path}: ` : ''}${f.message}`;
}
