// `netpol-dojo lint [PATH...]`: lessons directories, single lesson files, content packs and manifests.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { lintCourse, lintLesson, formatFinding, type LintFinding } from '../practice/lesson-lint.ts';
import { parseLessonSource } from '../content/lesson-parse.ts';
import { packLessonsDir, packScenariosDir, readCourseDir, readManifestPaths, readScenarioDir, type LoadedText } from '../content/load.ts';
import { lintScenarios } from '../practice/scenario-lint.ts';
import { lintManifestFiles } from '../grader/lint-manifests.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';
import { defaultLessonsDir, defaultScenariosDir } from './list.ts';

export const LINT_HELP = `Usage: netpol-dojo lint [PATH...] [--pack DIR]...

Checks content and manifests; prints FILE:LINE:COL: message for each problem and a summary.
A PATH may be:
  a lessons directory (with index.yaml)  every lesson is parsed and played: examples must apply,
                                         kubectl steps must exit as the lesson says, quizzes need
                                         exactly one right answer, every exercise's solution must pass
  a content pack (with lessons/)         the same, for the pack's lessons
  a lesson file                          that lesson alone
  a scenarios directory or file          every scenario is proved, for no seed and each listed seed:
                                         the starting cluster fails, the reference passes, every
                                         alternative passes, every wrong answer fails its named checks
  a content pack (with scenarios/)       the same, for the pack's scenarios
  manifest files or directories          schema, plus the policy doctor's warnings (policies that
                                         select nothing, selectors that match nothing, ignored rules)
Default: the built-in lessons and scenarios. Exit code 1 when there are errors (warnings do not fail).
`;

type Target =
  | { kind: 'course'; dir: string }
  | { kind: 'lesson'; file: string }
  | { kind: 'scenarios'; dir: string }
  | { kind: 'scenario'; file: string }
  | { kind: 'manifests'; path: string };

function topLevel(text: string): Record<string, unknown> | undefined {
  try {
    const top = parseDocument(text).toJS() as unknown;
    return top && typeof top === 'object' && !Array.isArray(top) ? top as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

const isScenarioData = (top: Record<string, unknown> | undefined): boolean => !!top && !('apiVersion' in top) && 'task' in top && ('solution' in top || 'schemaVersion' in top);

/** A directory of scenario files: its YAML files look like scenarios. */
function isScenarioDir(dir: string): boolean {
  const r = readScenarioDir(dir);
  return r.ok && r.files.length > 0 && r.files.some((f) => isScenarioData(topLevel(f.text)));
}

/** What a path holds, decided by its shape (and, for files, by the top-level keys). */
function classify(path: string): Target[] {
  let st;
  try { st = statSync(path); } catch { throw new UsageError(`error: the path "${path}" does not exist`); }
  if (st.isDirectory()) {
    const lessons = packLessonsDir(path);
    const scenarios = packScenariosDir(path);
    const out: Target[] = [];
    if (lessons) out.push({ kind: 'course', dir: lessons });
    if (scenarios) out.push({ kind: 'scenarios', dir: scenarios });
    if (out.length) return out;
    if (isScenarioDir(path)) return [{ kind: 'scenarios', dir: path }];
    return [{ kind: 'manifests', path }];
  }
  const name = basename(path);
  if (/^index\.ya?ml$/i.test(name)) return [{ kind: 'course', dir: dirname(path) }];
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new UsageError(`error: cannot read "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  // Not a single YAML document (several manifests, or broken YAML): the manifest linter reports it.
  const top = topLevel(text);
  if (isScenarioData(top)) return [{ kind: 'scenario', file: path }];
  if (top && !('apiVersion' in top) && ('steps' in top || 'schemaVersion' in top)) {
    return 'lessons' in top && !('steps' in top) ? [{ kind: 'course', dir: dirname(path) }] : [{ kind: 'lesson', file: path }];
  }
  return [{ kind: 'manifests', path }];
}

interface Tally { findings: LintFinding[]; lessons: number; scenarios: number; manifestFiles: number; policies: number }

export function runLint(argv: string[], io: CliIO, now: string = new Date().toISOString()): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      pack: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) { io.stdout(LINT_HELP); return 0; }
  const paths = [...positionals, ...(values.pack ?? [])];
  const targets = (paths.length ? paths : [defaultLessonsDir(), defaultScenariosDir()]).flatMap(classify);
  const tally: Tally = { findings: [], lessons: 0, scenarios: 0, manifestFiles: 0, policies: 0 };
  const scenarioFiles: LoadedText[] = [];

  for (const t of targets) {
    if (t.kind === 'course') {
      const dir = readCourseDir(t.dir);
      if (!dir.ok) throw new UsageError(`error: ${dir.error}`);
      const r = lintCourse([dir.value], now);
      tally.findings.push(...r.findings);
      tally.lessons += r.checked;
    } else if (t.kind === 'lesson') {
      const loaded = readManifestPaths([t.file]);
      if (!loaded.ok) throw new UsageError(loaded.error);
      const f = loaded.files[0];
      const src = parseLessonSource(f.text, f.file);
      tally.lessons++;
      if (!src.ok) tally.findings.push(...src.errors.map((e) => ({ ...e, severity: 'error' as const })));
      else tally.findings.push(...lintLesson(src.value, now));
    } else if (t.kind === 'scenarios') {
      const r = readScenarioDir(t.dir);
      if (!r.ok) throw new UsageError(`error: ${r.error}`);
      scenarioFiles.push(...r.files);
    } else if (t.kind === 'scenario') {
      const loaded = readManifestPaths([t.file]);
      if (!loaded.ok) throw new UsageError(loaded.error);
      scenarioFiles.push(...loaded.files);
    }
  }
  if (scenarioFiles.length) {
    const r = lintScenarios(scenarioFiles, now);
    tally.findings.push(...r.findings);
    tally.scenarios += scenarioFiles.length;
  }
  const manifestPaths = targets.flatMap((t) => (t.kind === 'manifests' ? [t.path] : []));
  if (manifestPaths.length) {
    const loaded = readManifestPaths(manifestPaths);
    if (!loaded.ok) throw new UsageError(loaded.error);
    const files: LoadedText[] = loaded.files;
    const r = lintManifestFiles(files);
    tally.findings.push(...r.findings);
    tally.manifestFiles += files.length;
    tally.policies += r.policies;
  }

  const c = paint(useColor(io));
  for (const f of tally.findings) {
    const line = formatFinding(f);
    io.stdout(`${f.severity === 'error' ? c.red(line) : line}\n`);
  }
  const errors = tally.findings.filter((f) => f.severity === 'error').length;
  const warnings = tally.findings.length - errors;
  const checked = [
    tally.lessons ? `${tally.lessons} lesson${tally.lessons === 1 ? '' : 's'}` : '',
    tally.scenarios ? `${tally.scenarios} scenario${tally.scenarios === 1 ? '' : 's'}` : '',
    tally.manifestFiles ? `${tally.manifestFiles} manifest file${tally.manifestFiles === 1 ? '' : 's'} (${tally.policies} ${tally.policies === 1 ? 'policy' : 'policies'})` : '',
  ].filter(Boolean).join(', ').replace(/, ([^,]*)$/, ' and $1') || 'nothing';
  const summary = `lint: checked ${checked}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.stdout(`${errors ? c.red(summary) : c.green(summary)}\n`);
  return errors ? 1 : 0;
}
