// The drill: reducer with a fake clock (timeout), and a full drill in ink-testing-library: a second
// terminal changes the cluster (live ✓), the exam terminal runs kubectl as the shim does on a file a fake
// editor wrote, submit, results, progress.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { readScenarioDir } from '../../src/content/load.ts';
import { assembleScenarios } from '../../src/content/scenarios.ts';
import type { Scenario } from '../../src/content/scenario-types.ts';
import { runKubectl, type Sandbox } from '../../src/kubectl/index.ts';
import { startSession } from '../../src/practice/drill.ts';
import { gradeCluster, kubectlArgs, matchingWrongAnswers, prepareScenario } from '../../src/practice/task-run.ts';
import { matrixGrid } from '../../src/practice/lesson-run.ts';
import { emptyProgress } from '../../src/progress/model.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { DrillApp } from '../../src/ui/drill-app.tsx';
import type { DrillDeps, DrillHandle } from '../../src/ui/drill-deps.ts';
import { initialDrillState, reduceDrill } from '../../src/ui/drill-state.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { waitFor } from './helpers.ts';

afterEach(() => cleanup());

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const read = readScenarioDir(join(ROOT, 'scenarios'));
if (!read.ok) throw new Error(read.error);
const SCENARIOS = assembleScenarios(read.files).scenarios;
const T0 = '2025-03-01T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: secure-deny-all, namespace: secure}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';

/** An in-memory drill: the cluster and workspace live in variables; the terminal is a script. */
function fakeDrill(clock: { now: string }, terminal: (h: { run: (cmd: string) => string; write: (p: string, t: string) => void }) => void) {
  let onChange: (() => void) | undefined;
  let state: Sandbox | undefined;
  const files = new Map<string, string>();
  const run = (cmd: string): string => {
    const r = runKubectl(state!, kubectlArgs(cmd), { now: clock.now, readFile: (p) => files.get(p) });
    state = r.sandbox;
    return r.stdout + r.stderr;
  };
  const deps: DrillDeps & { second: (cmd: string, file: string) => string; store: ReturnType<typeof memoryStore> } = {
    now: () => clock.now,
    scenarios: SCENARIOS,
    store: memoryStore(),
    color: false,
    size: { columns: 100, rows: 60 },
    tickMs: 10,
    /** Another terminal on the same drill: writes a file, runs kubectl, and the watcher fires. */
    second(cmd, file) { files.set('ingress.yaml', file); const out = run(cmd); onChange?.(); return out; },
    open(id, _seed, _fresh) {
      const sc = SCENARIOS.find((s) => s.id === id)!;
      const p = prepareScenario(sc, clock.now);
      if (!p.ok) return { ok: false, error: p.error };
      const task = p.task;
      state = task.initial;
      const handle: DrillHandle = {
        session: startSession(sc, clock.now), scenario: sc, workspace: '/ws', resumed: false,
        grade: () => {
          const report = gradeCluster(task, state!, Object.fromEntries(files));
          return { report, feedback: matchingWrongAnswers(task, sc.wrongAnswers, state!, report, clock.now) };
        },
        saveSession: () => undefined,
        resetCluster: () => { state = task.initial; },
        grids: (port, protocol) => ({ start: matrixGrid(task.initial, 'secure', port, protocol), now: matrixGrid(state!, 'secure', port, protocol) }),
        gridPorts: () => [{ port: 80, protocol: 'TCP' }],
        watch: (cb) => { onChange = cb; return () => { onChange = undefined; }; },
        openTerminal: async () => { terminal({ run, write: (p, t) => files.set(p, t) }); return { ok: true }; },
        close: () => undefined,
      };
      return { ok: true, handle };
    },
  };
  return deps;
}

