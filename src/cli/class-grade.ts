// `netpol-dojo grade --results DIR | --submissions DIR`: grades a class. Results files of mock exams are
// re-graded from the clusters they store (the stored score is never trusted); homework laid out as
// DIR/<student>/<scenario-id>.yaml is applied to each scenario's starting cluster and graded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LoadedText } from '../content/load.ts';
import { scenarioForSeed } from '../content/scenarios.ts';
import { classCsv, classJson, classJunit, classMarkdown, classTable, type ClassCell, type ClassGrades, type ClassRow } from '../grader/class-report.ts';
import type { GradeReport } from '../grader/report.ts';
import { applyManifestText, type Sandbox } from '../kubectl/index.ts';
import { parseSandbox } from '../kubectl/state-schema.ts';
import { gradeCluster, prepareScenario, type PreparedTask } from '../practice/task-run.ts';
import { UsageError, type CliIO } from './io.ts';

const MAX_FILE = 64 * 1024 * 1024;

function firstFailure(r: GradeReport): string | undefined {
  const c = r.checks.find((x) => !x.passed);
  return c ? `${c.id}: ${c.reasons.find((l) => !l.startsWith('  ')) ?? c.summary}` : undefined;
}

class Tasks {
  private readonly cache = new Map<string, { ok: true; task: PreparedTask } | { ok: false; error: string }>();
  constructor(private readonly files: readonly LoadedText[], private readonly now: string) {}
  get(id: string, seed: number | undefined) {
    const key = `${id}@${seed ?? ''}`;
    let t = this.cache.get(key);
    if (!t) {
      const sc = scenarioForSeed(this.files, id, seed);
      t = !sc.ok ? sc : ((p) => (p.ok ? { ok: true as const, task: p.task } : { ok: false as const, error: p.error }))(prepareScenario(sc.scenario, this.now));
      this.cache.set(key, t);
    }
    return t;
  }
}

function listDir(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`error: ${dir} is not a directory`);
    return readdirSync(dir).sort();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`error: cannot read "${dir}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function readSmall(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) throw new Error('not a regular file');
  if (st.size > MAX_FILE) throw new Error(`larger than ${MAX_FILE / 1024 / 1024} MiB`);
  return readFileSync(file, 'utf8');
}

interface StoredTask { scenario: string; seed?: number; points: number; cluster: unknown; files?: Record<string, string> }

function parseResults(text: string): { student?: string; passMark: number; tasks: StoredTask[] } {
  const d = JSON.parse(text) as Record<string, unknown>;
  if (d?.format !== 'netpol-dojo-exam-result/1' || !Array.isArray(d.tasks)) throw new Error('not a netpol-dojo exam results file');
  const tasks = d.tasks as StoredTask[];
  for (const t of tasks) {
    if (typeof t?.scenario !== 'string' || typeof t.points !== 'number') throw new Error('a task without scenario or points');
  }
  return { student: typeof d.student === 'string' ? d.student : undefined, passMark: typeof d.passMark === 'number' ? d.passMark : 67, tasks };
}

/** Re-grades every exam results file in `dir`. */
export function gradeResults(dir: string, files: readonly LoadedText[], now: string): ClassGrades {
  const tasks = new Tasks(files, now);
  const rows: ClassRow[] = [];
  const taskIds: string[] = [];
  let passMark = 67;
  for (const name of listDir(dir).filter((n) => n.endsWith('.json'))) {
    const file = join(dir, name);
    let parsed: ReturnType<typeof parseResults>;
    try { parsed = parseResults(readSmall(file)); } catch (e) {
      rows.push({ student: basename(name, '.json'), source: file, cells: {}, total: 0, passed: false, error: `${name}: ${(e as Error).message}` });
      continue;
    }
    passMark = parsed.passMark;
    const cells: Record<string, ClassCell> = {};
    let total = 0;
    for (const t of parsed.tasks) {
      if (!taskIds.includes(t.scenario)) taskIds.push(t.scenario);
      const prepared = tasks.get(t.scenario, t.seed);
      const sb = parseSandbox(t.cluster);
      if (!prepared.ok || !sb.ok) {
        cells[t.scenario] = { earned: 0, points: t.points, passed: false, note: !prepared.ok ? prepared.error : `the stored cluster is damaged: ${sb.ok ? '' : sb.error}` };
        continue;
      }
      const r = gradeCluster(prepared.task, sb.sandbox as Sandbox, t.files ?? {});
      const earned = Math.round((t.points * r.score) / 10) / 10;
      total += earned;
      cells[t.scenario] = { earned, points: t.points, passed: r.passed, note: firstFailure(r) };
    }
    total = Math.round(total * 10) / 10;
    rows.push({ student: parsed.student ?? basename(name, '.json'), source: file, cells, total, passed: total >= parsed.passMark });
  }
  return { kind: 'results', tasks: taskIds, passMark, rows };
}

/** Grades homework: DIR/<student>/<scenario-id>.yaml, each applied to the scenario's starting cluster. */
export function gradeSubmissions(dir: string, files: readonly LoadedText[], now: string, seed?: number): ClassGrades {
  const tasks = new Tasks(files, now);
  const students = listDir(dir).filter((n) => { try { return statSync(join(dir, n)).isDirectory(); } catch { return false; } });
  const taskIds = [...new Set(students.flatMap((s) => listDir(join(dir, s)).filter((n) => /\.ya?ml$/.test(n)).map((n) => n.replace(/\.ya?ml$/, ''))))].sort();
  const rows: ClassRow[] = students.map((student) => {
    const cells: Record<string, ClassCell> = {};
    for (const id of taskIds) {
      const candidates = [join(dir, student, `${id}.yaml`), join(dir, student, `${id}.yml`)];
      const file = candidates.find((f) => { try { return statSync(f).isFile(); } catch { return false; } });
      if (!file) { cells[id] = { points: 100, passed: false, note: 'nothing handed in' }; continue; }
      const prepared = tasks.get(id, seed);
      if (!prepared.ok) { cells[id] = { earned: 0, points: 100, passed: false, note: prepared.error }; continue; }
      let text: string;
      try { text = readSmall(file); } catch (e) { cells[id] = { earned: 0, points: 100, passed: false, note: `${file}: ${(e as Error).message}` }; continue; }
      const applied = text.trim() === '' ? { ok: true as const, sandbox: prepared.task.initial } : applyManifestText(prepared.task.initial, text, file, now);
      if (!applied.ok) { cells[id] = { earned: 0, points: 100, passed: false, note: `does not apply: ${applied.error.split('\n')[0]}` }; continue; }
      const r = gradeCluster(prepared.task, applied.sandbox);
      cells[id] = { earned: r.score, points: 100, passed: r.passed, note: firstFailure(r) };
    }
    const scores = taskIds.map((t) => cells[t]?.earned ?? 0);
    const total = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : 0;
    return { student, source: join(dir, student), cells, total, passed: total >= 67 };
  });
  return { kind: 'submissions', tasks: taskIds, passMark: 67, rows };
}

export function printClass(g: ClassGrades, output: string, io: CliIO): number {
  switch (output) {
    case 'table': case 'text': io.stdout(classTable(g)); break;
    case 'json': io.stdout(classJson(g)); break;
    case 'csv': io.stdout(classCsv(g)); break;
    case 'junit': io.stdout(classJunit(g)); break;
    case 'md': io.stdout(classMarkdown(g)); break;
    default: throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: table,json,csv,junit,md`);
  }
  return g.rows.every((r) => r.passed) ? 0 : 1;
}
