import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.tsx';
import { initialState, reduce } from '../../src/ui/app-state.ts';
import { lessonView } from '../../src/ui/lesson-view.ts';
import { homeView } from '../../src/ui/home-lines.ts';
import { lineText } from '../../src/ui/lines.ts';
import { setStep, emptyProgress } from '../../src/progress/model.ts';
import { basics, lessons } from '../fixtures/ui/lessons.ts';
import { fakeRunner, testDeps } from '../fixtures/ui/fakes.ts';
import { KEY, waitFor } from './helpers.ts';

const NOW = '2025-03-01T09:00:00.000Z';
const dirs: string[] = [];
afterEach(() => { cleanup(); for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function atStep(index: number) {
  return reduce(initialState(lessons, setStep(emptyProgress, 'basics', index, NOW)), { type: 'open', lessonId: 'basics', now: NOW });
}

test('at 80×24 every step fits: no line wider than the terminal, never more rows than it has', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-layout-'));
  dirs.push(dir);
  const app = render(<App deps={testDeps({ dir, size: { columns: 80, rows: 24 } })} lessons={lessons} progress={emptyProgress} />);
  await waitFor(app.lastFrame, 'Lessons');
  app.stdin.write(KEY.enter);
  for (let step = 1; step <= 6; step++) {
    const f = await waitFor(app.lastFrame, `step ${step}/6`);
    const rows = f.split('\n');
    assert.ok(rows.length <= 23, `step ${step}: ${rows.length} rows`);
    for (const r of rows) assert.ok(r.length <= 80, `step ${step}: row too wide: ${r}`);
    assert.match(rows[rows.length - 1], /←\/→ step/);
    app.stdin.write(KEY.right);
  }
});

test('from 120 columns the example YAML is on the left and its explanation on the right', () => {
  const s = atStep(1);
  const wide = lessonView(s, basics, fakeRunner.stepOutput(basics, 1, NOW), undefined, 140, 40);
  const first = lineText(wide.body[0]);
  assert.match(first, /^apiVersion: networking\.k8s\.io\/v1 +An empty podSelector selects every pod in/);
  const narrow = lessonView(s, basics, fakeRunner.stepOutput(basics, 1, NOW), undefined, 80, 24);
  assert.match(lineText(narrow.body[0]), /^An empty podSelector selects every pod/);
  assert.ok(narrow.body.some((l) => lineText(l) === 'apiVersion: networking.k8s.io/v1'));
  for (const l of wide.body) assert.ok(lineText(l).length <= 138);
});

test('the course list keeps the selected lesson visible on a short terminal', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ ...basics, id: `l${i}`, title: `Lesson ${i}` }));
  const s = { ...initialState(many, emptyProgress), homeCursor: 25 };
  const v = homeView(s, 78, 21);
  assert.ok(v.header.length + v.rows.length + v.footer.length <= 21);
  assert.ok(v.rows.some((r) => lineText(r).startsWith('› 26. Lesson 25')));
});

test('the footer fits 80 columns in the busiest state: scrolled mid-way, hint and solution keys live', () => {
  const s = atStep(5);
  const p = { ...s.player!, failedAttempts: 1, scroll: 1, exercise: { kind: 'graded' as const, grade: { kind: 'graded' as const, passed: false, goals: [] } } };
  const v = lessonView({ ...s, player: p }, basics, { kind: 'none' }, '/tmp/w.yaml', 80, 12);
  const footer = lineText(v.footer);
  assert.match(footer, /^↑↓ more \(PgUp\/PgDn\) {2}←\/→ step {2}e edit {2}\? hint {2}s solution {2}b course {2}q quit$/);
  assert.ok(footer.length <= 78, `${footer.length}: ${footer}`);
});
