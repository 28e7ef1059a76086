// The player over the real course and the real lesson engine: every lesson plays to the end without a step
// failing, and each exercise's reference solution, written by a fake editor, passes in the TUI.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.tsx';
import { lessonRunner } from '../../src/ui/lesson-runner.ts';
import { loadCourse } from '../../src/content/load.ts';
import { emptyProgress } from '../../src/progress/model.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { dirWorkspace, fakeEditor, testDeps } from '../fixtures/ui/fakes.ts';
import { KEY, waitFor } from './helpers.ts';
import { initialState, reduce } from '../../src/ui/app-state.ts';
import { lessonView } from '../../src/ui/lesson-view.ts';
import { lineText } from '../../src/ui/lines.ts';
import { setStep } from '../../src/progress/model.ts';

const root = join(import.meta.dirname, '..', '..');
const course = loadCourse(join(root, 'lessons'));
const dir = mkdtempSync(join(tmpdir(), 'nd-real-'));
after(() => { cleanup(); rmSync(dir, { recursive: true, force: true }); });

test('the built-in course loads without errors', () => {
  assert.deepEqual(course.errors, []);
  assert.ok(course.lessons.length >= 12);
});

test('the lesson engine adapter shows real outputs: apply, kubectl and a matrix', () => {
  for (const lesson of course.lessons) {
    lesson.steps.forEach((step, i) => {
      const out = lessonRunner.stepOutput(lesson, i, '2025-01-01T00:00:00.000Z');
      if (step.kind === 'kubectl') {
        assert.equal(out.kind, 'output', `${lesson.id} step ${i + 1}`);
        if (out.kind === 'output') assert.equal(out.exitCode, step.expectExit, `${lesson.id} step ${i + 1}: ${out.text}`);
      } else if (step.kind === 'matrix') {
        assert.equal(out.kind, 'matrix', `${lesson.id} step ${i + 1}`);
      } else if (step.kind === 'predict') {
        assert.equal(out.kind, 'predict', `${lesson.id} step ${i + 1}: ${JSON.stringify(out)}`);
      } else if (step.kind === 'yaml') {
        assert.notEqual(out.kind, 'error', `${lesson.id} step ${i + 1}: ${JSON.stringify(out)}`);
      }
    });
  }
});

test('every step of every lesson fits 80 columns (stacked) and 120 columns (side by side)', () => {
  const now = '2025-01-01T00:00:00.000Z';
  for (const lesson of course.lessons) {
    lesson.steps.forEach((_, i) => {
      const opened = reduce(initialState(course.lessons, setStep(emptyProgress, lesson.id, i, now)), { type: 'open', lessonId: lesson.id, now });
      const out = lessonRunner.stepOutput(lesson, i, now);
      const states = [opened];
      if (out.kind === 'predict') {
        // Also the revealed page: every cell marked wrong, so every reason is shown.
        let s = opened;
        for (const c of out.cells) s = reduce(s, { type: 'key', command: { kind: 'mark', allowed: !c.allowed }, now, scrollMax: 0, pageSize: 10 });
        s = reduce(s, { type: 'key', command: { kind: 'enter' }, now, scrollMax: 0, pageSize: 10 });
        s = reduce(s, { type: 'predicted', answers: out.cells.map((c) => c.allowed), now });
        assert.deepEqual(s.player?.predict?.phase.kind === 'revealed' && s.player.predict.phase.right, 0, `${lesson.id} step ${i + 1}`);
        states.push(s);
      }
      for (const s of states) {
        for (const [cols, rows] of [[80, 24], [120, 40]]) {
          const v = lessonView(s, lesson, out, '/home/learner/.local/share/netpol-dojo/workspace/x/y.yaml', cols, rows);
          for (const l of [v.header, ...v.body, v.footer]) {
            assert.ok(lineText(l).length <= cols - 2, `${lesson.id} step ${i + 1} at ${cols}: ${lineText(l)}`);
          }
          assert.ok(v.height + 5 <= rows);
        }
      }
    });
  }
});

for (const lesson of course.lessons) {
  test(`play "${lesson.id}" to the end in the TUI, passing its exercises with the reference solutions`, async () => {
    const solutions = lesson.steps.flatMap((s) => (s.kind === 'exercise' ? [s.solution] : []));
    const editor = fakeEditor([...solutions]);
    const store = memoryStore();
    const deps = testDeps({ dir, store, editFile: editor.edit, workspace: dirWorkspace(dir), loadRunner: async () => lessonRunner, size: { columns: 100, rows: 40 } });
    const app = render(<App deps={deps} lessons={course.lessons} progress={emptyProgress} openLesson={lesson.id} />);
    const n = lesson.steps.length;
    for (let i = 0; i < n; i++) {
      const step = lesson.steps[i];
      const f = await waitFor(app.lastFrame, (fr) => fr.includes(`step ${i + 1}/${n}`) && !fr.includes('running…'));
      assert.doesNotMatch(f, /could not run|✗ error/, `${lesson.id} step ${i + 1}`);
      if (step.kind === 'quiz') {
        const right = step.choices.findIndex((c) => c.correct);
        app.stdin.write(String(right + 1));
        await waitFor(app.lastFrame, 'Right.');
      }
      if (step.kind === 'predict') {
        // Predict the engine's own answers: every cell right.
        const out = lessonRunner.stepOutput(lesson, i, '2025-01-01T00:00:00.000Z');
        assert.equal(out.kind, 'predict', `${lesson.id} step ${i + 1}: ${JSON.stringify(out)}`);
        const cells = out.kind === 'predict' ? out.cells : [];
        for (const [j, c] of cells.entries()) {
          app.stdin.write(c.allowed ? 'y' : 'n');
          await waitFor(app.lastFrame, `${j + 1} of ${cells.length} marked`);
        }
        app.stdin.write(KEY.enter);
        await waitFor(app.lastFrame, `${cells.length}/${cells.length} right`);
      }
      if (step.kind === 'exercise') {
        app.stdin.write('e');
        await waitFor(app.lastFrame, /All \d+ goals pass/, 10000);
      }
      app.stdin.write(KEY.right);
    }
    await waitFor(app.lastFrame, 'Lesson complete');
    const lp = store.load().progress.lessons[lesson.id];
    assert.equal(lp.completed, true);
    assert.equal(lp.exercisesPassed.length, solutions.length);
    for (const step of lesson.steps) if (step.kind === 'predict') assert.equal(lp.predictions[step.id]?.right, step.cells.length, `${lesson.id}: ${step.id}`);
    app.unmount();
  });
}
