// A mock exam killed with SIGKILL after an apply resumes with its cluster and its time: the time while
// nothing ran is not counted. Runs the real CLI in a pseudo-terminal (util-linux `script`); skipped without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPackageRoot } from '../../src/cli/paths.ts';

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const BIN = join(ROOT, 'bin', 'netpol-dojo.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => T | undefined, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function startExam(env: NodeJS.ProcessEnv, args: string): ChildProcess {
  // `script` gives the exam a terminal; its own process group so the test can kill the whole tree.
  return spawn('script', ['-qfec', `${process.execPath} ${BIN} exam ${args}`, '/dev/null'], { env, detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
}

function session(dir: string): { usedMs: number; current: number } | undefined {
  try { return JSON.parse(readFileSync(join(dir, 'exam.json'), 'utf8')); } catch { return undefined; }
}

test('kill -9 during an exam, then --resume: the cluster and the time used are intact, the pause is not counted', { skip: hasScript ? false : 'util-linux `script` is not installed' }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'nd-exam-'));
  const env = { ...process.env, NETPOL_DOJO_DATA_DIR: data, NETPOL_DOJO_CONFIG_DIR: join(data, 'conf'), TERM: 'xterm', NO_COLOR: '1' };
  const dir = join(data, 'exams', 'current');
  let child = startExam(env, '--set cks-mock-1 --seed 5 --minutes 30');
  try {
    await until('the exam to start', () => (session(dir)?.usedMs ?? 0) >= 1000 ? true : undefined);
    const policy = join(data, 'deny.yaml');
    writeFileSync(policy, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: secure-deny-all, namespace: secure}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n');
    const applied = spawnSync(join(dir, 'bin', 'kubectl'), ['apply', '-f', policy], { env, encoding: 'utf8' });
    assert.equal(applied.stdout, 'networkpolicy.networking.k8s.io/secure-deny-all created\n', applied.stderr);
    await sleep(1200);
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = session(dir)!;
    assert.ok(before.usedMs >= 1000);
    await sleep(3000); // nothing runs: the clock must not move
    const t0 = Date.now();
    child = startExam(env, '--resume');
    await until('the resumed exam to tick', () => ((session(dir)?.usedMs ?? 0) > before.usedMs ? true : undefined));
    await sleep(1000);
    const after = session(dir)!;
    const wall = Date.now() - t0;
    // Only time since the resume counts: the 3 s while nothing ran (before t0) would push this over.
    assert.ok(after.usedMs - before.usedMs <= wall + 1100, `+${after.usedMs - before.usedMs} ms of exam time in ${wall} ms since the resume`);
    const state = JSON.parse(readFileSync(join(dir, 'clusters', 'k8s-t1', 'cluster.json'), 'utf8')) as { objects: { kind: string; name: string }[] };
    assert.ok(state.objects.some((o) => o.kind === 'NetworkPolicy' && o.name === 'secure-deny-all'), 'the applied policy survived');
    const resumedAgain = spawnSync(process.execPath, [BIN, 'exam', '--set', 'cks-mock-1'], { env, encoding: 'utf8' });
    assert.equal(resumedAgain.status, 2, 'no TTY here, so the CLI refuses before touching the exam');
    assert.ok(existsSync(join(dir, 'exam.json')));
  } finally {
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(data, { recursive: true, force: true });
  }
});
