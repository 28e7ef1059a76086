// Property-based fuzzing of the whole input path: manifests (structured objects serialised as YAML/JSON, and
// mutated raw text) → kubectl apply/create on a sandbox → get -A, get -o yaml/json, describe, explain → reach
// (matrix, -o json, --from/--to) → explain → lint. Every invocation returns from main(), exits 0, 1 or 2, prints
// no raw control character but \n and \t, stays within a CPU-time budget, prints no JavaScript internals and
// prints parseable JSON for -o json. Generators: arbitraries.ts, cases.ts; the property: properties.ts.
// `npm run fuzz` (scripts/fuzz.ts) runs the same property for minutes.
// Fixed seed so CI is reproducible; FUZZ_SEED=S FUZZ_RUNS=N override it (a failure prints the seed to use).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { runCli, tempFiles } from '../cli/run-cli.ts';
import { caseText, catchingWarnings, cliProperty, KNOWN_ISSUES, problemsOf, RAW_CONTROL, type FuzzOptions } from './properties.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20250301);
/** About 5 s on a busy 2-core machine: a case is ~10 CLI invocations, ~80 ms of CPU time. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const OPTS: FuzzOptions = { budgetMs: 3000, checkJson: true };

test('the fuzz checks flag what they should and pass what they should', () => {
  const ok = { code: 0, stdout: 'a\tb\n', stderr: '' };
  const kinds = (r: { code: number; stdout: string; stderr: string }, argv = ['reach'], cpuMs = 1, warnings: string[] = []) =>
    problemsOf(argv, r, { cpuMs, wallMs: cpuMs }, warnings, { ...OPTS, known: [] }).map((p) => p.kind);
  assert.deepEqual(kinds(ok), []);
  assert.deepEqual(kinds({ ...ok, code: 2, stderr: 'error: x\\x1b[2J\n' }), []);
  assert.deepEqual(kinds({ ...ok, code: 70, stderr: 'netpol-dojo: internal error: boom\n' }), ['internal error']);
  assert.deepEqual(kinds({ ...ok, code: 3 }), ['exit code']);
  for (const c of ['\u0000', '\u0007', '\r', '\u001b', '\u007f', '\u0085', '\u009b']) {
    assert.deepEqual(kinds({ ...ok, stdout: `x${c}y` }), ['raw control character'], JSON.stringify(c));
    assert.deepEqual(kinds({ ...ok, stderr: `x${c}y` }), ['raw control character'], JSON.stringify(c));
  }
  assert.deepEqual(kinds(ok, ['reach'], 5000), ['time budget']);
  assert.deepEqual(kinds({ ...ok, stdout: '{"a": "\\x7f"}' }, ['reach', '-o', 'json']), ['invalid JSON output']);
  assert.deepEqual(kinds({ ...ok, stdout: '{"a": "\\u007f"}' }, ['reach', '-o', 'json']), []);
  assert.deepEqual(kinds({ ...ok, stdout: 'function toString() { [native code] }' }, ['kubectl', '--state', 'S', 'get', 'pods', '-o', 'jsonpath={.toString}']), ['JavaScript internals in the output']);
  assert.deepEqual(kinds({ ...ok, stdout: 'labels: [object Object]\n' }), ['JavaScript internals in the output']);
  const known = [{ id: 'slow', description: 'a known slowness', tolerate: (_: readonly string[], p: { kind: string }) => p.kind === 'time budget' }];
  assert.deepEqual(problemsOf(['reach'], ok, { cpuMs: 5000, wallMs: 5000 }, [], { ...OPTS, known }), []);
  assert.deepEqual(kinds(ok, ['lint'], 1, ['Keys with collection values will be stringified due to JS Object restrictions: "{ \\"\u0085\\": 1 }".']), ['raw control character in a process warning']);
});

test(`fuzz: ${RUNS} random cases of manifests and command lines (seed ${SEED})`, { timeout: 300_000 }, async (t) => {
  const codes = new Map<number, number>();
  let invocations = 0;
  const t0 = performance.now();
  const r = await fc.check(cliProperty({ ...OPTS, onInvocation: (_, code) => { invocations++; codes.set(code, (codes.get(code) ?? 0) + 1); } }), {
    seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: false,
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const known = KNOWN_ISSUES.length ? ` (+${r.numSkips} skipped as known issues: ${KNOWN_ISSUES.map((k) => k.id).join(', ')})` : '';
  t.diagnostic(`${r.numRuns} runs${known}, ${invocations} invocations in ${secs} s; exit codes ${[...codes].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
  if (r.failed) {
    const e = r.errorInstance;
    assert.fail(`the fuzz property failed: seed ${r.seed}, path ${r.counterexamplePath}, after ${r.numRuns} runs and ${r.numShrinks} shrinks\n`
      + `rerun: FUZZ_SEED=${r.seed} node scripts/run-tests.mjs test/fuzz/cli-fuzz.test.ts, or node --import tsx scripts/fuzz.ts --seed ${r.seed} --path ${r.counterexamplePath} --runs 1\n`
      + `${e instanceof Error ? e.message : String(e)}\ncounterexample (shrunk):\n${r.counterexample ? caseText(r.counterexample[0]) : '?'}`);
  }
  assert.ok(r.numRuns > 0);
});

// ---- regressions: failure classes this fuzzer found (and their minimal counterexamples), fixed since ----

async function timed(argv: string[], env: Record<string, string> = {}) {
  const cpu0 = process.cpuUsage();
  const { value, warnings } = await catchingWarnings(() => runCli(argv, env));
  const cpu = process.cpuUsage(cpu0);
  return { ...value, warnings, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `fn` with the paths of `files` written to a temp dir (and that dir), then removes the dir. */
