import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.tsx';
import { memoryStore } from '../../src/progress/store.ts';
import { emptyProgress } from '../../src/progress/model.ts';
import { DENY_ALL_YAML, lessons } from '../fixtures/ui/lessons.ts';
import { fakeEditor, testDeps } from '../fixtures/ui/fakes.ts';
import { KEY, waitFor } from './helpers.ts';
import { lessonRunner } from '../../src/ui/lesson-runner.ts';
import type { Lesson } from '../../src/content/lesson-types.ts';
import { PREDICT_SETUP } from '../fixtures/predict-cluster.ts';

const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'nd-ui-')); dirs.push(d); return d; };
afterEach(() => { cleanup(); for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** Sends a key and waits until the frame changes to one matching `pred`. */
async function press(app: ReturnType<typeof render>, key: string, pred: string | RegExp | ((f: string) => boolean)): Promise<string> {
  app.stdin.write(key);
  return waitFor(app.lastFrame, pred);
}

test('the home screen lists the course with minutes and status, and opens a lesson', async () => {
  const deps = testDeps({ dir: tmp() });
  const app = render(<App deps={deps} lessons={lessons} progress={emptyProgress} />);
  const home = await waitFor(app.lastFrame, 'Lessons');
  assert.match(home, /› 1\. Deny all in a namespace\s+10 min/);
  assert.match(home, / 2\. Selective egress\s+12 min/);
  assert.match(home, /0 of 2 done/);
  assert.match(home, /The first policy\./, 'the selected lesson\'s summary');
  assert.match(home, /netpol-dojo kubectl get pods -A/);
  assert.match(home, /↑\/↓ choose {2}Enter open {2}d drills {2}p progress {2}q quit/);
  const f = await press(app, KEY.down, /› 2\. Selective egress/);
  assert.match(f, /Allow one path\./);
  assert.match(f, / {2}1\. Deny all/);
  const opened = await press(app, KEY.enter, 'step 1/2');
  assert.match(opened, /Selective egress/);
  assert.match(opened, /Egress rules list where a pod may connect to/);
});

test('playing a lesson to the end marks it done and saves every step', async () => {
  const store = memoryStore();
  const deps = testDeps({ dir: tmp(), store });
  const app = render(<App deps={deps} lessons={lessons} progress={emptyProgress} />);
  await waitFor(app.lastFrame, 'Lessons');
  let f = await press(app, KEY.enter, 'step 1/6 · read');
  assert.match(f, /Pods talk freely/);
  assert.match(f, /By default every pod can reach every other pod\./);
  assert.match(f, /• an empty selector selects all pods/);
  assert.match(f, /1\. write the policy/);
  assert.match(f, /←\/→ step {2}b course {2}q quit/);
  f = await press(app, KEY.right, 'step 2/6 · example');
  assert.match(f, /An empty podSelector selects every pod/);
  assert.match(f, /podSelector: \{\}/);
  assert.match(f, /\$ kubectl apply -f example\.yaml/);
  assert.match(f, /networkpolicy\.networking\.k8s\.io\/deny-all created/);
  f = await press(app, 'l', 'step 3/6 · kubectl');
  assert.match(f, /\$ kubectl exec -n secure front-end -- curl -s -m 2 back-end/);
  assert.match(f, /curl: \(28\) Connection timed out/);
  assert.match(f, /\(exit code 28\)/);
  f = await press(app, 'n', 'step 4/6 · matrix');
  assert.match(f, /secure\/back-end\s+·\s+✗/);
  assert.match(f, /0 of 2 connections allowed/);
  f = await press(app, KEY.right, 'step 5/6 · quiz');
  f = await press(app, '2', 'Right.');
  f = await press(app, KEY.right, 'step 6/6 · exercise');
  f = await press(app, KEY.right, 'Lesson complete');
  assert.match(f, /Quizzes answered right: 1 of 1/);
  assert.match(f, /Exercises passed: 0 of 1/);
  assert.match(f, /Enter starts the next lesson: Selective egress/);
  const last = store.saved[store.saved.length - 1];
  assert.equal(last.lessons.basics.completed, true);
  assert.ok(store.saved.length >= 6, `saved ${store.saved.length} times`);
  f = await press(app, 'b', 'Lessons');
  assert.match(f, /1\. Deny all in a namespace\s+10 min\s+✓ done/);
  assert.match(f, /1 of 2 done/);
});

test('a quiz: wrong answer explains why, right answer confirms; both are stored', async () => {
  const store = memoryStore();
  const deps = testDeps({ dir: tmp(), store });
  const progress = { ...emptyProgress, lessons: { basics: { step: 4, quizAnswers: {}, predictions: {}, exercisesPassed: [], completed: false, startedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' } } };
  const app = render(<App deps={deps} lessons={lessons} progress={progress} openLesson="basics" />);
  let f = await waitFor(app.lastFrame, 'step 5/6 · quiz');
  assert.match(f, /› {3}1\. Every pod in the cluster/);
  assert.match(f, /↑\/↓ Enter pick {2}1-9 answer/);
  f = await press(app, KEY.enter, 'Not quite.');
  assert.match(f, /› ✗ 1\. Every pod in the cluster/);
  assert.match(f, /Policies are namespaced: only pods of the policy's namespace\./);
  assert.match(f, /Pick another answer/);
  assert.equal(store.saved[store.saved.length - 1].lessons.basics.quizAnswers.scope, 0);
  f = await press(app, KEY.down, /› {3}2\./);
  f = await press(app, KEY.enter, 'Right.');
  assert.match(f, /› ✓ 2\. Every pod in the policy's namespace/);
  assert.match(f, /An empty selector matches all pods, within the namespace\./);
  assert.equal(store.saved[store.saved.length - 1].lessons.basics.quizAnswers.scope, 1);
  f = await press(app, '3', 'Empty means');
  assert.match(f, /✗ 3\. No pod at all/);
});

test('an exercise: the fake editor writes a wrong then a right answer; goals and reasons are shown', async () => {
  const dir = tmp();
  const store = memoryStore();
  const editor = fakeEditor([
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: secure\nspec:\n  podSelector: {}\n',
    DENY_ALL_YAML,
  ]);
  const deps = testDeps({ dir, store, editFile: editor.edit });
  const progress = { ...emptyProgress, lessons: { basics: { step: 5, quizAnswers: {}, predictions: {}, exercisesPassed: [], completed: false, startedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' } } };
  const app = render(<App deps={deps} lessons={lessons} progress={progress} openLesson="basics" />);
  let f = await waitFor(app.lastFrame, 'step 6/6 · exercise');
  assert.match(f, /Write a policy deny-all in namespace secure/);
  assert.match(f, /○ a NetworkPolicy secure\/deny-all exists/);
  assert.match(f, /○ secure\/front-end → secure\/back-end on 80\/TCP is denied/);
  assert.match(f, /Your file:\n.*basics\/deny-all-ex\.yaml/);
  assert.match(f, /e edit {2}\? hint/);
  assert.doesNotMatch(f, /s solution/);
  f = await press(app, '?', 'Hint 1: Start from podSelector: {}.');
  f = await press(app, 'e', '1 of 2 goals fail');
  assert.equal(editor.opened.length, 1);
  assert.match(editor.opened[0], /basics\/deny-all-ex\.yaml$/);
  assert.match(f, /✓ a NetworkPolicy secure\/deny-all exists\n\s+NetworkPolicy secure\/deny-all exists/);
  assert.match(f, /✗ secure\/front-end → secure\/back-end on 80\/TCP is denied\n\s+secure\/front-end → secure\/back-end 80\/TCP should be denied: it is allowed\n\s+· no policy selects secure\/front-end/);
  assert.match(f, /Stuck\? Press s for the solution\./);
  assert.match(f, /s solution/);
  f = await press(app, 's', 'Solution');
  assert.match(f, /↓ more/);
  f = await press(app, KEY.pageDown, /policyTypes: \[Ingress, Egress\]/);
  assert.match(f, /↑↓? more/);
  f = await press(app, 'e', 'All 2 goals pass');
  assert.match(f, /✓ secure\/front-end → secure\/back-end on 80\/TCP is denied/);
  f = await press(app, KEY.pageDown, /both policy types isolate both directions/);
  assert.equal(readFileSync(editor.opened[1], 'utf8'), DENY_ALL_YAML);
  assert.deepEqual(store.saved[store.saved.length - 1].lessons.basics.exercisesPassed, ['deny-all-ex']);
});

test('an editor failure is reported and nothing is graded', async () => {
  const editor = fakeEditor([]);
  const deps = testDeps({ dir: tmp(), editFile: editor.edit });
  const progress = { ...emptyProgress, lessons: { basics: { step: 5, quizAnswers: {}, predictions: {}, exercisesPassed: [], completed: false, startedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' } } };
  const app = render(<App deps={deps} lessons={lessons} progress={progress} openLesson="basics" />);
  await waitFor(app.lastFrame, 'step 6/6 · exercise');
  const f = await press(app, 'e', 'exited with code 1');
  assert.match(f, /○ a NetworkPolicy/);
});

test('quit and resume: a new session opens the lesson at the step where the learner left', async () => {
  const store = memoryStore();
  const deps = testDeps({ dir: tmp(), store });
  const app = render(<App deps={deps} lessons={lessons} progress={store.load().progress} />);
  await waitFor(app.lastFrame, 'Lessons');
  await press(app, KEY.enter, 'step 1/6');
  await press(app, KEY.right, 'step 2/6');
  await press(app, KEY.right, 'step 3/6');
  app.stdin.write('q');
  cleanup();
  const loaded = store.load();
  assert.equal(loaded.progress.lessons.basics.step, 2);
  const again = render(<App deps={testDeps({ dir: tmp(), store })} lessons={lessons} progress={loaded.progress} />);
  const home = await waitFor(again.lastFrame, 'Lessons');
  assert.match(home, /1\. Deny all in a namespace\s+10 min\s+▸ step 3\/6/);
  const f = await press(again, KEY.enter, 'step 3/6 · kubectl');
  assert.match(f, /curl -s -m 2 back-end/);
});

test('a notice from the store is shown on the home screen', async () => {
  const deps = testDeps({ dir: tmp() });
  const app = render(<App deps={deps} lessons={lessons} progress={emptyProgress} notices={['Your progress file could not be read (not valid JSON).']} />);
  const f = await waitFor(app.lastFrame, 'Lessons');
  assert.match(f, /! Your progress file could not be read/);
});

// A predict step played with the real lesson engine: back-end takes traffic only from front-end.
const predictLesson: Lesson = {
  schemaVersion: 1, id: 'guess', title: 'Predict first', summary: 'Retrieval practice.', tags: [], minutes: 3, file: 'guess.yaml',
  setup: PREDICT_SETUP,
  steps: [
    {
      kind: 'yaml', apply: true,
      manifest: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: back-end-in, namespace: secure}\nspec:\n  podSelector: {matchLabels: {app: back-end}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: front-end}}}]\n',
    },
    {
      kind: 'predict', id: 'who-gets-in', title: 'Before you look', body: 'Which of these reach back-end now?', namespace: 'secure', port: 80, protocol: 'TCP',
      cells: [{ from: 'front-end', to: 'back-end' }, { from: 'other/client', to: 'back-end' }, { from: '203.0.113.9', to: 'back-end' }],
    },
  ],
};

test('a predict step: mark each cell, Enter says what is left, then reveals the grid, the score and the reasons', async () => {
  const store = memoryStore();
  const deps = testDeps({ dir: tmp(), store, loadRunner: async () => lessonRunner, size: { columns: 100, rows: 40 } });
  const app = render(<App deps={deps} lessons={[predictLesson]} progress={emptyProgress} openLesson="guess" />);
  await waitFor(app.lastFrame, (f) => f.includes('step 1/2') && f.includes('created'));
  let f = await press(app, KEY.right, 'step 2/2 · predict');
  assert.match(f, /Which of these reach back-end now\?/);
  assert.match(f, /Before you look/);
  assert.match(f, /Predict: is each connection allowed on port 80\/TCP\?/);
  assert.match(f, /› \? {2}front-end → back-end\n {3}\? {2}other\/client → back-end\n {3}\? {2}203\.0\.113\.9 → back-end/);
  assert.match(f, /0 of 3 marked\. y allowed, n denied, Space toggles; Enter reveals the answers\./);
  assert.match(f, /↑\/↓ y\/n mark {2}Enter reveal {2}←\/→ step {2}b course {2}q quit/);
  f = await press(app, KEY.enter, '3 cells left: mark every cell before revealing.');
  f = await press(app, 'y', /✓ {2}front-end → back-end\n › \? {2}other\/client/);
  f = await press(app, KEY.right, '2 cells left');
  assert.match(f, /step 2\/2 · predict/, '→ does not skip the prediction');
  f = await press(app, ' ', /› ✓ {2}other\/client → back-end/);
  f = await press(app, KEY.down, /› \? {2}203\.0\.113\.9/);
  f = await press(app, 'n', '3 of 3 marked');
  assert.equal(store.saved.some((p) => p.lessons.guess?.predictions['who-gets-in']), false, 'nothing is stored before the reveal');
  f = await press(app, KEY.enter, '2/3 right');
  assert.match(f, /✓ front-end → back-end: allowed\n/);
  assert.match(f, /✗ other\/client → back-end: denied \(you said allowed\)\n\s+ingress to secure\/back-end: isolated by secure\/back-end-in; denied: no ingress rule/);
  assert.match(f, /✓ 203\.0\.113\.9 → back-end: denied\n/);
  assert.match(f, /from \\ to/);
  assert.match(f, /1=front-end {2}2=back-end/);
  assert.match(f, /Highlighted: the cells you predicted\./);
  assert.match(f, /←\/→ step {2}b course {2}q quit/);
  assert.deepEqual(store.saved[store.saved.length - 1].lessons.guess.predictions, { 'who-gets-in': { right: 2, total: 3 } });
  f = await press(app, KEY.right, 'Lesson complete');
  assert.match(f, /Connections predicted right: 2 of 3/);
});

test('a predict step naming a pod that does not exist says so on reveal instead of scoring; a stored score is shown', async () => {
  const broken: Lesson = {
    ...predictLesson,
    steps: [predictLesson.steps[0], { ...(predictLesson.steps[1] as Extract<Lesson['steps'][number], { kind: 'predict' }>), cells: [{ from: 'front-nd', to: 'back-end' }, { from: 'front-end', to: 'back-end' }] }],
  };
  const progress = { ...emptyProgress, lessons: { guess: { step: 1, quizAnswers: {}, predictions: { 'who-gets-in': { right: 1, total: 2 } }, exercisesPassed: [], completed: false, startedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' } } };
  const deps = testDeps({ dir: tmp(), loadRunner: async () => lessonRunner, size: { columns: 100, rows: 40 } });
  const app = render(<App deps={deps} lessons={[broken]} progress={progress} openLesson="guess" />);
  let f = await waitFor(app.lastFrame, 'step 2/2 · predict');
  assert.match(f, /Last time: 1\/2 right\./);
  await press(app, 'y', '1 of 2 marked');
  await press(app, 'y', '2 of 2 marked');
  f = await press(app, KEY.enter, 'could not be computed');
  assert.match(f, /✗ the answers could not be computed: cells\[0\]\.from: pods "front-nd" not found in namespace\s+"secure"/);
  f = await press(app, KEY.right, 'Lesson complete');
});
