// The scenario linter: beyond the schema, every scenario is proved on the simulated cluster, for no seed
// and for every variant seed it lists: the setup and every answer apply, the starting cluster fails, the
// reference passes, every alternative passes, and every wrong answer fails each check it names. Pure.
import type { LintFinding, Severity } from '../content/lesson-findings.ts';
import { pathText, type ContentPath } from '../content/lesson-source.ts';
import { parseManifests } from '../content/manifests.ts';
import { controlMessage, findControlChars } from '../content/control-text.ts';
import { parseYaml } from '../content/lesson-parse.ts';
import { parseScenarioSource, type ScenarioSource } from '../content/scenario-parse.ts';
import type { Scenario } from '../content/scenario-types.ts';
import type { LoadedText } from '../content/load.ts';
import type { GradeReport } from '../grader/report.ts';
import { applyAnswer, gradeCluster, prepareScenario, type PreparedTask } from './task-run.ts';

class Findings {
  readonly list: LintFinding[] = [];
  constructor(private readonly src: ScenarioSource, private readonly suffix: string) {}
  add(severity: Severity, path: ContentPath, message: string): void {
    this.list.push({ severity, file: this.src.scenario.file, ...this.src.map.at(path), path: pathText(path), message: `${message}${this.suffix}` });
  }
  error(path: ContentPath, message: string): void { this.add('error', path, message); }
  warn(path: ContentPath, message: string): void { this.add('warning', path, message); }
  inside(path: ContentPath, line: number, col: number, message: string): void {
    this.list.push({ severity: 'error', file: this.src.scenario.file, ...this.src.map.inside(path, line, col), path: pathText(path), message: `${message}${this.suffix}` });
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => l.trim() !== '')?.trim() ?? '(no output)';
}

function manifestsOk(f: Findings, path: ContentPath, text: string): boolean {
  if (text.trim() === '') return true;
  const r = parseManifests(text, 'embedded');
  if (r.ok) return true;
  for (const e of r.errors) f.inside(path, e.line, e.col, e.message);
  return false;
}

function failedText(r: GradeReport): string {
  return r.checks.filter((c) => !c.passed).map((c) => `${c.id} (${c.reasons.find((l) => !l.startsWith('  ')) ?? c.summary})`).join('; ');
}

function proveAnswers(f: Findings, sc: Scenario, task: PreparedTask, now: string): void {
  sc.alternatives.forEach((alt, i) => {
    const at: ContentPath = ['alternatives', i];
    if (!manifestsOk(f, [...at, 'manifests'], alt.manifests)) return;
    const applied = applyAnswer(task.initial, alt, `${sc.id} (alternative)`, now);
    if (!applied.ok) { f.error(at, `alternative "${alt.name}" does not apply: ${firstLine(applied.error)}`); return; }
    const r = gradeCluster(task, applied.sandbox, alt.files);
    if (!r.passed) f.error(at, `alternative "${alt.name}" should pass but fails: ${failedText(r)}`);
  });
  sc.wrongAnswers.forEach((w, i) => {
    const at: ContentPath = ['wrongAnswers', i];
    if (!manifestsOk(f, [...at, 'manifests'], w.manifests)) return;
    const applied = applyAnswer(task.initial, w, `${sc.id} (wrong answer)`, now);
    if (!applied.ok) { f.error(at, `wrong answer "${w.name}" does not apply: ${firstLine(applied.error)}`); return; }
    const r = gradeCluster(task, applied.sandbox, w.files);
    w.fails.forEach((id, j) => {
      const c = r.checks.find((ch) => ch.id === id);
      if (c?.passed) f.error([...at, 'fails', j], `wrong answer "${w.name}" should fail ${id}, but passes it`);
    });
  });
}

