import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { colorOn, courseFingerprint, dataDir, editorCommand, fileWorkspace, precompiledCourse, spawnEditor } from '../../src/cli/tui-deps.ts';
import type { TerminalControl } from '../../src/ui/run-tui.tsx';
import { basics } from '../fixtures/ui/lessons.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'nd-deps-'));
const exercise = basics.steps[5];
if (exercise.kind !== 'exercise') throw new Error('fixture: step 6 is the exercise');

test('editor: $EDITOR, then $VISUAL, then vi', () => {
  assert.equal(editorCommand({ EDITOR: 'nano', VISUAL: 'code --wait' }), 'nano');
  assert.equal(editorCommand({ VISUAL: 'code --wait' }), 'code --wait');
  assert.equal(editorCommand({ EDITOR: '  ' }), 'vi');
  assert.equal(editorCommand({}), 'vi');
});

test('the editor runs through the shell with its arguments, inside the terminal release', async () => {
  const dir = tmp();
  try {
    const file = join(dir, 'answer.yaml');
    writeFileSync(file, 'kind: Pod\n');
    const calls: string[] = [];
    const terminal: TerminalControl = { async release(run) { calls.push('release'); const r = await run(); calls.push('restore'); return r; } };
    const ok = await spawnEditor({ EDITOR: "sed -i 's/Pod/NetworkPolicy/'" }, terminal)(file);
    assert.deepEqual(ok, { ok: true });
    assert.equal(readFileSync(file, 'utf8'), 'kind: NetworkPolicy\n');
    assert.deepEqual(calls, ['release', 'restore']);
    const failed = await spawnEditor({ EDITOR: 'false' }, terminal)(file);
    assert.deepEqual(failed, { ok: false, error: 'the editor "false" exited with code 1; your file was not graded' });
    const missing = await spawnEditor({ EDITOR: 'no-such-editor-nd' }, terminal)(file);
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.error : '', /editor "no-such-editor-nd" not found: set \$EDITOR/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('workspace files start as the starter and keep the learner\'s edits', () => {
  const dir = tmp();
  try {
    const ws = fileWorkspace(join(dir, 'workspace'));
    const a = ws.prepare('basics', exercise);
    assert.ok(a.ok);
    const file = a.ok ? a.file : '';
    assert.equal(file, join(dir, 'workspace', 'basics', 'deny-all-ex.yaml'));
    assert.equal(ws.pathFor('basics', exercise), file);
    assert.equal(fileWorkspace(dir).pathFor('a/../b', exercise), join(dir, 'a_.._b', 'deny-all-ex.yaml'), 'ids cannot climb out of the workspace');
    assert.deepEqual(ws.read(file), { ok: true, text: exercise.starter });
    writeFileSync(file, 'my answer\n');
    ws.prepare('basics', exercise);
    assert.deepEqual(ws.read(file), { ok: true, text: 'my answer\n' });
    assert.equal(ws.read(join(dir, 'nope.yaml')).ok, false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the precompiled course is used only while the lesson files hash the same', () => {
  const root = tmp();
  try {
    mkdirSync(join(root, 'lessons'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'lessons', 'index.yaml'), 'schemaVersion: 1\nlessons: [basics]\n');
    writeFileSync(join(root, 'lessons', '01-basics.yaml'), 'id: basics\n');
    assert.equal(precompiledCourse(root), undefined, 'no dist/course.json yet');
    writeFileSync(join(root, 'dist', 'course.json'), JSON.stringify({ format: 1, files: courseFingerprint(join(root, 'lessons')), lessons: [basics] }));
    assert.deepEqual(precompiledCourse(root), { lessons: [basics], errors: [] });
    writeFileSync(join(root, 'lessons', '01-basics.yaml'), 'id: basics\ntitle: changed\n');
    assert.equal(precompiledCourse(root), undefined, 'an edited lesson makes it stale');
    writeFileSync(join(root, 'dist', 'course.json'), '{not json');
    assert.equal(precompiledCourse(root), undefined);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('data dir and colours follow the environment', () => {
  assert.equal(dataDir({ NETPOL_DOJO_DATA_DIR: '/tmp/x' }), '/tmp/x');
  if (process.platform === 'linux') assert.equal(dataDir({ XDG_DATA_HOME: '/d' }), '/d/netpol-dojo');
  assert.equal(colorOn({}), true);
  assert.equal(colorOn({ NO_COLOR: '' }), false);
  assert.equal(colorOn({ TERM: 'dumb' }), false);
});
