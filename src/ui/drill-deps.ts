// What the drill screen needs from the outside world, injected so tests run it with fakes (convention 3).
// src/cli/drill-host.ts builds the real one: drill folders, the state file, the learner's shell, watchers.
import type { Scenario } from '../content/scenario-types.ts';
import type { WrongAnswer } from '../content/task-types.ts';
import type { GradeReport } from '../grader/report.ts';
import type { DrillSession } from '../practice/drill.ts';
import type { MatrixGrid } from '../practice/lesson-run.ts';
import type { ProgressStore } from '../progress/store.ts';
import type { EditorResult } from './deps.ts';

export interface DrillGrade {
  readonly report: GradeReport;
  /** Wrong answers the learner's cluster behaves like (their feedback is shown on the results). */
  readonly feedback: readonly WrongAnswer[];
}

/** One running drill: its session, its cluster and workspace on disk, and its terminal. */
export interface DrillHandle {
  readonly session: DrillSession;
  readonly scenario: Scenario;
  /** The learner's workspace (skeleton files, answer files). */
  readonly workspace: string;
  /** True when an unfinished attempt was picked up again. */
  readonly resumed: boolean;
  /** Reads the drill's cluster and workspace files and grades them. */
  grade(): DrillGrade;
  saveSession(s: DrillSession): void;
  /** Puts the starting cluster back (workspace files are kept). */
  resetCluster(): void;
  /** The reachability grid of the task's namespace at the start and now. */
  grids(port: number, protocol: 'TCP' | 'UDP' | 'SCTP'): { readonly start: MatrixGrid; readonly now: MatrixGrid };
  /** Ports worth showing in the grid (the pods' and policies' ports). */
  gridPorts(): readonly { readonly port: number; readonly protocol: 'TCP' | 'UDP' | 'SCTP' }[];
  /** Calls back whenever the cluster or a workspace file changes (a second terminal at work). */
  watch(onChange: () => void): () => void;
  /** Hands the terminal to the learner's shell in the workspace; resolves when it exits. */
  openTerminal(): Promise<EditorResult>;
  /** Which kubectl the terminal gives: "built-in kubectl", or "real kubectl 1.31" through netpol-dojo serve. */
  kubectlLabel?(): string;
  /** The drill is over: the "current drill" pointer is removed. */
  close(): void;
}

export interface DrillDeps {
  readonly now: () => string;
  readonly scenarios: readonly Scenario[];
  readonly store: ProgressStore;
  open(scenarioId: string, seed: number | undefined, fresh: boolean): { readonly ok: true; readonly handle: DrillHandle } | { readonly ok: false; readonly error: string };
  readonly color: boolean;
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Milliseconds between clock ticks (tests use small values with a fake clock). */
  readonly tickMs?: number;
}