/** Proves one instance (one seed) of a scenario. */
function proveInstance(src: ScenarioSource, now: string, suffix: string): LintFinding[] {
  const f = new Findings(src, suffix);
  const sc = src.scenario;
  if (!manifestsOk(f, ['setup'], sc.setup) || !manifestsOk(f, ['solution', 'manifests'], sc.solution.manifests)) return f.list;
  const prepared = prepareScenario(sc, now);
  if (!prepared.ok) {
    f.error(prepared.error.startsWith('the setup') ? ['setup'] : ['solution'], firstLine(prepared.error));
    return f.list;
  }
  const task = prepared.task;
  // prepareScenario graded the starting cluster (with the skeleton files) already: what it fails is `required`.
  if (task.required?.size === 0) f.error(['task'], 'the starting cluster already passes every check: the task asks for nothing');
  const ref = gradeCluster(task, task.reference, task.referenceFiles);
  if (!ref.passed) f.error(['solution'], `the reference solution fails: ${failedText(ref)}`);
  proveAnswers(f, sc, task, now);
  return f.list;
}

/** Control characters anywhere in the file's text (task, hints, titles, manifests, parameters): errors. */
function controlFindings(file: LoadedText): LintFinding[] {
  const y = parseYaml(file.text, file.file);
  if (!y.ok) return [];
  return findControlChars(y.value.data).map((hit) => ({
    severity: 'error', file: file.file, ...y.value.map.inside(hit.path, hit.line, hit.col), path: pathText(hit.path), message: controlMessage(hit),
  }));
}

/** Lints one scenario file: schema, then proofs for no seed and every listed seed. */
export function lintScenarioText(file: LoadedText, now: string): { findings: LintFinding[]; scenario?: Scenario } {
  const first = parseScenarioSource(file.text, file.file);
  const control = controlFindings(file);
  if (!first.ok) return { findings: [...first.errors.map((e) => ({ ...e, severity: 'error' as const })), ...control] };
  const sc = first.value.scenario;
  const findings: LintFinding[] = [...control];
  const base = file.file.split(/[\\/]/).pop() ?? '';
  if (base.replace(/\.ya?ml$/i, '') !== sc.id) findings.push({ severity: 'warning', file: file.file, ...first.value.map.at(['id']), path: 'id', message: `the file should be named ${sc.id}.yaml` });
  if (sc.hints.length === 0) findings.push({ severity: 'warning', file: file.file, ...first.value.map.at(['hints']), path: 'hints', message: 'the scenario has no hints' });
  for (const f of proveInstance(first.value, now, '')) findings.push(f);
  for (const seed of sc.variants?.seeds ?? []) {
    const inst = parseScenarioSource(file.text, file.file, seed);
    if (!inst.ok) { for (const e of inst.errors) findings.push({ ...e, severity: 'error' as const, message: `${e.message} (seed ${seed})` }); continue; }
    for (const f of proveInstance(inst.value, now, ` (seed ${seed})`)) findings.push(f);
  }
  return { findings, scenario: sc };
}

/**
 * Lints scenario files; duplicate ids across them are errors, as are ids in `reserved` (taken outside these
 * files: the built-in scenarios, when linting a pack), id → file.
 */
export function lintScenarios(files: readonly LoadedText[], now: string, reserved?: ReadonlyMap<string, string>): { findings: LintFinding[]; scenarios: Scenario[] } {
  const findings: LintFinding[] = [];
  const scenarios: Scenario[] = [];
  const ids = new Map<string, string>(reserved);
  for (const file of files) {
    const r = lintScenarioText(file, now);
    for (const f of r.findings) findings.push(f);
    if (!r.scenario) continue;
    const prev = ids.get(r.scenario.id);
    if (prev) findings.push({ severity: 'error', file: file.file, line: 1, col: 1, path: 'id', message: `duplicate scenario id "${r.scenario.id}" (already used by ${prev})` });
    else { ids.set(r.scenario.id, file.file); scenarios.push(r.scenario); }
  }
  return { findings, scenarios };
}
