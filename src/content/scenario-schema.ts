// Strict zod schema for scenario files. Unknown fields are errors with a did-you-mean.
import { z } from 'zod';
import {
  checkSchema, commandText, goalSchema, id, manifestText, MAX_TITLE, obj, pairSelectorSchema, schemaVersion, text, title,
} from './lesson-schema.ts';

const command = commandText.regex(/^\s*(kubectl|k)\s+\S/, 'must be a kubectl command line (starting with "kubectl" or "k")');
const files = z.record(z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, 'must be a relative path inside the workspace'), manifestText).default({});

const answerFields = {
  manifests: manifestText.default(''),
  commands: z.array(command).default([]),
  files,
};

const namedAnswer = obj({ name: title, ...answerFields });

const wrongAnswer = obj({
  name: title,
  ...answerFields,
  fails: z.array(id).min(1, 'name the check or goal ids this wrong answer must fail'),
  feedback: text,
});

const paramValue = z.union([z.string().min(1), z.number()]);

export const variantsSchema = obj({
  seeds: z.array(z.number().int().min(0).max(2 ** 31)).default([]),
  params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a parameter name is a letter then letters, digits or "_"'), z.array(paramValue).min(1)),
});

export const scenarioSchema = obj({
  schemaVersion,
  id,
  title,
  tags: z.array(z.string().max(MAX_TITLE, `is too long: at most ${MAX_TITLE} characters for a tag`).min(1)).default([]),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1 (easy), 2 (medium) or 3 (hard)' }),
  minutes: z.number().int().min(1, 'must be at least 1').max(120, 'must be at most 120'),
  points: z.number().int().min(1).max(100),
  namespace: z.string().min(1).optional(),
  setup: manifestText.default(''),
  setupCommands: z.array(command).default([]),
  task: text,
  files: z.array(obj({ path: z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/, 'must be a relative path inside the workspace'), content: manifestText })).default([]),
  scope: z.array(pairSelectorSchema).optional(),
  free: z.array(pairSelectorSchema).default([]),
  checks: z.array(checkSchema).optional(),
  goals: z.array(goalSchema).default([]),
  hints: z.array(text).default([]),
  solution: obj({ ...answerFields, explanation: text }),
  alternatives: z.array(namedAnswer).default([]),
  wrongAnswers: z.array(wrongAnswer).default([]),
  variants: variantsSchema.optional(),
});

export type ScenarioInput = z.output<typeof scenarioSchema>;
