// Manifest input is bounded wherever it enters (reach/explain -f, kubectl -f, grade --answers, lint, stdin),
// with a message naming the file and the limit: a 50 MB flow list or 13 million empty documents used to run
// out of memory after a minute at 4.5 GB.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { runCli, tempFiles } from './run-cli.ts';

const SIZE_MSG = 'file too large (more than 8 MiB): the limit is 8388608 bytes per file; split it into several files';
const DOCS_MSG = 'too many YAML documents (more than 10000): the limit is 10000 documents per manifest file; split it into several files';
const ENTRIES_MSG = 'too many lines and YAML entries (more than 300000): the limit is 300000 per manifest file; split it into several files';

/** Big inputs, written once: a 50 MB flow list, 8 MB of empty documents, 1.2 MB of flow entries. */
const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const flow50 = join(dir, 'flow50.yaml');
writeFileSync(flow50, `apiVersion: v1\nkind: List\nitems: [${'{},'.repeat(17_000_000)}]\n`);
const docs = join(dir, 'docs.yaml');
writeFileSync(docs, '---\n'.repeat(2_000_000));
const entries = join(dir, 'entries.yaml');
writeFileSync(entries, `apiVersion: v1\nkind: List\nitems: [${'{},'.repeat(400_000)}]\n`);

const quick = async (run: () => Promise<unknown>): Promise<void> => {
  const t = Date.now();
  await run();
  assert.ok(Date.now() - t < 3000, `refused in ${Date.now() - t} ms`);
};

test('reach and explain refuse oversized manifests before parsing them', async () => {
  await quick(async () => {
    const r = await runCli(['reach', '-f', flow50]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `error: ${flow50}: ${SIZE_MSG}\n`);
    assert.equal(r.stdout, '');
  });
  await quick(async () => {
    const r = await runCli(['reach', '-f', docs, '-o', 'json']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `error: ${docs}: ${DOCS_MSG}\n`);
  });
  await quick(async () => {
    const r = await runCli(['explain', '-f', entries, '--from', '1.2.3.4', '--to', '1.2.3.5']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `error: ${entries}: ${ENTRIES_MSG}\n`);
  });
});

test('a directory of manifests is checked file by file', async () => {
  const d = mkdtempSync(join(tmpdir(), 'netpol-dojo-limits-dir-'));
  writeFileSync(join(d, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
  writeFileSync(join(d, 'b.yaml'), '---\n'.repeat(20_000));
  const r = await runCli(['reach', '-f', d]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `error: ${join(d, 'b.yaml')}: ${DOCS_MSG}\n`);
});

test('stdin is read only up to the limit and refused like a file', async () => {
  let stderr = '';
  let asked = 0;
  const code = await main(['reach', '-f', '-'], {
    stdout: () => {}, stderr: (t) => { stderr += t; }, env: { NO_COLOR: '1' }, isTTY: false,
    readStdin: () => { asked++; return 'x'.repeat(8 * 1024 * 1024 + 1); },
  });
  assert.equal(code, 2);
  assert.equal(asked, 1);
  assert.equal(stderr, `error: <stdin>: ${SIZE_MSG}\n`);
});

test('kubectl apply -f refuses them with a kubectl-style error and changes nothing', async () => {
  const state = mkdtempSync(join(tmpdir(), 'netpol-dojo-limits-state-'));
  await quick(async () => {
    const r = await runCli(['kubectl', '--state', state, 'apply', '-f', docs]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error: ${docs}: ${DOCS_MSG}\n`);
  });
  await quick(async () => {
    const r = await runCli(['kubectl', '--state', state, 'create', '-f', flow50]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /file too large \(more than 8 MiB\)/);
  });
  const ns = await runCli(['kubectl', '--state', state, 'get', 'ns', '-o', 'name']);
  assert.equal(ns.stdout, 'namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
});

test('grade --answers refuses them', async () => {
  await quick(async () => {
    const r = await runCli(['grade', 'seed-deny-all', '--answers', entries]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `error: ${entries}: ${ENTRIES_MSG}\n`);
  });
  const r = await runCli(['grade', 'seed-deny-all', '--answers', flow50]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `error: ${flow50}: ${SIZE_MSG}\n`);
});

test('lint reports them as errors and goes on with the other files', async () => {
  const f = tempFiles({ 'ok.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' });
  await quick(async () => {
    const r = await runCli(['lint', flow50, docs, entries, f['ok.yaml']]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      `${flow50}:1:1: ${SIZE_MSG}`,
      `${docs}:1:1: ${DOCS_MSG}`,
      `${entries}:1:1: ${ENTRIES_MSG}`,
      'lint: checked 4 manifest files (0 policies): 3 errors, 0 warnings',
      '',
    ].join('\n'));
  });
});

test('a collection used as a mapping key is an input error, never a raw runtime warning on stderr', async () => {
  const f = tempFiles({ 'k.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ns}}\n' });
  const warnings: string[] = [];
  const onWarning = (w: Error) => { warnings.push(w.message); };
  process.on('warning', onWarning);
  try {
    const r = await runCli(['reach', '-f', f['k.yaml']]);
    await new Promise((res) => setImmediate(res)); // process warnings are emitted on the next tick
    assert.equal(r.code, 2);
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
  }
});
