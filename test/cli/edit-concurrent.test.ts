// kubectl edit holds no lock while the editor is open; when the learner saves, the change goes onto the
// cluster as it is then. A concurrent change to another object is kept; a concurrent change to the edited
// object is a conflict (the learner's text is kept in a file, like kubectl does), never a silent overwrite.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../src/cli/io.ts';
import { runKubectlCommand } from '../../src/cli/kubectl-command.ts';
import type { Sandbox } from '../../src/kubectl/index.ts';

const CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** An $EDITOR that first runs `kubectl ARGS` in another process (on the same state), then adds a label. */
function editorScript(dir: string, concurrent: string): string {
  const script = join(dir, 'editor.sh');
  writeFileSync(script, [
    '#!/bin/sh',
    `${shq(process.execPath)} --import tsx ${shq(CHILD)} kubectl --state ${shq(join(dir, 'state'))} ${concurrent} >/dev/null || exit 9`,
    `sed -i 's/^    run: web$/    run: web\\n    edited: "yes"/' "$1"`,
  ].join('\n'));
  return `sh ${script}`;
}

async function kubectl(dir: string, editor: string, ...args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, env: { EDITOR: editor }, isTTY: false };
  const code = await runKubectlCommand(['--state', join(dir, 'state'), ...args], io);
  return { code, ...out };
}

function labels(dir: string, name: string): Record<string, string> | undefined {
  const sb = JSON.parse(readFileSync(join(dir, 'state', 'cluster.json'), 'utf8')) as Sandbox;
  const o = sb.objects.find((x) => x.kind === 'Pod' && x.name === name);
  return o ? (o.manifest.metadata as { labels?: Record<string, string> }).labels ?? {} : undefined;
}

test('a change to another object while the editor is open is kept, and the edit is applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-edit-'));
  try {
    assert.equal((await kubectl(dir, 'true', 'run', 'web', '--image=nginx')).code, 0);
    const r = await kubectl(dir, editorScript(dir, 'create namespace side'), 'edit', 'pod', 'web');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'pod/web edited\n');
    assert.equal(r.code, 0);
    assert.deepEqual(labels(dir, 'web'), { run: 'web', edited: 'yes' });
    const sb = JSON.parse(readFileSync(join(dir, 'state', 'cluster.json'), 'utf8')) as Sandbox;
    assert.ok(sb.objects.some((o) => o.kind === 'Namespace' && o.name === 'side'), 'the concurrent namespace survives');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a change to the edited object while the editor is open is a conflict; the learner\'s text is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-edit-'));
  try {
    assert.equal((await kubectl(dir, 'true', 'run', 'web', '--image=nginx')).code, 0);
    const r = await kubectl(dir, editorScript(dir, 'label pod web other=1'), 'edit', 'pod', 'web');
    assert.equal(r.code, 1);
    const m = /^A copy of your changes has been stored to "(.+)"\nerror: Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again\n$/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.match(readFileSync(m[1], 'utf8'), /edited: "yes"/);
    rmSync(m[1], { force: true });
    assert.deepEqual(labels(dir, 'web'), { run: 'web', other: '1' }, 'the concurrent label is not overwritten');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('an edited object deleted while the editor is open is reported as not found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-edit-'));
  try {
    assert.equal((await kubectl(dir, 'true', 'run', 'web', '--image=nginx')).code, 0);
    const r = await kubectl(dir, editorScript(dir, 'delete pod web'), 'edit', 'pod', 'web');
    assert.equal(r.code, 1);
    const m = /^A copy of your changes has been stored to "(.+)"\nError from server \(NotFound\): pods "web" not found\n$/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.ok(existsSync(m[1]));
    rmSync(m[1], { force: true });
    assert.equal(labels(dir, 'web'), undefined);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