async function withFiles(files: Record<string, string>, fn: (paths: string[], dir: string) => Promise<void>): Promise<void> {
  const paths = Object.values(tempFiles(files));
  try {
    await fn(paths, dirname(paths[0]));
  } finally {
    rmSync(dirname(paths[0]), { recursive: true, force: true });
  }
}

// The yaml package's toJS stringifies a collection used as a mapping key, super-linear in its depth: `? ` × 300
// (602 bytes) took 3.3 s of CPU in reach and 6.6 s in lint, × 400 14 s and 29 s; `{` × 300 + `}` × 300 the same;
// a broken document whose error recovery made a deep key took lint 1.5 s (lint converted documents with errors).
test('collection keys are refused quickly by reach, explain, lint and kubectl apply/create', async () => {
  for (const text of [`${'? '.repeat(300)}a\n`, `${'{'.repeat(300)}${'}'.repeat(300)}\n`, `- ? ${'{a: '.repeat(400)}1${'}'.repeat(400)}\n  : x\n`]) {
    await withFiles({ 'keys.yaml': text }, async ([f], dir) => {
      for (const argv of [['reach', '-f', f], ['explain', '-f', f, '--from', 'a/b', '--to', 'a/c'], ['lint', f], ['kubectl', '--state', join(dir, 'state'), 'apply', '-f', f], ['kubectl', '--state', join(dir, 'state'), 'create', '-f', f]]) {
        const r = await timed(argv);
        assert.ok([1, 2].includes(r.code), `${argv[0]}: exit ${r.code}`);
        assert.ok(r.cpuMs < 1500, `${argv.slice(0, 4).join(' ')} on ${text.length} bytes took ${Math.round(r.cpuMs)} ms of CPU time`);
      }
    });
  }
});

// The same keys made the yaml package call process.emitWarning("Keys with collection values will be stringified
// …"), which Node prints on the real stderr, outside the CLI's escaping, with the key's DEL and C1 controls raw.
test('a collection key prints no process warning (it would bypass the escaping of stderr)', async () => {
  await withFiles({ 'key.yaml': '? {"a\\x7fb\\u0085c\\u009b2J": 1}\n: x\n' }, async ([f], dir) => {
    for (const argv of [['reach', '-f', f], ['lint', f], ['kubectl', '--state', join(dir, 'state'), 'apply', '-f', f]]) {
      const r = await timed(argv);
      assert.ok([1, 2].includes(r.code), `${argv[0]}: exit ${r.code}`);
      assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL);
      assert.deepEqual(r.warnings, [], argv[0]);
    }
  });
});

// JSON.stringify leaves DEL as it is; the CLI's output escaping then wrote "\x7f", not a JSON escape.
test('-o json stays valid JSON, with the same value, when a string holds DEL or a C1 control', async () => {
  await withFiles({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, annotations: {note: "\\u0085\\u009b2J"}}\nspec: {containers: [{name: c, image: "\\x7f"}]}\n' }, async ([f], dir) => {
    const state = join(dir, 'state');
    const applied = await timed(['kubectl', '--state', state, 'apply', '-f', f, '-o', 'json']);
    assert.equal(applied.code, 0, applied.stderr);
    assert.doesNotMatch(applied.stdout, RAW_CONTROL);
    assert.equal(JSON.parse(applied.stdout).spec.containers[0].image, '\u007f');
    const got = await timed(['kubectl', '--state', state, 'get', 'pods', '-o', 'json']);
    const pod = JSON.parse(got.stdout).items[0];
    assert.equal(pod.spec.containers[0].image, '\u007f');
    assert.equal(pod.metadata.annotations.note, '\u0085\u009b2J');
  });
});

// `in` follows the prototype chain: {.toString} printed "function toString() { [native code] }".
test('-o jsonpath finds only the object\'s own fields, never inherited JavaScript properties', async () => {
  await withFiles({ 'x': '' }, async (_, dir) => {
    for (const template of ['{.toString}', '{.constructor}', '{.items[*].metadata.__proto__}', '{.hasOwnProperty}']) {
      const r = await timed(['kubectl', '--state', join(dir, 'state'), 'get', 'pods', '-A', '-o', `jsonpath=${template}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /native code|\{\}/, template);
    }
  });
});
