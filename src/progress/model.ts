// The learner's progress through the course: pure data and pure updates. Times are passed in as ISO strings.

/** One lesson's progress, keyed by lesson id in Progress.lessons. */
export interface LessonProgress {
  /** The step the learner is on (0-based); where the lesson resumes. */
  readonly step: number;
  /** Quiz answers: quiz id → index of the chosen answer (the latest answer). */
  readonly quizAnswers: Readonly<Record<string, number>>;
  /** Predict steps: predict id → the latest result (cells predicted right, cells in the step). */
  readonly predictions: Readonly<Record<string, PredictionResult>>;
  /** Ids of the exercises the learner has passed, in the order they were passed. */
  readonly exercisesPassed: readonly string[];
  readonly completed: boolean;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly completedAt?: string;
}

/** The latest reveal of one predict step. */
export interface PredictionResult { readonly right: number; readonly total: number }

/** One drill's attempts, keyed by scenario id in Progress.drills. */
export interface DrillRecord {
  readonly attempts: number;
  /** Best final score (after hint costs), 0-100. */
  readonly bestScore: number;
  /** Fastest passing attempt, in milliseconds. */
  readonly bestTimeMs?: number;
  readonly lastScore: number;
  readonly hintsUsed: number;
  readonly passed: boolean;
  readonly lastAt: string;
  /** The latest final scores, newest last (at most RECENT): what weak-topic advice looks at. */
  readonly recent: readonly number[];
}

/** One finished mock exam. */
export interface ExamRecord {
  readonly at: string;
  readonly title: string;
  readonly set?: string;
  readonly seed: number;
  readonly student?: string;
  /** 0-100. */
  readonly score: number;
  readonly passed: boolean;
  /** Each task's score (0-100), for weak-topic advice. */
  readonly tasks: readonly { readonly scenario: string; readonly score: number }[];
  readonly resultsFile?: string;
}

/**
 * The learner's progress, one versioned document. schemaVersion 2 added drills and exams, schemaVersion 3
 * the lessons' predict results; documents of version 1 (lessons only, `"version": 1`) and 2 are migrated on load.
 */
export const PROGRESS_VERSION = 3;

export interface Progress {
  readonly schemaVersion: typeof PROGRESS_VERSION;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  readonly drills: Readonly<Record<string, DrillRecord>>;
  readonly exams: readonly ExamRecord[];
}

export const RECENT = 5;
/** Exam history kept (newest last). */
export const MAX_EXAMS = 50;

/** Records a finished mock exam (the history keeps the newest MAX_EXAMS). */
export function recordExam(p: Progress, e: ExamRecord): Progress {
  return { ...p, exams: [...p.exams, e].slice(-MAX_EXAMS) };
}

export interface DrillAttempt { readonly score: number; readonly passed: boolean; readonly timeMs: number; readonly hints: number }

/** Records one finished drill attempt. */
export function recordDrill(p: Progress, scenarioId: string, a: DrillAttempt, now: string): Progress {
  const prev = p.drills[scenarioId];
  const bestTime = a.passed ? Math.min(a.timeMs, prev?.bestTimeMs ?? Infinity) : prev?.bestTimeMs;
  const rec: DrillRecord = {
    attempts: (prev?.attempts ?? 0) + 1,
    bestScore: Math.max(a.score, prev?.bestScore ?? 0),
    ...(bestTime !== undefined ? { bestTimeMs: bestTime } : {}),
    lastScore: a.score,
    hintsUsed: (prev?.hintsUsed ?? 0) + a.hints,
    passed: a.passed || (prev?.passed ?? false),
    lastAt: now,
    recent: [...(prev?.recent ?? []), a.score].slice(-RECENT),
  };
  return { ...p, drills: { ...p.drills, [scenarioId]: rec } };
}

export const emptyProgress: Progress = { schemaVersion: PROGRESS_VERSION, lessons: {}, drills: {}, exams: [] };

/** What the course list shows for a lesson. */
export type LessonStatus =
  | { readonly kind: 'new' }
  | { readonly kind: 'in-progress'; readonly step: number; readonly total: number }
  | { readonly kind: 'done'; readonly completedAt?: string };

function fresh(now: string): LessonProgress {
  return { step: 0, quizAnswers: {}, predictions: {}, exercisesPassed: [], completed: false, startedAt: now, updatedAt: now };
}

function update(p: Progress, lessonId: string, now: string, f: (lp: LessonProgress) => LessonProgress): Progress {
  const current = p.lessons[lessonId] ?? fresh(now);
  return { ...p, lessons: { ...p.lessons, [lessonId]: { ...f(current), updatedAt: now } } };
}

export function lessonProgress(p: Progress, lessonId: string): LessonProgress | undefined {
  return p.lessons[lessonId];
}

/** Records the step the learner is on. Steps are clamped at 0. */
export function setStep(p: Progress, lessonId: string, step: number, now: string): Progress {
  return update(p, lessonId, now, (lp) => ({ ...lp, step: Math.max(0, Math.floor(step)) }));
}

