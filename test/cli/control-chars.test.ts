// Nothing from input or content reaches the terminal as a raw control character: names in the reach matrix,
// kubectl output and errors, YAML parser messages, lint findings and pack titles all show "\x1b"-style text.
// Lint reports control characters in lesson and scenario text as errors with FILE:LINE.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { runCli, tempFiles, type CliRun } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'nd-ctl-')); dirs.push(d); return d; };

/** Any byte below 0x20 other than newline and tab, DEL, or a C1 control. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function clean(r: CliRun): CliRun {
  assert.doesNotMatch(r.stdout, RAW_CONTROL, `stdout: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  assert.doesNotMatch(r.stderr, RAW_CONTROL, `stderr: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  return r;
}

const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: "${name}", namespace: lab, labels: {app: a}}\nspec: {containers: [{name: c, image: nginx}]${extra}}\n`;

test('reach and explain: hostile names, keys, YAML bytes and SPECs come back escaped', async () => {
  const f = tempFiles({
    'ok.yaml': `${POD('a')}---\n${POD('b')}`,
    'name.yaml': POD('x\\e]0;pwned\\a'),
    'key.yaml': POD('a', ', "\\e[2J": 1'),
    'raw.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: a\u001b[2J, namespace: lab}\nspec: {containers: [{name: c, image: nginx}]}\n`,
    'broken.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: "a\u001b]8;;http://evil\u001b\\\\\n`,
    'kind.yaml': `apiVersion: v9\nkind: "Evil\\e[5m"\nmetadata: {name: a}\n---\n${POD('a')}`,
  });
  for (const file of ['name.yaml', 'key.yaml', 'raw.yaml', 'broken.yaml']) {
    const r = clean(await runCli(['reach', '-f', f[file]]));
    assert.equal(r.code, 2, file);
  }
  assert.match((await runCli(['reach', '-f', f['name.yaml']])).stderr, /The Pod "x\\x1b\]0;pwned\\a" is invalid/);
  assert.match((await runCli(['reach', '-f', f['key.yaml']])).stderr, /unknown field "spec\.\\x1b\[2J"/);
  clean(await runCli(['reach', '-f', f['kind.yaml']]));
  clean(await runCli(['reach', '-f', f['ok.yaml'], '--from', 'lab/\u001b[2J']));
  clean(await runCli(['explain', '-f', f['ok.yaml'], '--from', 'lab/a', '--to', '\u001b]0;x\u0007']));
  clean(await runCli(['reach', '-f', `${f['ok.yaml']}\u001b[2J`]));
  const ok = clean(await runCli(['reach', '-f', f['ok.yaml'], '-o', 'matrix']));
  assert.equal(ok.code, 0);
});

test('kubectl through the CLI: names are refused with the API server\'s message, output stays clean', async () => {
  const env = { NETPOL_DOJO_STATE: tmp() };
  let r = clean(await runCli(['kubectl', 'create', 'namespace', 'x\u001b]0;pwned\u0007'], env));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The Namespace "x\\x1b\]0;pwned\\a" is invalid: metadata\.name: Invalid value: "x\\x1b\]0;pwned\\a": a lowercase RFC 1123 label/);
  r = clean(await runCli(['kubectl', 'run', 'web', '--image=nginx\u001b[2J'], env));
  assert.equal(r.code, 0);
  r = clean(await runCli(['kubectl', 'describe', 'pod', 'web'], env));
  assert.match(r.stdout, /Image:\s+nginx\\x1b\[2J/);
  clean(await runCli(['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[0].spec.containers[0].image}'], env));
  clean(await runCli(['kubectl', 'get', '\u001b[2J'], env));
});

/** A copy of the fixture pack whose lesson and scenario text carry an OSC 0 title, a screen clear and an OSC 8 link. */
function hostilePack(): string {
  const dir = join(tmp(), 'pack');
  cpSync(join(ROOT, 'test/fixtures/pack'), dir, { recursive: true });
  const lesson = join(dir, 'lessons', '01-pack-hello.yaml');
  const text = `schemaVersion: 1
id: pack-hello
title: "Evil \\e]0;pwned\\a lesson"
summary: A lesson that attacks the terminal.
minutes: 2
steps:
  - kind: text
    body: |
      First line.
      Clear \u001b[2J the screen, and \u001b]8;;http://evil.example\u001b\\\\a link\u001b]8;;\u001b\\\\.
`;
  writeFileSync(lesson, text);
  mkdirSync(join(dir, 'scenarios'));
  return dir;
}

test('lint reports control characters in lesson text as errors with FILE:LINE, and prints them escaped', async () => {
  const dir = hostilePack();
  const r = clean(await runCli(['lint', dir]));
  assert.equal(r.code, 1);
  const file = join(dir, 'lessons', '01-pack-hello.yaml');
  assert.ok(r.stdout.includes(`${file}:3:8: title: contains the control character \\x1b: content must not hold terminal control characters`), r.stdout);
  assert.ok(r.stdout.includes(`${file}:10:13: steps[0].body: contains the control character \\x1b`), r.stdout);
  const list = clean(await runCli(['list', 'lessons', '--pack', dir]));
  assert.match(list.stdout, /Evil \\x1b\]0;pwned\\x07 lesson/);
});

test('lint reports control characters in scenario text (title, task) with FILE:LINE', async () => {
  const dir = tmp();
  const source = (await import('node:fs')).readFileSync(join(ROOT, 'scenarios', 'allow-all-to-pod.yaml'), 'utf8');
  const evil = source.replace(/^title: .*$/m, 'title: "Allow \\e[2J all"').replace(/^task: \|\n/m, 'task: |\n  Beware \u001b]0;t\u0007 here.\n');
  assert.notEqual(evil, source);
  writeFileSync(join(dir, 'allow-all-to-pod.yaml'), evil);
  const r = clean(await runCli(['lint', join(dir, 'allow-all-to-pod.yaml')]));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /allow-all-to-pod\.yaml:\d+:\d+: title: contains the control character \\x1b/);
  assert.match(r.stdout, /allow-all-to-pod\.yaml:\d+:\d+: task: contains the control character \\x1b/);
});

test('with colours on, netpol-dojo\'s own colour codes pass and everything else is escaped', async () => {
  const dir = hostilePack();
  let stdout = '';
  const code = await main(['lint', dir], { stdout: (t) => { stdout += t; }, stderr: () => {}, env: { TERM: 'xterm' }, isTTY: true });
  assert.equal(code, 1);
  assert.match(stdout, /\u001b\[31m/, 'red findings');
  assert.doesNotMatch(stdout.replace(/\u001b\[(?:1|2|22|31|32|39)m/g, ''), RAW_CONTROL);
});
