// Scenario files: YAML text (+ an optional variant seed) → a typed Scenario, or errors with file, line,
// column and YAML path. Pure: no file system.
import type { z } from 'zod';
import { parseYaml, zodErrors, type ContentError, type ContentResult } from './lesson-parse.ts';
import { pathText, type ContentPath, type SourceMap } from './lesson-source.ts';
import { gradingProblems, type Problem } from './task-problems.ts';
import { scenarioSchema, variantsSchema, type ScenarioInput } from './scenario-schema.ts';
import type { Scenario } from './scenario-types.ts';
import type { BehaviourCheck, GradingSpec } from './task-types.ts';
import { drawParams, instantiate, unknownPlaceholders, type ParamValue } from './variants.ts';

export interface ScenarioSource {
  readonly scenario: Scenario;
  readonly map: SourceMap;
}

/** The check every task has when it lists none: behaviour over its whole scope. */
export function defaultChecks(): BehaviourCheck[] {
  return [{ id: 'behaviour', description: 'every connection in the task\'s scope behaves as the task requires', points: 2, free: [] }];
}

function strings(data: unknown, path: ContentPath, out: { path: ContentPath; text: string }[]): void {
  if (typeof data === 'string') out.push({ path, text: data });
  else if (Array.isArray(data)) data.forEach((d, i) => strings(d, [...path, i], out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) strings(v, [...path, k], out);
}

/** Checks a schema can't express: the grading fields, and wrong answers that name known ids. */
function semanticProblems(input: ScenarioInput): Problem[] {
  const { problems, ids } = gradingProblems(input, [], defaultChecks().map((c) => c.id));
  input.wrongAnswers.forEach((w, i) => {
    w.fails.forEach((f, j) => {
      if (!ids.has(f)) problems.push({ path: ['wrongAnswers', i, 'fails', j], message: `no check or goal has id "${f}" (ids: ${[...ids].join(', ')})` });
    });
  });
  return problems;
}

function errorsAt(map: SourceMap, file: string, problems: readonly Problem[]): ContentError[] {
  return problems.map((p) => ({ file, ...map.at(p.path), path: pathText(p.path), message: p.message }));
}

/** The variant parameters of a scenario file (undefined when it has none), or errors. */
function readVariants(data: Record<string, unknown>, map: SourceMap, file: string): ContentResult<z.output<typeof variantsSchema> | undefined> {
  if (data.variants === undefined) return { ok: true, value: undefined };
  const r = variantsSchema.safeParse(data.variants);
  if (!r.success) {
    return { ok: false, errors: zodErrors(r.error.issues.map((i) => ({ ...i, path: ['variants', ...i.path] })), data, map, file) };
  }
  return { ok: true, value: r.data };
}

/**
 * Parses a scenario for one variant seed (undefined: the first value of every parameter). Every string of
 * the file has its {{name}} placeholders replaced before validation, so errors speak of the values used.
 */
export function parseScenarioSource(text: string, file: string, seed?: number): ContentResult<ScenarioSource> {
  const y = parseYaml(text, file);
  if (!y.ok) return y;
  const { data: raw, map } = y.value;
  const data = raw as Record<string, unknown>;
  const v = readVariants(data, map, file);
  if (!v.ok) return v;
  const params = v.value?.params ?? {};
  const values: Record<string, ParamValue> = drawParams(params, seed);
  const { variants: _variants, ...rest } = data;
  const found: { path: ContentPath; text: string }[] = [];
  strings(rest, [], found);
  const unknown = found.flatMap((s) => unknownPlaceholders(s.text, params).map((name) => ({ path: s.path, message: `unknown parameter {{${name}}} (parameters: ${Object.keys(params).join(', ') || 'none; add variants.params'})` })));
  if (unknown.length) return { ok: false, errors: errorsAt(map, file, unknown) };
  const inst = { ...(instantiate(rest, values) as Record<string, unknown>), ...(v.value ? { variants: data.variants } : {}) };
  const res = scenarioSchema.safeParse(inst);
  if (!res.success) return { ok: false, errors: zodErrors(res.error.issues, inst, map, file) };
  const input = res.data;
  const checks: BehaviourCheck[] = input.checks ? input.checks.map((c) => ({ ...c })) : defaultChecks();
  const problems = semanticProblems(input);
  if (problems.length) return { ok: false, errors: errorsAt(map, file, problems) };
  const grading: GradingSpec = {
    scope: input.scope, free: input.free, checks, goals: input.goals,
    addresses: [],
  };
  const scenario: Scenario = {
    schemaVersion: 1, id: input.id, title: input.title, tags: input.tags, difficulty: input.difficulty,
    minutes: input.minutes, points: input.points, namespace: input.namespace,
    setup: input.setup, setupCommands: input.setupCommands, task: input.task, files: input.files,
    grading, hints: input.hints, solution: input.solution, alternatives: input.alternatives, wrongAnswers: input.wrongAnswers,
    variants: v.value ? { seeds: v.value.seeds, params } : undefined,
    seed: v.value && seed !== undefined ? seed : undefined,
    params: values, file,
  };
  return { ok: true, value: { scenario, map } };
}

export function parseScenario(text: string, file: string, seed?: number): { ok: true; scenario: Scenario } | { ok: false; errors: ContentError[] } {
  const r = parseScenarioSource(text, file, seed);
  return r.ok ? { ok: true, scenario: r.value.scenario } : { ok: false, errors: [...r.errors] };
}