export function answerQuiz(p: Progress, lessonId: string, quizId: string, choice: number, now: string): Progress {
  return update(p, lessonId, now, (lp) => ({ ...lp, quizAnswers: { ...lp.quizAnswers, [quizId]: choice } }));
}

/** Records the latest result of a predict step (a replay replaces the earlier one). */
export function recordPrediction(p: Progress, lessonId: string, predictId: string, result: PredictionResult, now: string): Progress {
  return update(p, lessonId, now, (lp) => ({ ...lp, predictions: { ...lp.predictions, [predictId]: { right: result.right, total: result.total } } }));
}

/** Cells predicted right over the predict steps of the lesson that have a stored result (ids no longer in it are left out). */
export function predictionScore(p: Progress, lessonId: string, predictIds: readonly string[]): { right: number; total: number } {
  const stored = p.lessons[lessonId]?.predictions ?? {};
  let right = 0;
  let total = 0;
  for (const id of predictIds) {
    const r = stored[id];
    if (r) { right += r.right; total += r.total; }
  }
  return { right, total };
}

export function passExercise(p: Progress, lessonId: string, exerciseId: string, now: string): Progress {
  return update(p, lessonId, now, (lp) => (lp.exercisesPassed.includes(exerciseId)
    ? lp
    : { ...lp, exercisesPassed: [...lp.exercisesPassed, exerciseId] }));
}

/** Marks the lesson done; the first completion time is kept when a learner replays a lesson. */
export function completeLesson(p: Progress, lessonId: string, now: string): Progress {
  return update(p, lessonId, now, (lp) => ({ ...lp, completed: true, completedAt: lp.completedAt ?? now }));
}

/** Forgets one lesson, or everything when no id is given. */
export function resetProgress(p: Progress, lessonId?: string): Progress {
  if (lessonId === undefined) return emptyProgress;
  const { [lessonId]: _dropped, ...rest } = p.lessons;
  const { [lessonId]: _drill, ...drills } = p.drills;
  return { ...p, lessons: rest, drills };
}

export function lessonStatus(p: Progress, lessonId: string, totalSteps: number): LessonStatus {
  const lp = p.lessons[lessonId];
  if (!lp) return { kind: 'new' };
  if (lp.completed) return lp.completedAt ? { kind: 'done', completedAt: lp.completedAt } : { kind: 'done' };
  return { kind: 'in-progress', step: Math.min(lp.step, Math.max(0, totalSteps - 1)), total: totalSteps };
}

/** The step to resume at, within the lesson's current length (lessons can get shorter between versions). */
export function resumeStep(p: Progress, lessonId: string, totalSteps: number): number {
  const lp = p.lessons[lessonId];
  if (!lp || totalSteps <= 0) return 0;
  return Math.min(Math.max(0, lp.step), totalSteps - 1);
}

// ---- validation of stored data (the store hands us whatever JSON was on disk) ----

