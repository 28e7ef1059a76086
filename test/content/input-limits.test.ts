// The bounds checked before manifest text reaches the YAML parser: an 8 MiB file of `---` lines or of
// `{},` entries used to take over a minute and ~4 GB; 13 million empty documents ran out of memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  manifestSizeProblem, manifestTextProblem, MAX_FLOW_NESTING, MAX_MANIFEST_BYTES, MAX_MANIFEST_DOCUMENTS, MAX_MANIFEST_ENTRIES,
} from '../../src/content/input-limits.ts';
import { parseFileText } from '../../src/kubectl/files.ts';
import { lintManifestFiles } from '../../src/grader/lint-manifests.ts';

const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: n${i % 10}, labels: {app: a${i % 7}}}\nspec: {containers: [{name: c, image: nginx}]}\n`;

test('ordinary manifests pass, including thousands of pods', () => {
  assert.equal(manifestTextProblem(''), undefined);
  assert.equal(manifestTextProblem(pod(1)), undefined);
  assert.equal(manifestTextProblem(Array.from({ length: 5000 }, (_, i) => pod(i)).join('---\n')), undefined);
  assert.equal(manifestTextProblem(`---\n${pod(1)}...\n---\n${pod(2)}`), undefined);
  assert.equal(manifestSizeProblem(MAX_MANIFEST_BYTES), undefined);
});

test('too large: more than 8 MiB, counted in UTF-8 bytes', () => {
  const t = Date.now();
  assert.match(manifestTextProblem('#'.repeat(MAX_MANIFEST_BYTES + 1)) ?? '', /^file too large \(more than 8 MiB\): the limit is 8388608 bytes per file/);
  assert.match(manifestTextProblem('é'.repeat(MAX_MANIFEST_BYTES / 2 + 1)) ?? '', /file too large/, '2 bytes each');
  assert.equal(manifestTextProblem('é'.repeat(MAX_MANIFEST_BYTES / 2 - 8)), undefined);
  assert.match(manifestSizeProblem(50 * 1024 * 1024) ?? '', /file too large/);
  assert.ok(Date.now() - t < 2000);
});

test('too many documents: counted from the markers, cheaply', () => {
  const t = Date.now();
  assert.match(manifestTextProblem('---\n'.repeat(MAX_MANIFEST_DOCUMENTS + 1)) ?? '', /^too many YAML documents \(more than 10000\): the limit is 10000 documents per manifest file/);
  assert.match(manifestTextProblem('---\n'.repeat(2_000_000)) ?? '', /too many YAML documents/, '8 MB of empty documents');
  assert.match(manifestTextProblem('...\n'.repeat(MAX_MANIFEST_DOCUMENTS + 1)) ?? '', /too many YAML documents/);
  assert.equal(manifestTextProblem('---\n'.repeat(MAX_MANIFEST_DOCUMENTS)), undefined);
  assert.equal(manifestTextProblem('a: "---"\nb: ----\n'.repeat(1000)), undefined, 'not markers');
  assert.ok(Date.now() - t < 2000);
});

test('too many entries: lines, flow entries and block indicators', () => {
  const t = Date.now();
  const flow = `apiVersion: v1\nkind: List\nitems: [${'{},'.repeat(MAX_MANIFEST_ENTRIES)}]\n`;
  assert.match(manifestTextProblem(flow) ?? '', /^too many lines and YAML entries \(more than 300000\)/);
  assert.match(manifestTextProblem(`items:\n${'- {}\n'.repeat(MAX_MANIFEST_ENTRIES)}`) ?? '', /too many lines and YAML entries/);
  assert.match(manifestTextProblem(`${'- '.repeat(MAX_MANIFEST_ENTRIES)}a\n`) ?? '', /too many lines and YAML entries/);
  assert.match(manifestTextProblem(`${'a: '.repeat(MAX_MANIFEST_ENTRIES)}b\n`) ?? '', /too many lines and YAML entries/);
  assert.equal(manifestTextProblem(`items: [${'{},'.repeat(100_000)}]\n`), undefined);
  assert.ok(Date.now() - t < 2000);
});

test('flow collections nested too deeply (the YAML parser ran out of memory at 300 000 levels)', () => {
  assert.match(manifestTextProblem('['.repeat(MAX_FLOW_NESTING + 1) + ']'.repeat(MAX_FLOW_NESTING + 1)) ?? '', /nested too deeply \(more than 1000 levels\)/);
  assert.match(manifestTextProblem('{a: '.repeat(200_000)) ?? '', /nested too deeply|too many/);
  assert.equal(manifestTextProblem('[[[]]], '.repeat(10_000)), undefined);
});

test('the simulated kubectl refuses such text before parsing it, naming the file', () => {
  const t = Date.now();
  const r = parseFileText('---\n'.repeat(1_000_000), 'empty-docs.yaml', 'default', false);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /^error: empty-docs\.yaml: too many YAML documents/);
  const big = parseFileText('x'.repeat(MAX_MANIFEST_BYTES + 10), 'big.yaml', 'default', false);
  assert.match(!big.ok ? big.error : '', /^error: big\.yaml: file too large/);
  assert.ok(Date.now() - t < 2000);
});

test('lint reports such a manifest file as an error at line 1', () => {
  const r = lintManifestFiles([{ file: 'flow.yaml', text: `items: [${'{},'.repeat(400_000)}]` }, { file: 'ok.yaml', text: pod(1) }]);
  assert.deepEqual(r.findings.map((f) => [f.severity, f.file, f.line, f.message.split(':')[0]]), [['error', 'flow.yaml', 1, 'too many lines and YAML entries (more than 300000)']]);
  assert.equal(r.objects, 1);
});
