// What the API server and kubectl say about one rejected document of a -f file: strict decoding
// (unknown fields), validation (Invalid), resource mapping and YAML syntax errors. Pure: values in,
// kubectl-worded strings out. The project's own file:line and did-you-mean go on one "hint:" line.
import type { ObjectKind } from './sandbox.ts';

export type Validate = 'strict' | 'warn' | 'ignore';

/** --validate as kubectl 1.31+ reads it. */
export function validateOf(v: string | undefined): { ok: true; mode: Validate } | { ok: false; error: string } {
  if (v === undefined || v === '' || v === 'true' || v === 'strict') return { ok: true, mode: 'strict' };
  if (v === 'false' || v === 'ignore') return { ok: true, mode: 'ignore' };
  if (v === 'warn') return { ok: true, mode: 'warn' };
  return { ok: false, error: `error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)` };
}

/** A document the simulated API server refuses; the verb ("creating", "patching") is known only at write time. */
export interface RejectedDoc {
  readonly rejected: true;
  readonly reason: 'BadRequest' | 'Invalid';
  readonly kind: ObjectKind;
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  /** BadRequest: the decoding error; Invalid: the causes ("field: Invalid value: …"). */
  readonly causes: readonly string[];
  readonly hints: readonly string[];
}

/** An error of the whole command, in the two forms kubectl prints: alone, or as one of several. */
export interface CommandError { readonly alone: string; readonly among: string }

export const plainError = (text: string): CommandError => ({ alone: text, among: text });

const GROUPS: Record<ObjectKind, string> = {
  Namespace: '', Pod: '', Service: '', NetworkPolicy: 'networking.k8s.io', Deployment: 'apps', ReplicaSet: 'apps',
  StatefulSet: 'apps', DaemonSet: 'apps', Job: 'batch', CronJob: 'batch',
};

const withHints = (text: string, hints: readonly string[]) => [text, ...hints.map((h) => `hint: ${h}`)].join('\n');

export function renderRejected(r: RejectedDoc, verb: string): CommandError {
  const when = `error when ${verb} "${r.file}": `;
  if (r.reason === 'BadRequest') {
    const text = `Error from server (BadRequest): ${when}${r.kind} in version "v1" cannot be handled as a ${r.kind}: strict decoding error: ${r.causes.join(', ')}`;
    return plainError(withHints(text, r.hints));
  }
  const list = r.causes.length === 1 ? r.causes[0] : `[${r.causes.join(', ')}]`;
  const group = GROUPS[r.kind];
  return {
    alone: withHints(`The ${r.kind} "${r.name}" is invalid: ${list}`, r.hints),
    among: withHints(`Error from server (Invalid): ${when}${r.kind}${group ? `.${group}` : ''} "${r.name}" is invalid: ${list}`, r.hints),
  };
}

export function mappingError(name: string, namespace: string, file: string, kind: string, apiVersion: string, hint?: string): CommandError {
  const text = `resource mapping not found for name: "${name}" namespace: "${namespace}" from "${file}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
  const h = hint ? `\nhint: ${hint}` : '';
  return { alone: `error: ${text}${h}`, among: `${text}${h}` };
}

/**
 * The yaml package's syntax messages in go-yaml's words (what kubectl prints) for the common mistakes,
 * with the line go-yaml names relative to the yaml package's (checked against kubectl 1.32).
 */
const YAML_WORDS: readonly [RegExp, string, number][] = [
  [/^Nested mappings are not allowed in compact mappings/, 'mapping values are not allowed in this context', 0],
  [/^Implicit keys need to be on a single line/, 'mapping values are not allowed in this context', 1],
  [/^Implicit map keys need to be followed by map values/, "could not find expected ':'", 0],
  [/^All mapping items must start at the same column|^A block sequence may not be used as an implicit map key/, 'did not find expected key', -1],
  [/^Tabs are not allowed as indentation|^Plain value cannot start with a tab/, 'found character that cannot start any token', 0],
  [/^Missing closing "?quote|^Missing closing ['"]/, 'found unexpected end of stream', 0],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, "did not find expected ',' or ']'", -1],
  [/^Flow map(ping)? in block collection must be sufficiently indented and end with a \}/, "did not find expected ',' or '}'", -1],
];

/** `error: error parsing FILE: error converting YAML to JSON: yaml: line N: …` */
export function yamlSyntaxError(file: string, line: number, message: string): string {
  const detail = message.replace(/^error converting YAML to JSON:\s*/, '').split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  const rule = YAML_WORDS.find(([re]) => re.test(detail));
  return `error: error parsing ${file}: error converting YAML to JSON: yaml: line ${Math.max(1, line + (rule?.[2] ?? 0))}: ${rule?.[1] ?? detail}`;
}

/** `spec.ingress[0].podselector` → ['spec', 'ingress', 0, 'podselector'] */
export function parseFieldPath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** A copy of `value` without the field at `path` (a no-op when it is not there). */
export function dropField(value: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    if (typeof head !== 'number' || head >= value.length) return value;
    return value.map((v, i) => (i === head ? dropField(v, rest) : v));
  }
  const o = value as Record<string, unknown>;
  if (!(String(head) in o)) return value;
  if (rest.length === 0) { const { [String(head)]: _gone, ...kept } = o; return kept; }
  return { ...o, [String(head)]: dropField(o[String(head)], rest) };
}
