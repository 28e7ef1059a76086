// A fuzz case for the CLI (test/fuzz/properties.ts): manifest files built from the generators of arbitraries.ts
// (documents → YAML/JSON/List text → raw-text mutations, plus a file declaring the pool namespaces) and the
// command lines to run on them: a core pipeline through the whole input path (kubectl apply, get -A, get -o yaml,
// describe, explain, reach matrix and -o json, lint), each step dropped when shrinking shows it does not
// matter, then random extra steps (apply/create, get with any output and selector, describe, explain, reach
// with --port/--protocol/--from/--to, explain -f, lint, a whole directory).
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  fileArb, hostileText, namespaceDocs, namespaceLabelsArb, pools, Ref, resolveRefs, specArb,
  type FileFormat, type Pools, type ShapeMutation, type TextMutation,
} from './arbitraries.ts';

export interface FuzzFile { readonly name: string; readonly text: string }

/**
 * A built case: file texts and command lines. In commands, "@F0", "@F1", … are the paths of files[0],
 * files[1], … (written to a fresh temp directory per run), "@DIR" that directory and "@STATE" the kubectl
 * state directory inside it.
 */
export interface FuzzCase { readonly files: readonly FuzzFile[]; readonly commands: readonly (readonly string[])[] }

// ---- building documents and files ----

function nodesOf(v: unknown, out: { parent: unknown; key: string | number }[] = [], parent?: unknown, key?: string | number): typeof out {
  if (parent !== undefined && key !== undefined) out.push({ parent, key });
  if (Array.isArray(v)) v.forEach((x, i) => nodesOf(x, out, v, i));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) nodesOf((v as Record<string, unknown>)[k], out, v, k);
  return out;
}

/** Applies one shape mutation to a document (already a fresh copy): the `at`-th node is replaced, wrapped, deleted, or gets a key. */
function mutateShape(root: unknown, m: ShapeMutation, p: Pools): unknown {
  const nodes = nodesOf(root);
  const value = resolveRefs(m.value, p);
  if (nodes.length === 0 || m.op === 'addKey') {
    const target = nodes.length === 0 ? root : (nodes[m.at % nodes.length].parent);
    if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(value);
    return root;
  }
  const { parent, key } = nodes[m.at % nodes.length];
  const obj = parent as Record<string | number, unknown>;
  if (m.op === 'replace') obj[key] = value;
  else if (m.op === 'wrapList') obj[key] = [obj[key]];
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete obj[key];
  return root;
}

function yamlText(v: unknown, flow: boolean): string {
  try {
    return stringify(v, flow ? { collectionStyle: 'flow' } : {});
  } catch {
    return `${JSON.stringify(v)}\n`; // not the CLI's problem: the generator made something yaml cannot write
  }
}

const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });

function serialise(docs: unknown[], format: FileFormat): string {
  switch (format) {
    case 'yaml': return docs.map((d) => yamlText(d, false)).join('---\n');
    case 'yaml-flow': return docs.map((d) => yamlText(d, true)).join('---\n');
    case 'json': return docs.length === 1 ? `${JSON.stringify(docs[0], null, 2)}\n` : `${JSON.stringify(list(docs), null, 2)}\n`;
    case 'json-stream': return docs.map((d) => JSON.stringify(d)).join('\n');
    case 'list-yaml': return yamlText(list(docs), false);
    case 'list-json': return JSON.stringify(list(docs));
  }
}

const lineStart = (t: string, at: number) => t.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (t: string, at: number) => { const e = t.indexOf('\n', at); return e < 0 ? t.length : e + 1; };

function mutateText(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'insert': return text.slice(0, at) + m.text + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + m.len);
    case 'truncate': return text.slice(0, at);
    case 'dupLine': {
      const s = lineStart(text, at);
      const e = lineEnd(text, at);
      const line = text.slice(s, e);
      return text.slice(0, e) + (line.endsWith('\n') ? line : `\n${line}`) + text.slice(e);
    }
    case 'indent': {
      const s = lineStart(text, at);
      if (m.by >= 0) return text.slice(0, s) + ' '.repeat(m.by) + text.slice(s);
      let n = 0;
      while (n < -m.by && text[s + n] === ' ') n++;
      return text.slice(0, s) + text.slice(s + n);
    }
    case 'deepFlow': {
      const close = m.open === '[' ? ']' : '}';
      const nest = m.open.repeat(m.depth) + (m.closed ? close.repeat(m.depth) : '');
      return text.slice(0, at) + nest + text.slice(at);
    }
  }
}

/** A file name under the case's temp dir: index first (unique, never "index.yaml"), no "/" or NUL, short. */
function fileName(i: number, name: string, format: FileFormat): string {
  const safe = [...name.replace(/[/\u0000]/g, '_')].slice(0, 40).join('');
  return `f${i}${safe}.${format.includes('json') ? 'json' : 'yaml'}`;
}

// ---- commands ----

