// progress.json that is JSON of the wrong shape is damaged, not empty: it is copied aside (never over an
// earlier copy) and the learner is told. Only a missing file or `{}` is a fresh start. Saves keep drill
// records and wait for another process's lock instead of writing through it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { confStore } from '../../src/progress/conf-store.ts';
import { emptyProgress, parseProgress, recordDrill, setStep } from '../../src/progress/model.ts';

const NOW = '2025-02-03T04:05:06.000Z';
const now = () => NOW;
const tmp = () => mkdtempSync(join(tmpdir(), 'nd-progress-'));
const backups = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('progress.json.corrupt-')).sort();

const DAMAGED: Record<string, string> = {
  null: 'null',
  'a list': '[1]',
  'a number': '42',
  'a string': '"progress"',
  'true': 'true',
  'an object without the progress keys': '{"foo":1,"bar":{"x":2}}',
  'an empty file': '',
};

for (const [name, text] of Object.entries(DAMAGED)) {
  test(`progress.json holding ${name} is set aside with a notice, and a save does not destroy it`, () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'progress.json'), text);
      const s = confStore({ dir, now });
      const loaded = s.load();
      assert.deepEqual(loaded.progress, emptyProgress);
      assert.match(loaded.notice ?? '', /^Your progress file could not be read \(.+\)\. It was saved as .*progress\.json\.corrupt-2025-02-03T04-05-06-000Z; progress starts fresh\.$/);
      assert.deepEqual(backups(dir), ['progress.json.corrupt-2025-02-03T04-05-06-000Z']);
      assert.equal(readFileSync(join(dir, backups(dir)[0]), 'utf8'), text);
      assert.deepEqual(s.save(setStep(emptyProgress, 'a', 3, NOW)), { ok: true });
      assert.equal(readFileSync(join(dir, backups(dir)[0]), 'utf8'), text, 'the copy survives the first save');
      assert.deepEqual(confStore({ dir, now }).load(), { progress: setStep(emptyProgress, 'a', 3, NOW) });
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
}

test('only a missing file or {} is a fresh start, without a notice or a copy', () => {
  const dir = tmp();
  try {
    assert.deepEqual(confStore({ dir, now }).load(), { progress: emptyProgress });
    assert.equal(existsSync(join(dir, 'progress.json')), false, 'loading writes nothing');
    writeFileSync(join(dir, 'progress.json'), '{}');
    assert.deepEqual(confStore({ dir, now }).load(), { progress: emptyProgress });
    assert.deepEqual(backups(dir), []);
    assert.deepEqual(parseProgress({}), { ok: true, progress: emptyProgress });
    for (const bad of [null, [1], 42, { foo: 1 }]) assert.equal(parseProgress(bad).ok, false, JSON.stringify(bad));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a second damaged file at the same time gets its own copy', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'progress.json'), 'null');
    confStore({ dir, now }).load();
    writeFileSync(join(dir, 'progress.json'), '[2]');
    confStore({ dir, now }).load();
    assert.deepEqual(backups(dir), ['progress.json.corrupt-2025-02-03T04-05-06-000Z', 'progress.json.corrupt-2025-02-03T04-05-06-000Z-2']);
    assert.equal(readFileSync(join(dir, backups(dir)[0]), 'utf8'), 'null');
    assert.equal(readFileSync(join(dir, backups(dir)[1]), 'utf8'), '[2]');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('drill records survive a save and a load', () => {
  const dir = tmp();
  try {
    const p = recordDrill(setStep(emptyProgress, 'a', 1, NOW), 'seed-deny-all', { score: 90, passed: true, timeMs: 60_000, hints: 1 }, NOW);
    assert.deepEqual(confStore({ dir, now }).save(p), { ok: true });
    assert.deepEqual(confStore({ dir, now }).load(), { progress: p });
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a save waits for another process\'s lock and gives up with an error value, leaving the file alone', async () => {
  const dir = tmp();
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const s = confStore({ dir, now, lock: { timeoutMs: 200 } });
    assert.deepEqual(s.save(setStep(emptyProgress, 'a', 1, NOW)), { ok: true });
    const before = readFileSync(join(dir, 'progress.json'), 'utf8');
    writeFileSync(join(dir, 'progress.json.lock'), JSON.stringify({ pid: sleeper.pid, time: NOW, token: 'other' }));
    const r = s.save(setStep(emptyProgress, 'a', 2, NOW));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', new RegExp(`could not save progress to .*timed out .* \\(held by pid ${sleeper.pid} `));
    assert.equal(readFileSync(join(dir, 'progress.json'), 'utf8'), before);
    rmSync(join(dir, 'progress.json.lock'));
    assert.deepEqual(s.save(setStep(emptyProgress, 'a', 2, NOW)), { ok: true });
    assert.equal(existsSync(join(dir, 'progress.json.lock')), false);
  } finally {
    sleeper.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