export type ParsedProgress = { readonly ok: true; readonly progress: Progress } | { readonly ok: false; readonly error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const isPrediction = (v: unknown): v is PredictionResult => isRecord(v) && isIndex(v.right) && isIndex(v.total) && v.right <= v.total;

/** `version`: the document's schema version; predictions arrived with 3 (absent before, required since). */
function parseLessonProgress(id: string, v: unknown, version: number): LessonProgress | string {
  if (!isRecord(v)) return `lessons.${id}: not an object`;
  if (!isIndex(v.step)) return `lessons.${id}.step: not a step number`;
  if (!isRecord(v.quizAnswers) || !Object.values(v.quizAnswers).every(isIndex)) return `lessons.${id}.quizAnswers: not a map of answer numbers`;
  let predictions: Record<string, PredictionResult> = {};
  if (version >= 3 || v.predictions !== undefined) {
    if (!isRecord(v.predictions) || !Object.values(v.predictions).every(isPrediction)) return `lessons.${id}.predictions: not a map of {right, total} results`;
    predictions = Object.fromEntries(Object.entries(v.predictions as Record<string, PredictionResult>).map(([k, r]) => [k, { right: r.right, total: r.total }]));
  }
  if (!Array.isArray(v.exercisesPassed) || !v.exercisesPassed.every((e) => typeof e === 'string')) return `lessons.${id}.exercisesPassed: not a list of exercise ids`;
  if (typeof v.completed !== 'boolean') return `lessons.${id}.completed: not true/false`;
  if (!isIso(v.startedAt) || !isIso(v.updatedAt)) return `lessons.${id}: missing or bad timestamps`;
  if (v.completedAt !== undefined && !isIso(v.completedAt)) return `lessons.${id}.completedAt: not a timestamp`;
  const base: LessonProgress = {
    step: v.step,
    quizAnswers: { ...(v.quizAnswers as Record<string, number>) },
    predictions,
    exercisesPassed: [...(v.exercisesPassed as string[])],
    completed: v.completed,
    startedAt: v.startedAt,
    updatedAt: v.updatedAt,
  };
  return v.completedAt === undefined ? base : { ...base, completedAt: v.completedAt as string };
}

/**
 * Validates stored progress. Only absent data (undefined: no file) or the empty object (`{}`, what a fresh
 * store holds) is an empty progress; anything else must be progress: `null`, a list, a number or an object
 * without `version` and `lessons` is an error, so the store keeps a copy rather than overwriting it.
 */
export function parseProgress(data: unknown): ParsedProgress {
  if (data === undefined) return { ok: true, progress: emptyProgress };
  if (!isRecord(data)) return { ok: false, error: `the progress data is ${describeJson(data)}, not an object` };
  if (Object.keys(data).length === 0) return { ok: true, progress: emptyProgress };
  if (data.version === undefined && data.schemaVersion === undefined && data.lessons === undefined) {
    return { ok: false, error: `the progress data has no schemaVersion and no lessons (keys: ${Object.keys(data).slice(0, 5).join(', ')})` };
  }
  const v1 = data.schemaVersion === undefined && data.version === 1;
  if (!v1 && data.schemaVersion !== 2 && data.schemaVersion !== PROGRESS_VERSION) {
    return { ok: false, error: `unsupported progress version ${JSON.stringify(data.schemaVersion ?? data.version)} (this netpol-dojo reads 1, 2 and ${PROGRESS_VERSION})` };
  }
  const version = v1 ? 1 : data.schemaVersion as number;
  if (!isRecord(data.lessons)) return { ok: false, error: 'lessons: not an object' };
  const lessons: Record<string, LessonProgress> = {};
  for (const [id, v] of Object.entries(data.lessons)) {
    const lp = parseLessonProgress(id, v, version);
    if (typeof lp === 'string') return { ok: false, error: lp };
    lessons[id] = lp;
  }
  const drills: Record<string, DrillRecord> = {};
  if (data.drills !== undefined) {
    if (!isRecord(data.drills)) return { ok: false, error: 'drills: not an object' };
    for (const [id, v] of Object.entries(data.drills)) {
      const d = parseDrillRecord(id, v, v1);
      if (typeof d === 'string') return { ok: false, error: d };
      drills[id] = d;
    }
  }
  const exams: ExamRecord[] = [];
  if (data.exams !== undefined) {
    if (!Array.isArray(data.exams)) return { ok: false, error: 'exams: not a list' };
    for (const [i, e] of data.exams.entries()) {
      const r = parseExamRecord(i, e);
      if (typeof r === 'string') return { ok: false, error: r };
      exams.push(r);
    }
  }
  return { ok: true, progress: { schemaVersion: PROGRESS_VERSION, lessons, drills, exams } };
}

function parseExamRecord(i: number, v: unknown): ExamRecord | string {
  const score = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 100;
  if (!isRecord(v) || !isIso(v.at) || typeof v.title !== 'string' || !isIndex(v.seed) || !score(v.score) || typeof v.passed !== 'boolean' || !Array.isArray(v.tasks)) {
    return `exams[${i}]: not an exam record`;
  }
  const tasks = v.tasks.filter((t): t is { scenario: string; score: number } => isRecord(t) && typeof t.scenario === 'string' && score(t.score))
    .map((t) => ({ scenario: t.scenario, score: t.score }));
  if (tasks.length !== v.tasks.length) return `exams[${i}].tasks: not a list of {scenario, score}`;
  return {
    at: v.at, title: v.title, seed: v.seed, score: v.score as number, passed: v.passed, tasks,
    ...(typeof v.set === 'string' ? { set: v.set } : {}), ...(typeof v.student === 'string' ? { student: v.student } : {}),
    ...(typeof v.resultsFile === 'string' ? { resultsFile: v.resultsFile } : {}),
  };
}

function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

function parseDrillRecord(id: string, v: unknown, v1: boolean): DrillRecord | string {
  const score = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 100;
  if (!isRecord(v)) return `drills.${id}: not an object`;
  if (!isIndex(v.attempts) || !score(v.bestScore) || !score(v.lastScore) || !isIndex(v.hintsUsed) || typeof v.passed !== 'boolean' || !isIso(v.lastAt)) {
    return `drills.${id}: not a drill record`;
  }
  if (v.bestTimeMs !== undefined && !isIndex(v.bestTimeMs)) return `drills.${id}.bestTimeMs: not a duration`;
  let recent: number[];
  if (v.recent === undefined && v1) recent = [v.lastScore as number]; // migration from version 1
  else if (Array.isArray(v.recent) && v.recent.every(score)) recent = (v.recent as number[]).slice(-RECENT);
  else return `drills.${id}.recent: not a list of scores`;
  const base = { attempts: v.attempts, bestScore: v.bestScore as number, lastScore: v.lastScore as number, hintsUsed: v.hintsUsed, passed: v.passed, lastAt: v.lastAt, recent };
  return v.bestTimeMs === undefined ? base : { ...base, bestTimeMs: v.bestTimeMs };
}
