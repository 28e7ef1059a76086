// fast-check generators for the CLI fuzz properties (test/fuzz/properties.ts): hostile names, label keys and
// values, control characters and ANSI sequences, Kubernetes-shaped documents with odd shapes, their text
// (YAML, JSON, Lists, flow style) and raw-text mutations of it (broken YAML, duplicate keys, deep flow
// nesting, extra documents). Names and namespaces come from small per-case pools so that objects, selectors,
// kubectl targets and reach SPECs refer to each other; `Ref` marks a pool entry until a case is built.
import fc from 'fast-check';

/** Terminal sequences seen in attacks: OSC 0 (window title), CSI (clear, colour, alternate screen), OSC 8 links, RIS, C1 CSI/OSC. */
export const SEQUENCES = [
  '\u001b]0;x\u0007', '\u001b[2J', '\u001b[31m', '\u001b]8;;http://evil.example\u001b\\', '\u001b[?1049h', '\u001bc',
  '\u009b2J', '\u009d0;t\u009c', '\u001b]0;x\u001b\\', '\u001bP+q\u001b\\',
] as const;

const char = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));

/** One C0 control, DEL, one C1 control, or a whole escape sequence. */
export const controlArb = fc.oneof(char(0x00, 0x1f), fc.constant('\u007f'), char(0x80, 0x9f), fc.constantFrom(...SEQUENCES));

/** Non-ASCII text: accents, CJK, emoji, bidi override, zero-width space, line separators, BOM, a lone surrogate. */
const unicodeArb = fc.oneof(
  fc.constantFrom('é', 'ß', 'İ', 'ﬁ', '名前', '🙂', '\u200b', '\u202e', '\u2028', '\u2029', '\ufeff', '\ud800', 'Ａ', 'ǅ'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
);

/** Characters that mean something to YAML, shells, label syntax or paths. */
const syntaxArb = fc.constantFrom('-', '.', '_', '/', ' ', ':', ': ', '#', ' #', '"', "'", '{', '}', '[', ']', ',', '*', '&', '!', '%', '@', '`', '|', '>', '\\', '=', '!=', '(', ')', '?', '~', '\t', '\n');

const fragmentArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'web', 'db', 'x-1', '0', 'app', 'k8s.io', 'A') },
  { weight: 3, arbitrary: controlArb },
  { weight: 2, arbitrary: unicodeArb },
  { weight: 2, arbitrary: syntaxArb },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

/** Short text made of hostile fragments (controls, sequences, unicode, YAML syntax). */
export const hostileText = fc.array(fragmentArb, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

const validLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);

/** Object names: mostly valid RFC 1123, else too long, uppercase, unicode, empty, dotted, numeric or hostile. */
export const nameArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'web', 'db', 'api', 'default', 'kube-system', 'x-1', 'a1') },
  { weight: 3, arbitrary: validLabel },
  { weight: 1, arbitrary: fc.constantFrom(63, 64, 253, 254, 300).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('Web', 'API', 'aB', 'WEB-1') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '-a', 'a-', 'a.b', 'a..b', '.', '..', 'a/b', 'a_b', '0', '123', 'a b', '*', 'a:b') },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: unicodeArb },
);

/** Odd YAML values where a string or map belongs. */
export const oddScalarArb = fc.constantFrom<unknown>(null, 0, -1, 123, 3.5, 1e21, true, false, '', 'null', '~', 'NaN', '0x1F', '1e3');
// JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
const oddCollectionArb = fc.constantFrom<unknown>([], {}, [null], [[]], ['a'], [1, 2], { '': null }, { a: 1 }, JSON.parse('{"__proto__": {"x": 1}}'));

/** Nested arrays/maps `depth` levels deep (a deep structure in block YAML, or in JSON). */
export function nested(depth: number, map: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = map ? { a: v } : [v];
  return v;
}

export const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddScalarArb },
  { weight: 2, arbitrary: oddCollectionArb },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 80 }), fc.boolean()).map(([d, m]) => nested(d, m)) },
);

/** A name where one is expected: mostly a string, sometimes a number, null, a list or a map. */
export const nameValueArb: fc.Arbitrary<unknown> = fc.oneof({ weight: 12, arbitrary: nameArb }, { weight: 1, arbitrary: oddScalarArb }, { weight: 1, arbitrary: oddCollectionArb });

/** A reference into one of the case's pools (names, namespaces, label keys, label values), resolved when the case is built. */
export class Ref {
  constructor(readonly pool: 'name' | 'ns' | 'key' | 'value', readonly i: number) {}
}
const ref = (pool: Ref['pool']) => fc.nat({ max: 7 }).map((i) => new Ref(pool, i));