/** A file argument, expanded when the case is built: "-f @Fi" for one file or all, or bare paths (lint). */
class FileArg {
  constructor(readonly which: number | 'all', readonly flag: boolean) {}
}
type Token = string | Ref | FileArg | readonly [Ref, Ref];
type Argv = readonly Token[];

const nsRef = fc.nat({ max: 7 }).map((i) => new Ref('ns', i));
const nameRef = fc.nat({ max: 7 }).map((i) => new Ref('name', i));
const files = fc.oneof({ weight: 3, arbitrary: fc.constant(new FileArg('all', true)) }, fc.nat({ max: 3 }).map((i) => new FileArg(i, true)));
const pick = <T>(...xs: fc.Arbitrary<T>[]) => fc.oneof(...xs);
const none = fc.constant([] as Token[]);

const kubectl = (a: fc.Arbitrary<Argv>) => a.map((argv): Argv => ['kubectl', '--state', '@STATE', ...argv]);
const scope = pick<Token[]>(fc.constant(['-A']), nsRef.map((n) => ['-n', n]), none);
const getTypes = fc.constantFrom('all', 'pods', 'networkpolicies', 'netpol', 'services', 'namespaces', 'deployments', 'endpoints', 'events', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'pods,svc', 'nodes', 'networkpolicy.networking.k8s.io');
/** JSONPath templates: well-formed ones, and pieces of the syntax in any order (unbalanced, prototype names, deep). */
const jsonPathPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('{', '}', '.items', '[*]', '[0]', '[-1:]', '[1:2]', '..', '.metadata', '.name', '.labels', '.spec', '@', '$', '[?(@.metadata.name=="a")]', '{range .items[*]}', '{end}', '{"\\n"}', "['app']", '.', '[', ']', '"', '\\') },
  { weight: 1, arbitrary: fc.constantFrom('.__proto__', '.constructor', '.toString', '.length', '[999999999999]', '{{', '}}') },
  { weight: 1, arbitrary: hostileText },
);
const jsonPath = fc.oneof(
  fc.constantFrom('{.items[*].metadata.labels}', '{range .items[*]}{.metadata.name}{"\\n"}{end}', '{.items[*].metadata.annotations}', '{.items[0].spec.containers[*].image}'),
  fc.array(jsonPathPiece, { minLength: 1, maxLength: 8 }).map((xs) => xs.join('')),
  fc.array(jsonPathPiece, { minLength: 1, maxLength: 4 }).map((xs) => `{${xs.join('')}}`),
);
const listOutput = pick<Token[]>(none, fc.constantFrom(['-o', 'yaml'], ['-o', 'json'], ['-o', 'wide'], ['-o', 'name'], ['--show-labels'], ['--no-headers']),
  jsonPath.map((j) => ['-o', `jsonpath=${j}`]));
const selectorText = fc.oneof(fc.constantFrom('app=a', 'app in (a,b)', '!app', 'app!=web', 'k8s-app', 'a=b,c=d', '=', 'app in (', ''), hostileText);
const port = pick<Token[]>(none, fc.oneof(fc.constantFrom('80', '53', '443', 'http', 'dns', '0', '65536', 'abc-def', '-1'), hostileText).map((p) => ['--port', p]));
const protocol = pick<Token[]>(none, fc.oneof(fc.constantFrom('TCP', 'UDP', 'sctp', 'ICMP', ''), hostileText).map((p) => ['--protocol', p]));
const specs = (flag: string) => fc.array(specArb, { maxLength: 2 }).map((xs) => xs.flatMap((s): Token[] => [flag, s]));
const explainPath = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('networkpolicy', 'networkpolicies.spec', 'netpol.spec.ingress', 'networkpolicy.spec.ingress.from.ipBlock', 'networkpolicy.spec.egress.ports.endPort', 'networkpolicy.metadata', 'networkpolicy.spec.podSelector.matchExpressions', 'pods', 'networkpolicy.spec.bogus', 'networkpolicy..spec', '') },
  { weight: 1, arbitrary: hostileText.map((h) => `networkpolicy.${h}`) },
  { weight: 1, arbitrary: hostileText },
);

