// The fast input paths (JSON.parse, the block-YAML subset reader) against the yaml package: the same data,
// the same positions for mappings, and never a document the yaml package would reject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { fastYamlEligible, readFastDoc, resolvePlain } from '../../src/content/fast-yaml.ts';
import { readManifestDocs, yamlDocs, type DocPath } from '../../src/content/manifest-docs.ts';
import { parseManifests } from '../../src/content/manifests.ts';

/** What the yaml package makes of a document's text: its data, or 'error'. */
function reference(text: string): unknown {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  if (list.length > 1) throw new Error('one document expected');
  if (list.length === 0) return null;
  if (list[0].errors.length) return 'error';
  try {
    return list[0].toJS({ maxAliasCount: 100 });
  } catch {
    return 'error';
  }
}

function fast(text: string): { value: unknown } | undefined {
  if (!fastYamlEligible(text)) return undefined;
  const endsWithNewline = text.endsWith('\n');
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (endsWithNewline) lines.pop();
  return readFastDoc(lines, 1, endsWithNewline);
}

/** The fast reader either gives up or agrees with the yaml package (which must then accept the text). */
function agrees(text: string): boolean {
  const f = fast(text);
  if (!f) return false;
  const ref = reference(text);
  assert.notEqual(ref, 'error', `the fast reader accepted text the yaml package rejects: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(f.value, ref, JSON.stringify(text));
  return true;
}

/** Every mapping in a value, with its path. */
function mappings(v: unknown, path: (string | number)[] = [], out: DocPath[] = []): DocPath[] {
  if (Array.isArray(v)) v.forEach((x, i) => mappings(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') {
    out.push(path);
    for (const [k, x] of Object.entries(v)) mappings(x, [...path, k], out);
  }
  return out;
}

/** The positions the fast paths give for mappings are the yaml package's. */
function samePositions(text: string): void {
  const fastDocs = readManifestDocs(text);
  const slowDocs = yamlDocs(text).filter((d) => d.value !== null || d.error);
  const nonEmpty = fastDocs.filter((d) => d.value !== null || d.error);
  assert.equal(nonEmpty.length, slowDocs.length, 'document count');
  nonEmpty.forEach((d, i) => {
    assert.deepStrictEqual(d.value, slowDocs[i].value);
    for (const path of mappings(d.value)) assert.deepStrictEqual(d.locate(path), slowDocs[i].locate(path), `${JSON.stringify(path)} in ${JSON.stringify(text)}`);
  });
}

const accepted = [
  'a: 1\n', 'a: b\nc: d\n', '  a: 1\n  b: 2\n', 'a:\n  b:\n    c: x\n', 'a:\n- b\n- c\nd: 1\n', 'a:\n  - b\n  - c\n',
  '- a\n- b\n', '- - a\n  - b\n- c\n', '- key: value\n  other: 2\n- x\n', '-\n  a: 1\n', '- \n- a\n',
  'a: ~\nb:\nc: Null\nd: NULL\ne: null\n', 'a: true\nb: False\nc: TRUE\nd: yes\ne: on\n',
  'a: 0o17\nb: +12\nc: -0\nd: 0x1F\ne: 1_000\nf: 012\n', 'a: .5\nb: 1.\nc: -.inf\nd: .NaN\ne: 1e3\nf: -1.5E-2\ng: 1.2.3\n',
  'k: 1:2\n', 'k: a #c\n', 'k: a#c\n', '# top\na: 1 # trailing\n# end\n', 'key:    value   # comment\n',
  "k: 'a''b'\n", 'k: "\\x41\\u263a\\U0001F600\\t\\"\\\\ \\/"\n', 'k: "a # not a comment"\n', "'quoted key': 1\n\"dq key\": 2\n",
  'k: [a, b, c]\n', 'k: []\n', 'k: {}\n', 'k: {a: 1, b: [x, y], c: {d: e}}\n', 'k: [a:b, c]\n', 'k: {"a":1}\n', "k: ['x', \"y\"]\n",
  'k: [-1, -a]\n', 'k: [a b, c]\n', '- {a: 1}\n- [1, 2]\n',
  'k: a, b\n', 'k: a]\n', 'k: foo[1]\n', 'url: http://x:80/y\n', 'k: -foo\n', 'k: --flag=x\n', 'k: ?x\n',
  'a: |\n  x\n  y\n', 'a: |-\n  x\n\n', 'a: |+\n  x\n\n\n', 'a: |\n  x\n\n\nb: 1\n', 'a: |\n\n  x\n', 'a: |\n  x\n  # c\nb: 1\n',
  'a: |\n    indented\n  less\n', '- |\n  x\n- y\n', '- key: |\n   abc\n', 'a:\n  - |\n   x\n', 'a: |+\n  x\n\nb: 1\n',
  'a: |\n  x', 'a:\n  b: 1\n\n\n  c: 2\n', 'é: ü\n', 'k: "\\N\\_\\L\\P\\0\\a\\e"\n', 'a: 1\r\nb:\r\n  - x\r\n',
  '80: x\n', 'true: y\n', 'null: z\n', '__proto__: 1\n', '<<: {a: 1}\n', 'a: 1\na: 2\n', 'a: b\n c\n', 'a: - 1\n', 'a: !x 1\n',
  'a: &x 1\nb: *x\n', '? a\n: b\n', 'k: "a"#c\n', 'k: "a\\qb"\n', 'k: @a\n', 'k: %a\n', 'k: ,a\n', 'k: ]\n', 'a: {b}\n', 'a: {b: }\n',
  'a: [a, b, ]\n', 'k: ["a":1]\n', 'k: {a:1}\n', 'k: {a: 1, a: 2}\n', 'a: >\n  x\n  y\n', 'a: |2\n   x\n', 'a: |\n   \n  x\n',
  '- key: |\n  abc\n', 'a: |\n  x\n # c\nb: 1\n', 'a:\n  b: 1\n c: 2\n', 'a:\n    b: 1\n  c: 2\n', 'a: "multi\n  line"\n',
  'a: [1,\n  2]\n', 'a: b: c\n', 'a: b:\n', '- a\nb: 1\n', 'a: 1\n- b\n', 'a:\n- b\n c\n', 'a: x\n  - y\n', '\ta: 1\n', 'a: 1 \t\n',
  'k: "\\U00110000"\n', 'a:\n  |\n  x\n', 'k: - \n', 'k: ?\n', 'k: :\n', '- - - x\n', 'a: \'\'\nb: ""\n', 'k: """\n', "k: '''\n",
];

test('the fast YAML reader agrees with the yaml package or gives up', () => {
  let fastCount = 0;
  for (const text of accepted) if (agrees(text)) fastCount++;
  assert.ok(fastCount >= 56, `only ${fastCount} of ${accepted.length} cases took the fast path`);
  // The everyday shapes must take it.
  for (const text of ['a: 1\n', '- key: value\n  other: 2\n- x\n', 'k: {a: 1, b: [x, y]}\n', 'a: |\n  x\n', 'a: 1\r\nb: 2\r\n']) assert.ok(fast(text), text);
});

test('plain scalars resolve as the yaml package resolves them (YAML 1.2 core schema)', () => {
  const chars = fc.constantFrom(...'0123456789+-.eExXoObB_~nNuUlLtTrRfFaAsSiIyY :/'.split(''));
  fc.assert(fc.property(fc.array(chars, { maxLength: 8 }).map((cs) => cs.join('').trim()), (s) => {
    let expected: unknown;
    try {
      expected = (parse(`k: ${s}\n`) as { k: unknown }).k;
    } catch {
      return; // not a plain scalar the yaml package accepts there
    }
    if (typeof expected === 'string' && expected !== s) return; // e.g. a comment cut it short
    assert.deepStrictEqual(resolvePlain(s), expected, JSON.stringify(s));
  }), { numRuns: 5000 });
  for (const s of ['null', 'Null', 'NULL', 'nULL', '~', '', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'on', '0o17', '0O17', '017', '+12', '-0', '0x1F', '0X1F', '1_000',
    '.5', '1.', '-.inf', '+.INF', '.NaN', '.nAn', '1e3', '1E-3', '.5e1', '1.2.3', '10.244.0.0/16', '8080', '-', '+', '.']) {
    assert.deepStrictEqual(resolvePlain(s), s === '' ? null : (parse(`k: ${s === '-' ? '"-"' : s}\n`) as { k: unknown }).k, s);
  }
});

const scalar = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'null', 'Null', '~', 'true', 'yes', 'no', 'on', '1', '-1', '+1', '0o7', '0x1F', '1e3', '.5', '1.', '.inf', '.nan',
    'a: b', 'a #b', '#x', '- a', '-a', '? x', ':x', 'x:', '[a]', '{a}', 'a, b', "it's", 'say "hi"', '\\', 'é', ' lead', 'trail ', '@x', '`x', '%x',
    '!x', '&x', '*x', '|', '>', '---', '...', 'a\nb', 'a\n\nb\n', 'line\n', '\ttab', '10.244.0.0/16', 'kubernetes.io/metadata.name', '__proto__', '<<'),
  fc.string({ maxLength: 8 }),
  fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null),
);
const keyArb = fc.oneof(fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'app.kubernetes.io/name', 'a b', '80', 'true', 'x:y', '-', 'é'), fc.string({ maxLength: 6 }));
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
})).value;
const options = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  flowLevel: fc.constantFrom(undefined, 0, 1, 2),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN'>,
  lineWidth: fc.constantFrom(0, 20, 80),
}, { requiredKeys: [] });

