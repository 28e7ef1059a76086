// Where the running drill and exam keep their sessions, and reading them. Small on purpose: the shell's
// prompt runs `task --left` before every command, so this path loads no engine, kubectl or grader.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSession, type DrillSession } from '../practice/drill.ts';
import { parseExamSession, type ExamSession } from '../practice/exam.ts';
import { dataDir } from './paths.ts';

type Env = Readonly<Record<string, string | undefined>>;

export function drillsRoot(env: Env): string {
  return join(dataDir(env), 'drills');
}

export function currentPointer(env: Env): string {
  return join(dataDir(env), 'current-drill.json');
}

export function examsRoot(env: Env): string {
  return join(dataDir(env), 'exams');
}

export function currentExamDir(env: Env): string {
  return join(examsRoot(env), 'current');
}

/** Writes a file atomically: a temporary file in the same folder, then rename. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function readSession(dir: string): DrillSession | undefined {
  try { return parseSession(JSON.parse(readFileSync(join(dir, 'drill.json'), 'utf8'))); } catch { return undefined; }
}

/** The folder of the running drill: $NETPOL_DOJO_DRILL, else the current-drill pointer. */
export function runningDrill(env: Env): string | undefined {
  if (env.NETPOL_DOJO_DRILL) return env.NETPOL_DOJO_DRILL;
  try {
    const p = JSON.parse(readFileSync(currentPointer(env), 'utf8')) as { dir?: unknown };
    return typeof p.dir === 'string' ? p.dir : undefined;
  } catch {
    return undefined;
  }
}

export function readExamSession(dir: string): ExamSession | undefined {
  try { return parseExamSession(JSON.parse(readFileSync(join(dir, 'exam.json'), 'utf8'))); } catch { return undefined; }
}