const stepArb: fc.Arbitrary<Argv> = fc.oneof(
  { weight: 3, arbitrary: kubectl(fc.tuple(fc.constantFrom('apply', 'create'), files, pick<Token[]>(none, fc.constantFrom(['--dry-run=client'], ['-o', 'yaml'], ['-o', 'json'], ['--validate=false']), nsRef.map((n) => ['-n', n])))
    .map(([verb, f, extra]): Argv => [verb, f, ...extra])) },
  { weight: 4, arbitrary: kubectl(fc.tuple(getTypes, scope, listOutput, pick<Token[]>(none, selectorText.map((s) => ['-l', s]))).map(([t, s, o, l]): Argv => ['get', t, ...s, ...o, ...l])) },
  { weight: 2, arbitrary: kubectl(fc.tuple(fc.constantFrom('networkpolicy', 'pod', 'service', 'namespace', 'deployment'), nameRef, nsRef, fc.constantFrom('yaml', 'json', 'wide'))
    .map(([t, n, ns, o]): Argv => ['get', t, n, '-n', ns, '-o', o])) },
  { weight: 3, arbitrary: kubectl(fc.tuple(fc.constantFrom('networkpolicy', 'networkpolicies', 'pod', 'service', 'namespace', 'deployment'), pick<Token[]>(fc.constant(['-A']), fc.tuple(nameRef, nsRef).map(([n, ns]) => [n, '-n', ns]), nsRef.map((ns) => ['-n', ns])))
    .map(([t, rest]): Argv => ['describe', t, ...rest])) },
  { weight: 1, arbitrary: kubectl(fc.tuple(explainPath, fc.boolean()).map(([p, r]): Argv => ['explain', p, ...(r ? ['--recursive'] : [])])) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom<Token[]>([], ['-o', 'json'], ['-o', 'matrix']), port, protocol, specs('--from'), specs('--to'))
    .map(([o, p, pr, f, t]): Argv => ['reach', new FileArg('all', true), ...o, ...p, ...pr, ...f, ...t]) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 3 }), fc.constantFrom<Token[]>([], ['-o', 'json'])).map(([i, o]): Argv => ['reach', new FileArg(i, true), ...o]) },
  { weight: 2, arbitrary: fc.tuple(specArb, specArb, port, fc.boolean()).map(([f, t, p, j]): Argv => ['explain', new FileArg('all', true), '--from', f, '--to', t, ...p, ...(j ? ['-o', 'json'] : [])]) },
  { weight: 2, arbitrary: fc.nat({ max: 3 }).map((i): Argv => ['lint', new FileArg(i % 2 ? 'all' : i, false)]) },
  // The case's directory: its files, plus the kubectl state (cluster.json) once a command has written it.
  { weight: 1, arbitrary: fc.constantFrom<Argv>(['reach', '-f', '@DIR'], ['lint', '@DIR'], ['kubectl', '--state', '@STATE', 'apply', '-f', '@DIR'], ['kubectl', '--state', '@STATE', 'apply', '-f', '@DIR', '--recursive']) },
);

/** The whole input path, each step switched off when shrinking shows it does not matter. */
const CORE: readonly Argv[] = [
  ['kubectl', '--state', '@STATE', 'apply', new FileArg('all', true)],
  ['kubectl', '--state', '@STATE', 'get', 'all', '-A'],
  ['kubectl', '--state', '@STATE', 'get', 'networkpolicies', '-A', '-o', 'yaml'],
  ['kubectl', '--state', '@STATE', 'get', 'pods', '-A', '--show-labels'],
  ['kubectl', '--state', '@STATE', 'describe', 'networkpolicy', '-A'],
  ['kubectl', '--state', '@STATE', 'explain', 'networkpolicy.spec.ingress'],
  ['reach', new FileArg('all', true)],
  ['reach', new FileArg('all', true), '-o', 'json'],
  ['lint', new FileArg('all', false)],
];
const mostlyOn = fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(false) }, { weight: 5, arbitrary: fc.constant(true) });

function expand(argv: Argv, p: Pools, fileCount: number): string[] {
  const out: string[] = [];
  for (const t of argv) {
    if (t instanceof FileArg) {
      const idx = t.which === 'all' ? [...Array(fileCount).keys()] : [t.which % fileCount];
      for (const i of idx) out.push(...(t.flag ? ['-f', `@F${i}`] : [`@F${i}`]));
    } else if (t instanceof Ref) out.push(String(resolveRefs(t, p)));
    else if (Array.isArray(t)) out.push(`${String(resolveRefs(t[0], p))}/${String(resolveRefs(t[1], p))}`);
    else out.push(t as string);
  }
  return out;
}

const rawCaseArb = fc.record({
  pools,
  /** A first file declaring the pool's namespaces, so that objects in them can be applied. */
  declareNamespaces: mostlyOn,
  namespaceLabels: fc.array(namespaceLabelsArb, { maxLength: 3 }),
  files: fc.array(fileArb, { minLength: 1, maxLength: 3 }),
  core: fc.array(mostlyOn, { minLength: CORE.length, maxLength: CORE.length }),
  steps: fc.array(stepArb, { maxLength: 5 }),
});

export const caseArb: fc.Arbitrary<FuzzCase> = rawCaseArb.map((raw): FuzzCase => {
  const p: Pools = raw.pools;
  const builtFiles = raw.files.map((f, i): FuzzFile => {
    const docs = f.docs.map((d) => d.mutations.reduce((v, m) => mutateShape(v, m, p), resolveRefs(d.value, p)));
    const text = f.textMutations.reduce(mutateText, serialise(docs, f.format));
    return { name: fileName(i, f.name, f.format), text };
  });
  if (raw.declareNamespaces) {
    const docs = resolveRefs(namespaceDocs(p.ns, raw.namespaceLabels), p) as unknown[];
    builtFiles.unshift({ name: 'namespaces.yaml', text: serialise(docs, 'yaml') });
  }
  const commands = [...CORE.filter((_, i) => raw.core[i]), ...raw.steps].map((a) => expand(a, p, builtFiles.length));
  return { files: builtFiles, commands };
});
