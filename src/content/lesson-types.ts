// The typed form of a lesson file (lessons/*.yaml). Parsing and validation live in lesson-parse.ts.
import type { Protocol } from '../engine/types.ts';
import type { BehaviourCheck, Goal, PairSelector } from './task-types.ts';

export type { Goal } from './task-types.ts';

export interface TextStep { readonly kind: 'text'; readonly title?: string; readonly body: string }

export interface YamlStep {
  readonly kind: 'yaml';
  readonly title?: string;
  /** Caption shown with the example (same inline markup as text). */
  readonly body?: string;
  readonly manifest: string;
  /** Apply the manifest to the lesson's cluster when the learner passes this step. */
  readonly apply: boolean;
}

export interface KubectlStep {
  readonly kind: 'kubectl';
  readonly title?: string;
  readonly body?: string;
  /** The command as typed, starting with `kubectl` or `k`. */
  readonly command: string;
  /** The exit code the lesson expects (lint checks it); default 0. */
  readonly expectExit: number;
}

export interface MatrixStep {
  readonly kind: 'matrix';
  readonly title?: string;
  readonly body?: string;
  readonly namespace: string;
  readonly port: number | string;
  readonly protocol: Protocol;
}

/** One connection of a predict step: a pod of the step's namespace, NS/POD, or an IP address (outside the cluster). */
export interface PredictCell { readonly from: string; readonly to: string }

/** Retrieval practice: the learner marks each connection allowed or denied, then the engine's answers are shown. */
export interface PredictStep {
  readonly kind: 'predict';
  /** Stable within the lesson; progress stores the latest score by it. */
  readonly id: string;
  readonly title?: string;
  readonly body?: string;
  /** Bare pod names in the cells are pods of this namespace; the revealed grid shows its pods. */
  readonly namespace: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  /** 2 to 8 connections; their answers are computed on the cluster as it is at this step, never stored. */
  readonly cells: readonly PredictCell[];
}

export interface QuizChoice { readonly text: string; readonly correct: boolean; readonly why: string }

export interface QuizStep {
  readonly kind: 'quiz';
  /** Stable within the lesson; progress stores answers by it. */
  readonly id: string;
  readonly question: string;
  readonly choices: readonly QuizChoice[];
}

export interface ExerciseStep {
  readonly kind: 'exercise';
  readonly id: string;
  readonly title?: string;
  readonly task: string;
  /** What the learner's workspace file starts with. */
  readonly starter: string;
  /** The pairs the exercise constrains (undefined: every probed pair) and the ones left to the learner. */
  readonly scope?: readonly PairSelector[];
  readonly free: readonly PairSelector[];
  /** Behaviour checks (undefined: one check over the scope). */
  readonly checks?: readonly BehaviourCheck[];
  readonly goals: readonly Goal[];
  readonly hints: readonly string[];
  /** The reference answer (YAML manifests): the learner's cluster must behave like the one it makes. */
  readonly solution: string;
  readonly explanation: string;
}

export type LessonStep = TextStep | YamlStep | KubectlStep | MatrixStep | PredictStep | QuizStep | ExerciseStep;

export interface Lesson {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly minutes: number;
  /** Manifests applied to a fresh sandbox cluster (with kube-dns) before the first step. */
  readonly setup: string;
  readonly steps: readonly LessonStep[];
  /** Where the lesson came from, for error messages. */
  readonly file: string;
}

/** lessons/index.yaml: the course order, by lesson id. */
export interface CourseIndex { readonly schemaVersion: 1; readonly lessons: readonly string[] }
