// Strict zod schemas for lesson files and the course index. Unknown fields are errors with a did-you-mean,
// defaults follow the lesson format (apply false, expectExit 0, port 80, protocol TCP).
import { z } from 'zod';
import { didYouMean } from './suggest.ts';

/** An object that rejects unknown fields, naming the closest known one. */
export function obj<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      const key = iss.keys[0] ?? '';
      const hint = didYouMean(key, known);
      return `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known fields: ${known.join(', ')}`;
    },
  });
}

/**
 * Bounds on content text, in characters: about ten times the longest built-in text, small enough for the TUI
 * to lay out at once (a 20 MB lesson body passed lint, then the TUI crashed laying it out).
 */
export const MAX_ID = 100;
export const MAX_TITLE = 200;
export const MAX_PROSE = 20_000;
export const MAX_COMMAND = 2_000;
export const MAX_MANIFEST_TEXT = 100_000;

const bounded = (max: number, what: string) => z.string().max(max, `is too long: at most ${max} characters for ${what}`);

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const id = z.string().max(MAX_ID, `is too long: at most ${MAX_ID} characters for an id`).regex(ID_PATTERN, 'must be kebab-case: lowercase letters, digits and single "-" (e.g. deny-all)');
export const text = bounded(MAX_PROSE, 'text').refine((s) => s.trim() !== '', 'must not be empty');
export const optionalText = bounded(MAX_PROSE, 'text').optional();
export const title = bounded(MAX_TITLE, 'a title').refine((s) => s.trim() !== '', 'must not be empty');
export const optionalTitle = bounded(MAX_TITLE, 'a title').optional();
/** Manifests and file contents written in content (setup, examples, solutions, answers). */
export const manifestText = bounded(MAX_MANIFEST_TEXT, 'embedded manifests or files');
export const requiredManifestText = manifestText.refine((s) => s.trim() !== '', 'must not be empty');
export const commandText = bounded(MAX_COMMAND, 'a command line');
export const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
export const port = z.union([
  z.number().int().min(1).max(65535),
  z.string().regex(/^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/),
], { error: 'must be a port number (1-65535) or a port name (at most 15 lowercase letters, digits and "-")' });

const endpoint = z.string().min(1);

const goalBase = {
  id: id.optional(),
  points: z.number().int().min(0).max(100).optional(),
  description: optionalText,
};

const reachGoal = obj({
  kind: z.literal('reach'),
  from: endpoint,
  to: endpoint,
  port: port.default(80),
  protocol: protocol.default('TCP'),
  allowed: z.boolean(),
  ...goalBase,
});

const dnsGoal = obj({
  kind: z.literal('dns'),
  from: endpoint,
  name: z.string().min(1),
  resolves: z.boolean(),
  ...goalBase,
});

const policyExistsGoal = obj({
  kind: z.literal('policy-exists'),
  namespace: z.string().min(1),
  name: z.string().min(1),
  ...goalBase,
});

const objectName = obj({
  kind: z.enum(['NetworkPolicy', 'Pod', 'Namespace', 'Service']),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
});

const unchangedGoal = obj({ kind: z.literal('unchanged'), object: objectName, ...goalBase });

const labelsGoal = obj({
  kind: z.literal('labels'),
  object: objectName,
  labels: z.record(z.string().min(1), z.union([z.string(), z.null()])).refine((l) => Object.keys(l).length > 0, 'name at least one label'),
  ...goalBase,
});

const answerFileGoal = obj({
  kind: z.literal('answer-file'),
  path: z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\/-]+$/, 'must be a relative path inside the workspace (letters, digits, ".", "_", "-", "/"; no "..")'),
  answer: z.array(z.union([z.string(), z.number().transform(String)])).min(1),
  match: z.enum(['set', 'exact']).default('set'),
  ...goalBase,
});

const absentGoal = obj({ kind: z.literal('absent'), object: objectName, ...goalBase });

const onlyPoliciesGoal = obj({
  kind: z.literal('only-policies'),
  namespace: z.string().min(1),
  names: z.array(z.string().min(1)),
  ...goalBase,
});

export const GOAL_KINDS = ['reach', 'dns', 'policy-exists', 'unchanged', 'labels', 'absent', 'only-policies', 'answer-file'] as const;
export const goalSchema = z.discriminatedUnion('kind', [reachGoal, dnsGoal, policyExistsGoal, unchangedGoal, labelsGoal, absentGoal, onlyPoliciesGoal, answerFileGoal]);

// ---- pair selectors and behaviour checks (scenarios and exercises) ----

const patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const portRange = z.union([
  z.number().int().min(1).max(65535).transform((n) => ({ from: n, to: n })),
  z.string().regex(/^\d{1,5}(-\d{1,5})?$/, 'must be a port number or a range like "1000-2000"').transform((s) => {
    const [a, b] = s.split('-').map(Number);
    return { from: a, to: b ?? a };
  }).refine((r) => r.from >= 1 && r.to <= 65535 && r.from <= r.to, 'must be a range of ports 1-65535, low end first'),
]);

export const pairSelectorSchema = obj({
  from: patterns.optional(),
  to: patterns.optional(),
  port: z.union([portRange, z.array(portRange).min(1)]).optional(),
  protocol: protocol.optional(),
}).transform(({ port: p, ...rest }) => ({ ...rest, ...(p === undefined ? {} : { ports: Array.isArray(p) ? p : [p] }) }));

export const checkSchema = obj({
  id,
  description: text,
  points: z.number().int().min(0).max(100).default(1),
  scope: z.array(pairSelectorSchema).optional(),
  free: z.array(pairSelectorSchema).default([]),
});

const textStep = obj({ kind: z.literal('text'), title: optionalTitle, body: text });

const yamlStep = obj({
  kind: z.literal('yaml'),
  title: optionalTitle,
  body: optionalText,
  manifest: requiredManifestText,
  apply: z.boolean().default(false),
});

const kubectlStep = obj({
  kind: z.literal('kubectl'),
  title: optionalTitle,
  body: optionalText,
  command: commandText.regex(/^\s*(kubectl|k)(\s|$)/, 'must start with "kubectl" (or "k")'),
  expectExit: z.number().int().min(0).max(255).default(0),
});

const matrixStep = obj({
  kind: z.literal('matrix'),
  title: optionalTitle,
  body: optionalText,
  namespace: z.string().min(1),
  port: port.default(80),
  protocol: protocol.default('TCP'),
});

export const MIN_PREDICT_CELLS = 2;
export const MAX_PREDICT_CELLS = 8;
const cellEndpoint = z.string().max(MAX_TITLE, `is too long: at most ${MAX_TITLE} characters for a pod or address`).refine((s) => s.trim() !== '', 'must not be empty');

const predictStep = obj({
  kind: z.literal('predict'),
  id,
  title: optionalTitle,
  body: optionalText,
  namespace: z.string().min(1),
  port: port.default(80),
  protocol: protocol.default('TCP'),
  cells: z.array(obj({ from: cellEndpoint, to: cellEndpoint }))
    .min(MIN_PREDICT_CELLS, `a predict step needs at least ${MIN_PREDICT_CELLS} cells`)
    .max(MAX_PREDICT_CELLS, `a predict step has at most ${MAX_PREDICT_CELLS} cells`),
});

const quizStep = obj({
  kind: z.literal('quiz'),
  id,
  question: text,
  choices: z.array(obj({ text, correct: z.boolean().default(false), why: text })).min(2, 'a quiz needs at least 2 choices'),
});

const exerciseStep = obj({
  kind: z.literal('exercise'),
  id,
  title: optionalTitle,
  task: text,
  starter: manifestText,
  scope: z.array(pairSelectorSchema).optional(),
  free: z.array(pairSelectorSchema).default([]),
  checks: z.array(checkSchema).optional(),
  goals: z.array(goalSchema).default([]),
  hints: z.array(text).default([]),
  solution: requiredManifestText,
  explanation: text,
});

export const STEP_KINDS = ['text', 'yaml', 'kubectl', 'matrix', 'predict', 'quiz', 'exercise'] as const;
export const stepSchema = z.discriminatedUnion('kind', [textStep, yamlStep, kubectlStep, matrixStep, predictStep, quizStep, exerciseStep]);

export const schemaVersion = z.literal(1, { error: (iss) => (iss.input === undefined ? undefined : `unsupported schemaVersion ${JSON.stringify(iss.input)}: this netpol-dojo reads schemaVersion 1`) });

export const lessonSchema = obj({
  schemaVersion,
  id,
  title,
  summary: text,
  tags: z.array(bounded(MAX_TITLE, 'a tag').min(1)).default([]),
  minutes: z.number().int().min(1, 'must be at least 1').max(240, 'must be at most 240'),
  setup: manifestText.default(''),
  steps: z.array(stepSchema).min(1, 'a lesson needs at least one step'),
});

export const courseIndexSchema = obj({
  schemaVersion,
  lessons: z.array(id),
});

export type LessonInput = z.output<typeof lessonSchema>;