/** Label keys: common, prefixed, reserved, invalid (bad prefix, too long, empty, several slashes), hostile, prototype names. */
export const labelKeyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('app', 'tier', 'role', 'k8s-app', 'kubernetes.io/metadata.name', 'app.kubernetes.io/name', 'example.com/team') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('example.com', 'a.b.c', 'kubernetes.io', 'x'), validLabel).map(([p, n]) => `${p}/${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('a/b/c', '/a', 'a/', 'Example.COM/x', '-a', 'a_', `${'a'.repeat(64)}`, `${'a'.repeat(254)}/a`, 'a'.repeat(63), '', ' ', 'a b', '__proto__', 'constructor', 'toString') },
  { weight: 2, arbitrary: hostileText },
);

export const labelValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'web', 'frontend', 'kube-dns', 'db', '') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(63), 'x'.repeat(64), '-a', 'a_', 'A.b', 'a b', '(a)', 'a,b') },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: oddScalarArb },
  { weight: 1, arbitrary: oddCollectionArb },
);

/** Entries → an object with own properties (also for "__proto__"). */
const entriesObject = (entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => Object.fromEntries(entries);

/** A map whose keys may be pool references: becomes an object when the case is built. */
export class Entries {
  constructor(readonly entries: readonly (readonly [string | Ref, unknown])[]) {}
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/**
 * The document generators, in two tiers. Clean documents are valid objects (they reach the cluster, the
 * printers and reach's matrix) with hostile text only where the API allows any string: annotation values,
 * images, and whatever the pools hold. Wild documents put invalid or hostile values anywhere.
 */
function docArbs(wild: boolean) {
  /** `clean`, or with wild documents sometimes `bad` instead. */
  const or = <T>(clean: fc.Arbitrary<T>, bad: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<T> => (wild ? fc.oneof({ weight, arbitrary: clean }, { weight: 1, arbitrary: bad }) : clean);
  const labels = fc.array(fc.tuple(or(ref('key'), labelKeyArb as fc.Arbitrary<string | Ref>, 3), or(ref('value'), labelValueArb as fc.Arbitrary<unknown>, 3)), { maxLength: 3 })
    .map((e) => new Entries(e));
  const annotationKey = or(fc.constantFrom('note', 'example.com/owner', 'kubernetes.io/description'), fc.oneof(labelKeyArb, hostileText));
  const annotations = fc.array(fc.tuple(annotationKey, fc.oneof(hostileText, fc.constant('note'), or(fc.constant(''), oddScalarArb))), { maxLength: 2 }).map(entriesObject);
  const metadata = (namespaced: boolean) => fc.record({
    name: or(ref('name'), nameValueArb, 5),
    namespace: namespaced ? or(fc.oneof({ weight: 5, arbitrary: ref('ns') }, fc.constant(undefined)), nameValueArb, 5) : fc.constant(undefined),
    labels: opt(labels),
    annotations: opt(annotations),
  }, { requiredKeys: wild ? [] : ['name'] });

  const portNumber = or(fc.constantFrom<unknown>(80, 443, 53, 8080, 5432), fc.oneof(fc.constantFrom<unknown>(0, -1, 65535, 65536, 1.5, '80', 'http', 'dns', 'HTTP', 'a'.repeat(16), null), hostileText));
  const policyPortValue = or(fc.constantFrom<unknown>(80, 443, 53, 8080, 'http', 'dns'), portNumber);
  const protocol = or(fc.constantFrom<unknown>('TCP', 'UDP', 'SCTP'), fc.oneof(fc.constantFrom<unknown>('tcp', 'ICMP', '', null, 6), hostileText));
  const container = fc.record({
    name: or(fc.constantFrom<unknown>('c', 'web', 'app'), nameValueArb),
    image: fc.oneof({ weight: 4, arbitrary: fc.constant('nginx') }, hostileText),
    ports: opt(fc.array(fc.record({
      containerPort: portNumber,
      name: opt(or(fc.constantFrom('http', 'dns', 'metrics'), nameArb)),
      protocol: opt(protocol),
    }, { requiredKeys: ['containerPort'] }), { maxLength: 2 })),
  }, { requiredKeys: ['name', 'image'] });
  const podSpec = fc.record({ containers: fc.array(container, { minLength: 1, maxLength: 2 }) });

  const operator = or(fc.constantFrom<unknown>('In', 'NotIn', 'Exists', 'DoesNotExist'), fc.oneof(fc.constantFrom<unknown>('in', 'Equals', '', null), hostileText));
  const expression = operator.chain((op) => fc.record({
    key: or(ref('key') as fc.Arbitrary<unknown>, labelKeyArb, 3),
    operator: fc.constant(op),
    values: op === 'Exists' || op === 'DoesNotExist' ? or(fc.constant(undefined), fc.array(labelValueArb, { maxLength: 1 }) as fc.Arbitrary<unknown>)
      : or(fc.array(ref('value'), { minLength: 1, maxLength: 2 }) as fc.Arbitrary<unknown>, opt(fc.array(labelValueArb, { maxLength: 2 })) as fc.Arbitrary<unknown>),
  }, { requiredKeys: ['key', 'operator'] }));
  const selector = fc.record({ matchLabels: opt(labels), matchExpressions: opt(fc.array(expression, { maxLength: 2 })) }, { requiredKeys: [] });

  const cidr = or(fc.constantFrom<unknown>('10.0.0.0/8', '0.0.0.0/0', '10.244.0.0/16', '192.168.1.0/24', '::/0', 'fd00::/8'),
    fc.oneof(fc.constantFrom<unknown>('10.0.0.1', '10.0.0.0/33', '300.0.0.0/8', '10.0.0.0/-1', '', null, 10), hostileText));
  const ipBlock = fc.record({
    cidr,
    except: opt(fc.array(or(fc.constantFrom<unknown>('10.1.0.0/16', '10.244.0.5/32'), fc.oneof(fc.constantFrom('0.0.0.0/0', 'fd00::/16'), hostileText)), { maxLength: 2 })),
  }, { requiredKeys: ['cidr'] });
  const peer = fc.oneof(
    fc.record({ podSelector: selector }),
    fc.record({ namespaceSelector: selector }),
    fc.record({ podSelector: selector, namespaceSelector: selector }),
    fc.record({ ipBlock }),
    ...(wild ? [fc.record({ ipBlock, podSelector: selector })] : []),
  );
  const policyPort = fc.record({ port: policyPortValue, endPort: opt(or(fc.constantFrom<unknown>(8080, 65535), fc.oneof(fc.constantFrom<unknown>(79, 70000), hostileText))), protocol: opt(protocol) }, { requiredKeys: [] })
    .map((pp) => (wild || typeof pp.port === 'number' ? pp : { ...pp, endPort: undefined })); // endPort needs a numeric port
  const rule = (dir: 'from' | 'to') => fc.record({ [dir]: opt(fc.array(peer, { maxLength: 2 })), ports: opt(fc.array(policyPort, { maxLength: 2 })) }, { requiredKeys: [] });
  const policySpec = fc.record({
    podSelector: fc.oneof(selector, fc.constant({})),
    policyTypes: opt(or(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }) as fc.Arbitrary<unknown[]>, fc.array(fc.oneof(fc.constantFrom<unknown>('ingress', 'Both', null), hostileText), { maxLength: 2 }))),
    ingress: opt(fc.array(rule('from'), { maxLength: 2 })),
    egress: opt(fc.array(rule('to'), { maxLength: 2 })),
  }, { requiredKeys: ['podSelector'] });

  const doc = (apiVersion: string, kind: string, namespaced: boolean, spec: fc.Arbitrary<unknown> | undefined, extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
    fc.record({ apiVersion: fc.constant(apiVersion), kind: fc.constant(kind), metadata: metadata(namespaced), ...(spec ? { spec } : {}), ...extra },
      { requiredKeys: ['apiVersion', 'kind', 'metadata', ...(spec && !wild ? ['spec' as const] : [])] });
  // A workload's selector must match its template's labels: clean ones use the same labels for both.
  const workloadSpec = wild
    ? fc.record({ replicas: opt(fc.oneof(fc.constantFrom<unknown>(0, 1, 2, 3), fc.constantFrom<unknown>(-1, 1000000, 'two'))), selector, template: fc.record({ metadata: fc.record({ labels: opt(labels) }, { requiredKeys: [] }), spec: podSpec }) }, { requiredKeys: ['selector', 'template'] })
    : fc.tuple(fc.constantFrom(1, 2, 3), fc.tuple(ref('key'), ref('value')).map((e) => new Entries([e])), podSpec).map(([replicas, l, spec]) => ({ replicas, selector: { matchLabels: l }, template: { metadata: { labels: l }, spec } }));
  const podIP = or(fc.constantFrom('10.244.1.5', '10.244.1.6', 'fd00::5'), fc.oneof(fc.constantFrom('::1', 'bogus', ''), hostileText));
  const service = fc.record({
    selector: opt(labels),
    ports: fc.array(fc.record({ port: portNumber, targetPort: opt(or(portNumber, fc.constantFrom<unknown>('http', 'dns'))), protocol: opt(protocol), name: opt(or(fc.constantFrom('http', 'dns'), nameArb)) }, { requiredKeys: ['port'] }), { minLength: 1, maxLength: 2 })
      .map((ps) => (wild ? ps : ps.map((p, i) => ({ ...p, name: ps.length > 1 ? `p${i}` : p.name })))), // several ports need distinct names
  }, { requiredKeys: ['ports'] });
  return fc.oneof(
    { weight: 3, arbitrary: doc('v1', 'Namespace', false, undefined) },
    { weight: 4, arbitrary: doc('v1', 'Pod', true, podSpec, { status: opt(fc.record({ podIP })) }) },
    { weight: 2, arbitrary: doc('v1', 'Service', true, service) },
    { weight: 5, arbitrary: doc('networking.k8s.io/v1', 'NetworkPolicy', true, policySpec) },
    { weight: 2, arbitrary: fc.constantFrom(['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet']).chain(([v, k]) => doc(v, k, true, workloadSpec)) },
    { weight: 1, arbitrary: doc('batch/v1', 'Job', true, fc.record({ template: fc.record({ metadata: fc.record({ labels: opt(labels) }, { requiredKeys: [] }), spec: podSpec.map((s) => ({ ...s, restartPolicy: 'Never' })) }) })) },
    { weight: 1, arbitrary: doc('batch/v1', 'CronJob', true, fc.record({ schedule: or(fc.constant('* * * * *'), fc.constant('bogus')), jobTemplate: fc.record({ spec: fc.record({ template: fc.record({ metadata: fc.record({ labels: opt(labels) }, { requiredKeys: [] }), spec: podSpec.map((s) => ({ ...s, restartPolicy: 'OnFailure' })) }) }) }) })) },
  ) as fc.Arbitrary<unknown>;
}

const cleanDocArb = docArbs(false);
const wildDocArb = docArbs(true);

/** Namespace documents for every pool namespace (clean), so that a case's objects can be applied. */
export const namespaceDocs = (names: readonly string[], labelSets: readonly Entries[]): unknown[] =>
  names.map((name, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labelSets[i] ? { labels: labelSets[i] } : {}) } }));
export const namespaceLabelsArb = fc.array(fc.tuple(ref('key'), ref('value')), { maxLength: 2 }).map((e) => new Entries(e));

/** Documents that are not Kubernetes objects: scalars, lists, unknown kinds and versions, missing fields, hostile kinds. */
const strangeDocArb: fc.Arbitrary<unknown> = fc.oneof(
  oddScalarArb,
  oddCollectionArb,
  fc.record({ apiVersion: fc.oneof(fc.constantFrom<unknown>('v1', 'v9', 'apps/v1', '', null, 1), hostileText), kind: fc.oneof(fc.constantFrom<unknown>('ConfigMap', 'Pod', 'List', 'pod', '', null, 7, []), hostileText), metadata: fc.oneof(fc.record({ name: nameValueArb, namespace: ref('ns') }), oddValueArb) }, { requiredKeys: [] }),
);

/** Where a document is changed into an odd shape: the `at`-th node (pre-order, modulo the count). */
export interface ShapeMutation { readonly at: number; readonly op: 'replace' | 'addKey' | 'wrapList' | 'delete'; readonly key: string; readonly value: unknown }
const shapeMutationArb: fc.Arbitrary<ShapeMutation> = fc.record({
  at: fc.nat({ max: 200 }),
  op: fc.constantFrom('replace', 'addKey', 'wrapList', 'delete'),
  key: fc.oneof(fc.constantFrom('spec', 'metadata', 'name', 'labels', 'extra', '__proto__'), hostileText),
  value: oddValueArb,
});

/** A document: mostly clean objects, some wild ones and non-objects; a few get odd shapes. */
export const docArb = fc.record({
  value: fc.oneof({ weight: 6, arbitrary: cleanDocArb }, { weight: 3, arbitrary: wildDocArb }, { weight: 1, arbitrary: strangeDocArb }),
  mutations: fc.oneof({ weight: 4, arbitrary: fc.constant([] as ShapeMutation[]) }, { weight: 1, arbitrary: fc.array(shapeMutationArb, { minLength: 1, maxLength: 2 }) }),
});

/** A change to the serialised text: inserted bytes, deletions, duplicated lines (duplicate keys), truncation, deep flow nesting, extra documents. */
export type TextMutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly len: number }
  | { readonly op: 'dupLine'; readonly at: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'indent'; readonly at: number; readonly by: number }
  | { readonly op: 'deepFlow'; readonly at: number; readonly depth: number; readonly open: '[' | '{' | '{a: '; readonly closed: boolean };

const yamlSyntaxArb = fc.constantFrom('---\n', '...\n', '%YAML 1.2\n---\n', '&a ', '*a', '!!binary ', '!foo ', '? ', '|\n', '>-\n', '- ', ': ', '{', '[', '"', "'", '#', '\t', '\n', '\r\n', '\r', '<<: *a\n', 'key: [1, 2\n', '@', '`', '\ufeff', 'a: 1\na: 2\n');
const depthArb = fc.oneof(fc.constantFrom(1, 10, 100, 200, 300, 500, 999, 1000, 1001, 1100), fc.integer({ min: 1, max: 1100 }));

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(controlArb, yamlSyntaxArb, hostileText) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deepFlow' as const), at: fc.nat(), depth: depthArb, open: fc.constantFrom('[' as const, '{' as const, '{a: ' as const), closed: fc.boolean() }) },
);

export type FileFormat = 'yaml' | 'yaml-flow' | 'json' | 'json-stream' | 'list-yaml' | 'list-json';

/** A hostile file name is echoed in messages (paths), so it goes through the same escaping. */
const fileNameArb = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, hostileText, fc.constantFrom('ns.yml', 'pol.json', 'x y.yaml'));

/**
 * Half the files are clean (valid objects, intact text: they reach the cluster, the printers and the
 * matrix); the others mix wild documents, odd shapes and mutated text.
 */
export const fileArb = fc.oneof(
  fc.record({
    name: fileNameArb,
    format: fc.constantFrom<FileFormat>('yaml', 'yaml', 'yaml', 'json', 'list-yaml', 'list-json'),
    docs: fc.array(cleanDocArb.map((value) => ({ value, mutations: [] as ShapeMutation[] })), { minLength: 1, maxLength: 5 }),
    textMutations: fc.constant([] as TextMutation[]),
  }),
  fc.record({
    name: fileNameArb,
    format: fc.constantFrom<FileFormat>('yaml', 'yaml', 'yaml', 'yaml-flow', 'json', 'json-stream', 'list-yaml', 'list-json'),
    docs: fc.array(docArb, { minLength: 0, maxLength: 5 }),
    textMutations: fc.oneof({ weight: 1, arbitrary: fc.constant([] as TextMutation[]) }, { weight: 2, arbitrary: fc.array(textMutationArb, { minLength: 1, maxLength: 3 }) }),
  }),
);

/** A reach/explain SPEC: namespace/pod from the pools, a bare name, an IP, or hostile text. */
export const specArb = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(ref('ns'), ref('name')) },
  { weight: 1, arbitrary: ref('name') },
  { weight: 1, arbitrary: fc.constantFrom('10.0.0.1', '8.8.8.8', '::1', '10.244.1.5', '999.1.1.1', '', '/', 'a/b/c') },
  { weight: 1, arbitrary: hostileText },
);

export const pools = fc.record({
  name: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'b', 'web', 'db', 'api') }, nameArb), { minLength: 1, maxLength: 4 }),
  ns: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('default', 'lab', 'prod', 'kube-system') }, nameArb), { minLength: 1, maxLength: 3 }),
  key: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('app', 'tier', 'k8s-app', 'kubernetes.io/metadata.name') }, labelKeyArb), { minLength: 1, maxLength: 3 }),
  value: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom<unknown>('a', 'b', 'web', 'db', 'kube-dns', '') }, labelValueArb), { minLength: 1, maxLength: 3 }),
});
export type Pools = { name: string[]; ns: string[]; key: string[]; value: unknown[] };

/** A deep copy of `v` with every Ref resolved against the pools and every Entries made an object. */
export function resolveRefs(v: unknown, p: Pools): unknown {
  if (v instanceof Ref) return p[v.pool][v.i % p[v.pool].length];
  if (v instanceof Entries) return entriesObject(v.entries.map(([k, x]) => [String(resolveRefs(k, p)), resolveRefs(x, p)]));
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, p));
  if (v && typeof v === 'object') return entriesObject(Object.entries(v).map(([k, x]) => [k, resolveRefs(x, p)]));
  return v;
}
