// Curated mock exams (scenarios/exams/*.yaml): which scenarios, with how many points, for how long.
import { z } from 'zod';
import { parseYaml, zodErrors, type ContentError, type ContentResult } from './lesson-parse.ts';
import { id, obj, schemaVersion, text } from './lesson-schema.ts';
import { pathText } from './lesson-source.ts';

export interface ExamSetTask { readonly scenario: string; readonly points: number; readonly seed?: number }

export interface ExamSet {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  /** Percent of the points needed to pass. */
  readonly passMark: number;
  readonly tasks: readonly ExamSetTask[];
  readonly file: string;
}

export const examSetSchema = obj({
  schemaVersion,
  id,
  title: text,
  minutes: z.number().int().min(1).max(600).default(120),
  passMark: z.number().int().min(1).max(100).default(67),
  tasks: z.array(obj({ scenario: id, points: z.number().int().min(1).max(100), seed: z.number().int().min(0).max(2 ** 31).optional() })).min(1),
});

/** Parses an exam set; `known` are the scenario ids it may name (checked with positions). */
export function parseExamSet(textIn: string, file: string, known: ReadonlySet<string>): ContentResult<ExamSet> {
  const y = parseYaml(textIn, file);
  if (!y.ok) return y;
  const { data, map } = y.value;
  const r = examSetSchema.safeParse(data);
  if (!r.success) return { ok: false, errors: zodErrors(r.error.issues, data, map, file) };
  const errors: ContentError[] = [];
  const seen = new Set<string>();
  r.data.tasks.forEach((t, i) => {
    const at = ['tasks', i, 'scenario'];
    if (!known.has(t.scenario)) errors.push({ file, ...map.at(at), path: pathText(at), message: `no scenario has id "${t.scenario}"` });
    if (seen.has(t.scenario)) errors.push({ file, ...map.at(at), path: pathText(at), message: `scenario "${t.scenario}" is listed twice` });
    seen.add(t.scenario);
  });
  const total = r.data.tasks.reduce((n, t) => n + t.points, 0);
  if (total !== 100) errors.push({ file, ...map.at(['tasks']), path: 'tasks', message: `the points add up to ${total}; an exam's points must add up to 100` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ...r.data, schemaVersion: 1, file } };
}
