// Names, namespaces, label keys and values, annotation keys and container names, validated the way the API
// server validates them (k8s.io/apimachinery/pkg/util/validation, v1.31), with its own messages. Pure.
import { quoteValue } from './control-text.ts';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

// The regexes are anchored and their repetitions cannot overlap, so matching is linear in the length.
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const LABEL_VALUE_MAX = 63;
/** The API server's limit on all annotations of one object together (keys and values). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const maxLenError = (n: number) => `must be no more than ${n} characters`;

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const matches = (re: RegExp, value: string): boolean => re.test(value);

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenError(DNS1123_LABEL_MAX));
  if (!matches(DNS1123_LABEL, value)) {
    if (matches(DNS1123_SUBDOMAIN, value)) errs.push('must not contain dots');
    else errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!matches(DNS1123_SUBDOMAIN, value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenError(DNS1123_LABEL_MAX));
  if (!matches(DNS1035_LABEL, value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** A label key (or annotation key): [prefix/]name, prefix a DNS-1123 subdomain, name at most 63 characters. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > DNS1123_LABEL_MAX) errs.push(`name part ${maxLenError(DNS1123_LABEL_MAX)}`);
  if (!matches(QUALIFIED_NAME, name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX) errs.push(maxLenError(LABEL_VALUE_MAX));
  if (!matches(LABEL_VALUE, value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** The name rule of each kind: Namespace a DNS-1123 label, Service a DNS-1035 label, the others subdomains. */
export function nameRule(kind: string): (value: string) => string[] {
  if (kind === 'Namespace') return isDNS1123Label;
  if (kind === 'Service') return isDNS1035Label;
  return isDNS1123Subdomain;
}

// ---- whole objects ------------------------------------------------------------------------------

export type FieldPath = readonly (string | number)[];

/** One field error: its text, and where to point in the source (`keyPos`: at the map key `at` ends with). */
export interface FieldError { readonly at: FieldPath; readonly keyPos: boolean; readonly text: string }

/** "spec.ingress[0].from[0].podSelector" */
export function fieldPathText(path: FieldPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : (s ? `.${p}` : p);
  return s;
}

