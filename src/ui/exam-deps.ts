// What the exam screen needs from the outside world (src/cli/exam-host.ts builds the real one).
import type { ExamResult, ExamSession } from '../practice/exam.ts';
import type { EditorResult } from './deps.ts';

/** One task as the exam screen shows it. */
export interface ExamTaskView {
  readonly title: string;
  readonly task: string;
  readonly namespace?: string;
  readonly files: readonly string[];
}

/** The review of one task on the report: the learner's policies beside the reference, and why. */
export interface TaskReview {
  readonly learnerPolicies: string;
  readonly reference: string;
  readonly explanation: string;
}

export interface ExamGrade { readonly result: ExamResult; readonly reviews: readonly TaskReview[]; readonly resultsFile?: string; readonly error?: string }

export interface ExamDeps {
  readonly now: () => string;
  readonly session: ExamSession;
  readonly tasks: readonly ExamTaskView[];
  /** Autosave: called with every change of the session (time, flags, current task). */
  save(s: ExamSession): { readonly ok: true } | { readonly ok: false; readonly error: string };
  /** Calls back with a task's index when its cluster or workspace changes. */
  watch(onChange: (task: number) => void): () => void;
  /** The learner's shell in the exam workspace (kubectl on the current context); resolves when it exits. */
  openTerminal(): Promise<EditorResult>;
  /** Which kubectl the terminal gives: "built-in kubectl", or "real kubectl 1.31" through netpol-dojo serve. */
  kubectlLabel?(): string;
  /** Grades every task, writes the results file and records the exam in the progress. */
  finish(s: ExamSession): ExamGrade;
  readonly color: boolean;
  readonly size?: { readonly columns: number; readonly rows: number };
  readonly tickMs?: number;
  /** Shown once at the start (e.g. "resumed: the clock was paused while the exam was closed"). */
  readonly notices?: readonly string[];
}
