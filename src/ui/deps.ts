// The effects the TUI uses, injected so tests run it with fakes (convention 3). src/cli/tui-deps.ts wires the
// real ones: clock, conf store, $EDITOR, workspace files, the course on disk and the lesson runner.
import type { ExerciseStep, Lesson, LessonStep } from '../content/lesson-types.ts';
import type { PredictAnswer } from '../practice/lesson-run.ts';
import type { ProgressStore } from '../progress/store.ts';

/** A reachability grid as the screens draw it. */
export interface MatrixView {
  readonly title: string;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** allowed[i][j]: rows[i] → cols[j]; undefined for a pod and itself. */
  readonly allowed: readonly (readonly (boolean | undefined)[])[];
}

/** The engine's answer for one cell of a predict step, and where it sits in the grid. */
export type PredictCellView = PredictAnswer;

/** What a step shows after it ran against the lesson's simulated cluster. */
export type StepOutput =
  | { readonly kind: 'none' }
  /** The lesson engine is still loading (it is loaded after the first frame to keep start-up fast). */
  | { readonly kind: 'pending' }
  /** Output of `kubectl apply` for a yaml step, or of the command of a kubectl step. */
  | { readonly kind: 'output'; readonly command: string; readonly text: string; readonly exitCode: number }
  | { readonly kind: 'matrix'; readonly title: string; readonly rows: readonly string[]; readonly cols: readonly string[];
      /** allowed[i][j]: rows[i] → cols[j]; undefined for a pod and itself. */
      readonly allowed: readonly (readonly (boolean | undefined)[])[] }
  /** A predict step's answers (shown once the learner reveals them) and the grid they sit in. */
  | { readonly kind: 'predict'; readonly grid: MatrixView; readonly cells: readonly PredictCellView[] }
  | { readonly kind: 'error'; readonly message: string };

export interface GoalView { readonly passed: boolean; readonly summary: string; readonly reasons: readonly string[] }

export type ExerciseGrade =
  | { readonly kind: 'graded'; readonly passed: boolean; readonly goals: readonly GoalView[] }
  /** The learner's YAML could not be applied (syntax or schema error): nothing was graded. */
  | { readonly kind: 'not-applied'; readonly error: string };

/** The lesson engine as the player needs it (pure: `now` is passed in). */
export interface LessonRunner {
  /** The output of step `index`, played on the cluster as it is after the steps before it. */
  stepOutput(lesson: Lesson, index: number, now: string): StepOutput;
  /** Grades the learner's manifests for the exercise at step `index`. */
  gradeExercise(lesson: Lesson, index: number, exercise: ExerciseStep, learnerYaml: string, file: string, now: string): ExerciseGrade;
}

export type EditorResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** The learner's exercise files; they keep the learner's edits across sessions. */
export interface Workspace {
  /** Where the exercise's file lives (whether or not it exists yet). */
  pathFor(lessonId: string, exercise: ExerciseStep): string;
  /** Creates the file with the starter text unless it exists; returns its path. */
  prepare(lessonId: string, exercise: ExerciseStep): { ok: true; file: string } | { ok: false; error: string };
  read(file: string): { ok: true; text: string } | { ok: false; error: string };
}

export interface CourseLoad { readonly lessons: readonly Lesson[]; readonly errors: readonly string[] }

export interface TuiDeps {
  readonly now: () => string;
  readonly store: ProgressStore;
  /** The lesson engine, loaded on demand (the same promise every call). */
  readonly loadRunner: () => Promise<LessonRunner>;
  /** The drills' ids, titles and topics (loaded after the first frame) for the home screen's advice. */
  readonly loadScenarioIndex?: () => Promise<readonly { readonly id: string; readonly title: string; readonly tags: readonly string[] }[]>;
  readonly workspace: Workspace;
  /** Opens the file in the learner's editor with the terminal released; resolves when the editor exits. */
  readonly editFile: (file: string) => Promise<EditorResult>;
  /** Colours on (off with NO_COLOR or a dumb terminal). */
  readonly color: boolean;
  /** Fixed size for tests; the real terminal's size (and resizes) otherwise. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Called when the learner leaves the tutor for the drills (the caller starts them after the tutor exits). */
  readonly onLaunch?: (screen: 'drill') => void;
  /** Called once the first frame with the course is on screen (start-up benchmark). */
  readonly onReady?: () => void;
}

export type { LessonStep };