test('a full drill: live checks from a second terminal, the exam terminal, submit, results and progress', async () => {
  const clock = { now: T0 };
  const shell: string[] = [];
  const deps = fakeDrill(clock, ({ run, write }) => {
    write('deny.yaml', DENY_ALL); // the fake editor saves the learner's file
    shell.push(run('kubectl apply -f deny.yaml')); // what the kubectl shim runs
  });
  const app = render(<DrillApp deps={deps} progress={emptyProgress} openId="seed-deny-all" />);
  let f = await waitFor(app.lastFrame, 'Checks (live: 0/');
  assert.match(f, /seed-deny-all · /);
  assert.match(f, /time left 0[23]:\d\d/);
  assert.match(f, /✗ no connection into a pod of secure/);
  // A second terminal (eval "$(netpol-dojo env)") applies an ingress-only deny: that check turns ✓.
  assert.match(deps.second('apply -f ingress.yaml', DENY_ALL.replace('[Ingress, Egress]', '[Ingress]')), /secure-deny-all created/);
  f = await waitFor(app.lastFrame, /✓ no connection into a pod of secure/);
  assert.match(f, /✗ no connection out of a pod of secure/);
  // The exam terminal: the file is written, kubectl applies it; back on screen every check is ✓.
  app.stdin.write('t');
  f = await waitFor(app.lastFrame, /Checks \(live: 5\/5 pts\)/);
  assert.match(shell[0], /networkpolicy.networking.k8s.io\/secure-deny-all (configured|created)/);
  clock.now = at(95_000);
  app.stdin.write('s');
  f = await waitFor(app.lastFrame, 'PASSED');
  assert.match(f, /score 100\/100/);
  assert.match(f, /time 01:35 of 03:00, submitted/);
  assert.match(f, /Reference solution/);
  const saved = deps.store.saved.at(-1)!;
  assert.equal(saved.drills?.['seed-deny-all']?.bestScore, 100);
  assert.equal(saved.drills?.['seed-deny-all']?.bestTimeMs, 95_000);
});

test('at zero the attempt is graded as it stands (fake clock)', async () => {
  const clock = { now: T0 };
  const deps = fakeDrill(clock, () => undefined);
  const app = render(<DrillApp deps={deps} progress={emptyProgress} openId="seed-deny-all" />);
  await waitFor(app.lastFrame, 'Checks (live: 0/');
  clock.now = at(3 * 60_000 + 1);
  const f = await waitFor(app.lastFrame, 'NOT PASSED');
  assert.match(f, /score 0\/100/);
  assert.match(f, /time 03:00 of 03:00, time ran out; graded as it stood/);
  assert.equal(deps.store.saved.at(-1)?.drills?.['seed-deny-all']?.attempts, 1);
});

test('reducer: hints cost points, reset asks first, the picker filters by topic and difficulty, a tick past the limit ends the drill', () => {
  const sc = SCENARIOS.find((s) => s.id === 'seed-deny-all') as Scenario;
  const p = prepareScenario(sc, T0);
  assert.ok(p.ok);
  const grade = { report: gradeCluster(p.task, p.task.reference), feedback: [] };
  let s = initialDrillState(SCENARIOS, emptyProgress);
  s = reduceDrill(s, { type: 'input', input: 'd', key: {}, now: T0 });
  assert.equal(s.difficulty, 1);
  s = reduceDrill(s, { type: 'input', input: '', key: { return: true }, now: T0 });
  assert.equal(s.effect?.kind, 'open');
  s = reduceDrill(s, { type: 'opened', scenario: sc, session: startSession(sc, T0), grade, resumed: false });
  s = reduceDrill(s, { type: 'input', input: '?', key: {}, now: T0 });
  assert.equal(s.session?.hintsShown, 1);
  s = reduceDrill(s, { type: 'input', input: 'r', key: {}, now: T0 });
  assert.equal(s.confirmReset, true);
  s = reduceDrill(s, { type: 'input', input: 'n', key: {}, now: T0 });
  assert.equal(s.confirmReset, false);
  assert.equal(s.effect, undefined);
  s = reduceDrill(s, { type: 'tick', now: at(60_000) });
  assert.equal(s.screen, 'drill');
  s = reduceDrill(s, { type: 'tick', now: at(sc.minutes * 60_000 + 5) });
  assert.equal(s.screen, 'results');
  assert.equal(s.session?.finished?.reason, 'timeout');
  assert.equal(s.session?.finished?.score, 90, 'one hint cost 10 points');
  assert.equal(s.progress.drills?.[sc.id]?.lastScore, 90);
});
