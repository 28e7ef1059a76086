// More than ~125 000 errors or findings from one file: `push(...list)` overflowed the stack and the command
// died with "internal error: Maximum call stack size exceeded" (exit 70). One file stays within the input
// limits (300 000 entries) with 140 000 invalid List items, one error each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from './run-cli.ts';

const N = 140_000;
const f = tempFiles({ 'list.json': `{"apiVersion":"v1","kind":"List","items":[${Array(N).fill('{}').join(',')}]}\n` });

test('reach reports 140 000 errors from one file', async () => {
  const r = await runCli(['reach', '-f', f['list.json']]);
  assert.equal(r.code, 2);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, N);
  assert.match(lines[N - 1], /^error: .*list\.json:1:\d+: error validating data: \[apiVersion not set, kind not set\]$/);
});

test('lint reports 140 000 findings from one file', async () => {
  const r = await runCli(['lint', f['list.json']]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, N + 1);
  assert.equal(lines[N], `lint: checked 1 manifest file (0 policies): ${N} errors, 0 warnings`);
});
