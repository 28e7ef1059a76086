// A reader that goes away (`netpol-dojo … | head -1`) used to crash the process with an unhandled EPIPE
// error and a stack trace (exit 1). Now output stops quietly and the exit code is the command's own.
// These run the real entry (src/cli/entry.ts) in a shell pipeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempFiles } from './run-cli.ts';

const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const CLI = `${q(process.execPath)} --import tsx ${q(ENTRY)}`;

/** Runs `pipeline` in bash; the last stderr line is the netpol-dojo side's exit status (PIPESTATUS[0]). */
function pipeline(script: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('bash', ['-c', `${script}; echo "status=\${PIPESTATUS[0]}" >&2`], {
    encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.error, undefined);
  const m = /status=(\d+)\n?$/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr.slice(0, m.index), status: Number(m[1]) };
}

function pods(n: number, namespaces = true, prefix = 'pod'): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: ${prefix}-${i}, ${namespaces ? `namespace: ns-${i % 5}, ` : ''}labels: {app: a${i % 7}}}\nspec: {containers: [{name: c, image: nginx}]}\n`);
  return docs.join('---\n');
}

test('reach piped into head: the first line, no error, exit 0', () => {
  const f = tempFiles({ 'big.yaml': pods(600) });
  const matrix = pipeline(`${CLI} reach -f ${q(f['big.yaml'])} | head -1`);
  assert.equal(matrix.stderr, '', 'no EPIPE trace');
  assert.equal(matrix.status, 0);
  assert.equal(matrix.stdout, 'port 80/TCP: rows are sources (from), columns are destinations (to)\n');
  // The JSON is one line of 18 MB: read its first 40 bytes.
  const json = pipeline(`${CLI} reach -f ${q(f['big.yaml'])} -o json | head -c 40`);
  assert.equal(json.stderr, '', 'no EPIPE trace');
  assert.equal(json.status, 0);
  assert.equal(json.stdout, '{"port":80,"protocol":"TCP","results":[{');
});

test('kubectl get pods -A on a large sandbox piped into head -1', async () => {
  const state = mkdtempSync(join(tmpdir(), 'netpol-dojo-epipe-'));
  // ~125 KB of output: more than the pipe holds, so writes go on after head has gone.
  const f = tempFiles({ 'pods.yaml': pods(600, false, `a-pod-with-a-long-name-so-that-rows-are-wide-${'x'.repeat(80)}`) });
  const applied = await runCli(['kubectl', '--state', state, 'apply', '-f', f['pods.yaml']]);
  assert.equal(applied.code, 0, applied.stderr);
  const r = pipeline(`${CLI} kubectl --state ${q(state)} get pods -A | head -1`);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^NAMESPACE\s+NAME\s+READY/);
  const all = await runCli(['kubectl', '--state', state, 'get', 'pods', '-A']);
  assert.ok(all.stdout.length > 100_000, `${all.stdout.length} bytes`);
});

test('a closed stderr (warnings into head -1) is quiet too', () => {
  // 3,000 ConfigMaps: one "skipping" warning each on stderr, stdout thrown away.
  const cms = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\n`).join('---\n');
  const f = tempFiles({ 'cms.yaml': `${pods(2)}---\n${cms}` });
  const r = pipeline(`${CLI} reach -f ${q(f['cms.yaml'])} 2>&1 >/dev/null | head -1`);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Warning: /);
  assert.equal(r.stdout.split('\n').length, 2);
});

test('a command that fails still exits with its own code when the reader has gone', () => {
  const r = pipeline(`${CLI} reach -f /nonexistent/x.yaml 2>&1 | head -0`);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, '');
});

test('stdin is read up to the manifest limit: an endless stream is refused, not read forever', () => {
  const r = pipeline(`cat /dev/zero | ${CLI} reach -f - 2>&1 | head -c 300`);
  // PIPESTATUS[0] is cat's here (killed by SIGPIPE once netpol-dojo stopped reading): the message is what counts.
  assert.equal(r.stdout, 'error: <stdin>: file too large (more than 8 MiB): the limit is 8388608 bytes per file; split it into several files\n');
});