/** field.Invalid: `path: Invalid value: "value": msg`; `key` points the source location at that map key. */
function invalid(path: FieldPath, value: string, msg: string, key?: string, onKey = true): FieldError {
  return { at: key === undefined ? path : [...path, key], keyPos: key !== undefined && onKey, text: `${fieldPathText(path)}: Invalid value: ${quoteValue(value)}: ${msg}` };
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const sortedKeys = (m: Record<string, unknown>) => Object.keys(m).sort();

/** The common case without allocations: an unprefixed (or valid prefixed) key and a valid value. */
const goodKey = (k: string) => (k.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(k)) || isQualifiedName(k).length === 0;
const goodValue = (v: unknown) => typeof v !== 'string' || (v.length <= LABEL_VALUE_MAX && LABEL_VALUE.test(v));

function labels(out: FieldError[], map: unknown, path: FieldPath): void {
  if (!isObj(map)) return;
  let bad = false;
  for (const k in map) if (!goodKey(k) || !goodValue(map[k])) { bad = true; break; }
  if (!bad) return;
  for (const k of sortedKeys(map)) {
    for (const msg of isQualifiedName(k)) out.push(invalid(path, k, msg, k));
    const v = map[k];
    if (typeof v === 'string') for (const msg of isValidLabelValue(v)) out.push(invalid(path, v, msg, k, false));
  }
}

function annotations(out: FieldError[], map: unknown, path: FieldPath): void {
  if (!isObj(map)) return;
  let size = 0;
  let bad = false;
  for (const k in map) {
    const v = map[k];
    size += k.length + (typeof v === 'string' ? v.length : 0);
    if (!goodKey(k.toLowerCase())) bad = true;
  }
  if (!bad && size <= ANNOTATIONS_MAX_BYTES) return;
  size = 0;
  for (const k of sortedKeys(map)) {
    for (const msg of isQualifiedName(k.toLowerCase())) out.push(invalid(path, k, msg, k));
    const v = map[k];
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > ANNOTATIONS_MAX_BYTES) out.push({ at: path, keyPos: false, text: `${fieldPathText(path)}: Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes` });
}

function selector(out: FieldError[], sel: unknown, path: FieldPath): void {
  if (!isObj(sel)) return;
  const exprs = sel.matchExpressions;
  if (Array.isArray(exprs)) {
    exprs.forEach((e, i) => {
      if (!isObj(e)) return;
      const at = [...path, 'matchExpressions', i];
      if (typeof e.key === 'string') for (const msg of isQualifiedName(e.key)) out.push(invalid([...at, 'key'], e.key, msg));
      if (Array.isArray(e.values)) {
        e.values.forEach((v, j) => {
          if (typeof v === 'string') for (const msg of isValidLabelValue(v)) out.push(invalid([...at, 'values', j], v, msg));
        });
      }
    });
  }
  labels(out, sel.matchLabels, [...path, 'matchLabels']);
}

function podSpec(out: FieldError[], spec: unknown, path: FieldPath): void {
  if (!isObj(spec) || !Array.isArray(spec.containers)) return;
  spec.containers.forEach((c, i) => {
    if (isObj(c) && typeof c.name === 'string' && c.name !== '') {
      for (const msg of isDNS1123Label(c.name)) out.push(invalid([...path, 'containers', i, 'name'], c.name, msg));
    }
  });
}

function objectMeta(out: FieldError[], meta: unknown, path: FieldPath): void {
  if (!isObj(meta)) return;
  labels(out, meta.labels, [...path, 'labels']);
  annotations(out, meta.annotations, [...path, 'annotations']);
}

function podTemplate(out: FieldError[], template: unknown, path: FieldPath): void {
  if (!isObj(template)) return;
  objectMeta(out, template.metadata, [...path, 'metadata']);
  podSpec(out, template.spec, [...path, 'spec']);
}

/** Every selector of a NetworkPolicy spec: podSelector, and each peer's podSelector and namespaceSelector. */
function policySelectors(out: FieldError[], spec: Record<string, unknown>): void {
  selector(out, spec.podSelector, ['spec', 'podSelector']);
  for (const [dir, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    const rules = spec[dir];
    if (!Array.isArray(rules)) continue;
    rules.forEach((r, i) => {
      const peers = isObj(r) ? r[peersKey] : undefined;
      if (!Array.isArray(peers)) return;
      peers.forEach((p, j) => {
        if (!isObj(p)) return;
        selector(out, p.podSelector, ['spec', dir, i, peersKey, j, 'podSelector']);
        selector(out, p.namespaceSelector, ['spec', dir, i, peersKey, j, 'namespaceSelector']);
      });
    });
  }
}

/**
 * The API server's name and label checks for one object of `kind` (already schema-valid): metadata.name,
 * metadata.namespace (the object's own or `namespace`, for namespaced kinds), labels and annotation keys,
 * selectors, pod template labels and container names. In the order the API server reports them.
 */
export function nameErrors(kind: string, data: Readonly<Record<string, unknown>>, namespace: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  const meta = isObj(data.metadata) ? data.metadata : {};
  if (typeof meta.name === 'string' && meta.name !== '') {
    for (const msg of nameRule(kind)(meta.name)) out.push(invalid(['metadata', 'name'], meta.name, msg));
  }
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace;
  if (kind !== 'Namespace' && ns !== undefined) {
    for (const msg of isDNS1123Label(ns)) out.push(invalid(['metadata', 'namespace'], ns, msg));
  }
  objectMeta(out, meta, ['metadata']);
  const spec = isObj(data.spec) ? data.spec : undefined;
  if (!spec) return out;
  switch (kind) {
    case 'Namespace':
      break;
    case 'Pod':
      podSpec(out, spec, ['spec']);
      break;
    case 'Service':
      labels(out, spec.selector, ['spec', 'selector']);
      break;
    case 'NetworkPolicy':
      policySelectors(out, spec);
      break;
    case 'CronJob': {
      const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
      objectMeta(out, jt.metadata, ['spec', 'jobTemplate', 'metadata']);
      const jspec = isObj(jt.spec) ? jt.spec : {};
      selector(out, jspec.selector, ['spec', 'jobTemplate', 'spec', 'selector']);
      podTemplate(out, jspec.template, ['spec', 'jobTemplate', 'spec', 'template']);
      break;
    }
    default:
      selector(out, spec.selector, ['spec', 'selector']);
      podTemplate(out, spec.template, ['spec', 'template']);
  }
  return out;
}

/**
 * The API server's message for an invalid object: `The Namespace "Bad_Name" is invalid: <error>`, or
 * `[<error>, <error>]` for several (duplicates dropped, like field.ErrorList.ToAggregate).
 */
export function invalidObjectMessage(kind: string, name: string | undefined, errors: readonly FieldError[]): string {
  const texts = [...new Set(errors.map((e) => e.text))];
  const body = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return `The ${kind} ${name === undefined ? '' : `${quoteValue(name)} `}is invalid: ${body}`;
}
