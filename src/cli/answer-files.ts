// The answer files a task's goals name, read from a workspace folder (drills, exams and `grade`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradingSpec } from '../content/task-types.ts';

export function readAnswerFiles(dir: string, spec: GradingSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of spec.goals) {
    if (g.kind !== 'answer-file') continue;
    try { out[g.path] = readFileSync(join(dir, g.path), 'utf8'); } catch { /* not written: the goal says so */ }
  }
  return out;
}