test('generated YAML: the fast paths give the yaml package\'s data and positions', () => {
  let fastDocs = 0;
  fc.assert(fc.property(fc.array(fc.tuple(valueArb, options), { minLength: 1, maxLength: 3 }), (docs) => {
    const texts = docs.map(([v, o]) => {
      const { flowLevel, ...rest } = o;
      const opts = { ...rest, ...(flowLevel === undefined ? {} : { collectionStyle: 'flow' as const }) };
      return stringify(v, opts);
    });
    for (const t of texts) if (agrees(t)) fastDocs++;
    samePositions(texts.join('---\n'));
  }), { numRuns: Number(process.env.FAST_DOCS_RUNS) || 400 });
  assert.ok(fastDocs > 100, `only ${fastDocs} generated documents took the fast path`);
});

test('mutated YAML: the fast reader never accepts what the yaml package rejects, nor reads it differently', () => {
  const base = [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: web, tier: "db"}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 80\n      name: http\n    args: ["-c", \'x\']\n    command:\n    - |\n      echo hi\n      exit 0\n',
    'kind: List\nitems:\n- a: 1\n  b:\n    - x\n    -   y\n- c: [1, {d: e}]\n# comment\n-\n  e: f # c\n',
  ];
  const insert = fc.constantFrom(' ', '  ', ':', ': ', '#', ' #', '-', '- ', '"', "'", '[', ']', '{', '}', ',', '|', '|-', '>', '&a ', '*a', '!t ', '?', '\n', '\n  ', '\t', '\\', '%', '@', '`', 'x', '---\n', '...\n', '\r');
  fc.assert(fc.property(fc.constantFrom(...base), fc.array(fc.tuple(fc.nat(), insert, fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 }), (text, edits) => {
    let t = text;
    for (const [at, ins, del] of edits) {
      const p = at % (t.length + 1);
      t = t.slice(0, p) + ins + t.slice(p + del);
    }
    // Whole-stream check through the public reader (documents split at --- lines) against the yaml package.
    const docs = readManifestDocs(t);
    const ref = yamlDocs(t);
    const errs = (ds: typeof docs) => ds.filter((d) => d.error).map((d) => `${d.error!.line}:${d.error!.col} ${d.error!.message}`);
    assert.deepStrictEqual(errs(docs), errs(ref), JSON.stringify(t));
    if (!ref.some((d) => d.error)) {
      assert.deepStrictEqual(docs.map((d) => d.value).filter((v) => v !== null), ref.map((d) => d.value).filter((v) => v !== null), JSON.stringify(t));
    }
  }), { numRuns: Number(process.env.FAST_DOCS_RUNS) || 1500 });
});

