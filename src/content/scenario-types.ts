// The typed form of a scenario file (scenarios/*.yaml): one exam-style task. Parsing lives in scenario-parse.ts.
import type { Answer, GradingSpec, NamedAnswer, WrongAnswer } from './task-types.ts';

export interface WorkspaceFile { readonly path: string; readonly content: string }

export interface ScenarioSolution extends Answer { readonly explanation: string }

export interface Variants {
  /** Seeds lint proves the scenario for (besides no seed). */
  readonly seeds: readonly number[];
  /** Each parameter's choices; no seed takes the first, a seed draws one. */
  readonly params: Readonly<Record<string, readonly (string | number)[]>>;
}

export interface Scenario {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly difficulty: 1 | 2 | 3;
  readonly minutes: number;
  readonly points: number;
  /** The namespace the task is about, shown in the drill's header. */
  readonly namespace?: string;
  /** Manifests applied on top of the fresh cluster, then kubectl command lines. */
  readonly setup: string;
  readonly setupCommands: readonly string[];
  readonly task: string;
  /** Skeleton files placed in the learner's workspace. */
  readonly files: readonly WorkspaceFile[];
  readonly grading: GradingSpec;
  readonly hints: readonly string[];
  readonly solution: ScenarioSolution;
  readonly alternatives: readonly NamedAnswer[];
  readonly wrongAnswers: readonly WrongAnswer[];
  readonly variants?: Variants;
  /** The seed this instance was drawn with (undefined: the first value of every parameter). */
  readonly seed?: number;
  /** The parameter values of this instance. */
  readonly params: Readonly<Record<string, string | number>>;
  /** Where the scenario came from, for messages. */
  readonly file: string;
}
