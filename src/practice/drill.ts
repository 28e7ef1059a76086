// A drill: one scenario against the clock. The session is plain data (saved as drill.json so a second
// terminal and a restarted screen see the same drill); every function takes the time as an argument.
import type { Scenario } from '../content/scenario-types.ts';
import type { GradeReport } from '../grader/report.ts';

export type DrillMode = 'practice' | 'exam';

export interface DrillSession {
  readonly format: 'netpol-dojo-drill/1';
  readonly scenarioId: string;
  readonly seed?: number;
  readonly title: string;
  readonly mode: DrillMode;
  /** ISO time the drill started. */
  readonly startedAt: string;
  readonly limitMs: number;
  readonly hintsShown: number;
  readonly finished?: { readonly at: string; readonly reason: 'submitted' | 'timeout'; readonly score: number; readonly passed: boolean };
}

/** Points (of 100) each hint costs. */
export const HINT_COST = 10;

export function startSession(sc: Scenario, now: string, mode: DrillMode = 'practice'): DrillSession {
  return {
    format: 'netpol-dojo-drill/1', scenarioId: sc.id, ...(sc.seed !== undefined ? { seed: sc.seed } : {}), title: sc.title,
    mode, startedAt: now, limitMs: sc.minutes * 60_000, hintsShown: 0,
  };
}

export function elapsedMs(s: DrillSession, now: string): number {
  const end = s.finished ? Date.parse(s.finished.at) : Date.parse(now);
  return Math.max(0, end - Date.parse(s.startedAt));
}

export function timeLeftMs(s: DrillSession, now: string): number {
  return Math.max(0, s.limitMs - elapsedMs(s, now));
}

export function isExpired(s: DrillSession, now: string): boolean {
  return !s.finished && timeLeftMs(s, now) === 0;
}

/** The score after hint costs. */
export function finalScore(report: GradeReport, hints: number): number {
  return Math.max(0, report.score - HINT_COST * hints);
}

export function showHint(s: DrillSession, sc: Scenario): DrillSession {
  return { ...s, hintsShown: Math.min(sc.hints.length, s.hintsShown + 1) };
}

export function finish(s: DrillSession, report: GradeReport, now: string, reason: 'submitted' | 'timeout'): DrillSession {
  if (s.finished) return s;
  const at = reason === 'timeout' ? new Date(Date.parse(s.startedAt) + s.limitMs).toISOString() : now;
  return { ...s, finished: { at, reason, score: finalScore(report, s.hintsShown), passed: report.passed } };
}

/** "07:42"; "1:02:03" past an hour. */
export function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Validates a stored session (drill.json); undefined when it is not one. */
export function parseSession(data: unknown): DrillSession | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const ok = d.format === 'netpol-dojo-drill/1' && typeof d.scenarioId === 'string' && typeof d.title === 'string'
    && (d.mode === 'practice' || d.mode === 'exam') && typeof d.startedAt === 'string' && !Number.isNaN(Date.parse(d.startedAt))
    && typeof d.limitMs === 'number' && d.limitMs > 0 && typeof d.hintsShown === 'number' && d.hintsShown >= 0
    && (d.seed === undefined || typeof d.seed === 'number');
  return ok ? d as unknown as DrillSession : undefined;
}