test('JSON input: JSON.parse, with the positions YAML would give', () => {
  const list = { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Pod', metadata: { name: 'a\\"]}' } }, { kind: 'Namespace', x: [1, { y: 'z' }] }, {}] };
  for (const text of [JSON.stringify(list), JSON.stringify(list, null, 4), `\n  ${JSON.stringify(list, null, 2)}\n`, JSON.stringify([1, { a: 2 }])]) {
    const docs = readManifestDocs(text);
    assert.equal(docs.length, 1);
    assert.deepStrictEqual(docs[0].value, JSON.parse(text));
    const ref = yamlDocs(text)[0];
    assert.deepStrictEqual(docs[0].locate([]), ref.locate([]));
    const items = (JSON.parse(text) as { items?: unknown[] }).items ?? [];
    items.forEach((_, i) => assert.deepStrictEqual(docs[0].locate(['items', i]), ref.locate(['items', i]), `${text} items[${i}]`));
    assert.deepStrictEqual(docs[0].locate(['items', 0, 'metadata', 'name'], true), ref.locate(['items', 0, 'metadata', 'name'], true));
  }
  // Not JSON after all: read as YAML, errors with line and column.
  const bad = parseManifests('{\n  "kind": "Pod",\n  "apiVersion": "v1"\n  "metadata": {}\n}\n', 'bad.json');
  assert.equal(bad.ok, false);
  const flow = parseManifests('{apiVersion: v1, kind: Namespace, metadata: {name: x}}\n', 'flow.yaml');
  assert.ok(flow.ok);
});

test('JSON and YAML of the same objects give the same objects, and errors point at the same place', () => {
  const objs = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] }, status: { podIP: '10.0.0.5' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'skipped' } },
  ];
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objs }, null, 2);
  const fromJson = parseManifests(json, 'c.json');
  const fromYaml = parseManifests(stringify({ apiVersion: 'v1', kind: 'List', items: objs }), 'c.yaml');
  assert.ok(fromJson.ok && fromYaml.ok);
  const strip = (r: typeof fromJson) => (r.ok ? r.value.objects.map(({ source: _s, ...o }) => o) : []);
  assert.deepStrictEqual(strip(fromJson), strip(fromYaml));
  // The same JSON read as YAML (a leading comment makes it YAML) has the same sources and warnings.
  const asYaml = parseManifests(`# yaml\n${json}`, 'c.json');
  assert.ok(asYaml.ok && fromJson.ok);
  assert.deepStrictEqual(fromJson.value.objects.map((o) => o.source.line + 1), asYaml.value.objects.map((o) => o.source.line));
  const badJson = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [objs[0], { ...objs[1], spec: { containers: [{ name: 'c', image: 'nginx', portz: [] }] } }] }, null, 2);
  const e1 = parseManifests(badJson, 'b.json');
  const e2 = parseManifests(`# yaml\n${badJson}`, 'b.json');
  assert.ok(!e1.ok && !e2.ok);
  assert.deepStrictEqual(e1.errors.map((e) => [e.line + 1, e.col, e.message]), e2.errors.map((e) => [e.line, e.col, e.message]));
});
