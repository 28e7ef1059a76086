import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confStore } from '../../src/progress/conf-store.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { emptyProgress, setStep } from '../../src/progress/model.ts';

const NOW = '2025-02-03T04:05:06.000Z';
const now = () => NOW;
const tmp = () => mkdtempSync(join(tmpdir(), 'nd-progress-'));

test('conf store saves and loads progress across instances', () => {
  const dir = tmp();
  try {
    const a = confStore({ dir, now });
    assert.deepEqual(a.load(), { progress: emptyProgress });
    const p = setStep(emptyProgress, 'deny-all', 4, NOW);
    assert.deepEqual(a.save(p), { ok: true });
    assert.equal(a.location, join(dir, 'progress.json'));
    const b = confStore({ dir, now });
    assert.deepEqual(b.load(), { progress: p });
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a file that is not JSON is backed up, reported and replaced by fresh progress', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'progress.json'), '{"version":1,"lessons":{');
    const s = confStore({ dir, now });
    const loaded = s.load();
    assert.deepEqual(loaded.progress, emptyProgress);
    assert.match(loaded.notice ?? '', /could not be read \(not valid JSON\)/);
    const backups = readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    assert.equal(backups.length, 1);
    assert.equal(readFileSync(join(dir, backups[0]), 'utf8'), '{"version":1,"lessons":{');
    assert.deepEqual(s.save(setStep(emptyProgress, 'x', 1, NOW)), { ok: true });
    assert.equal(confStore({ dir, now }).load().progress.lessons.x.step, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('JSON of the wrong shape is backed up too, with the reason', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ version: 1, lessons: { a: { step: 'two' } } }));
    const loaded = confStore({ dir, now }).load();
    assert.match(loaded.notice ?? '', /lessons\.a\.step/);
    assert.equal(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a save that cannot write gives an error value, not an exception', () => {
  const parent = tmp();
  const dir = join(parent, 'cfg');
  try {
    const s = confStore({ dir, now });
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'a file where the directory should be');
    const r = s.save(setStep(emptyProgress, 'a', 1, NOW));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /could not save progress/);
  } finally { rmSync(parent, { recursive: true, force: true }); }
});

test('a progress path that cannot be opened is reported and saving is refused', () => {
  const dir = tmp();
  try {
    mkdirSync(join(dir, 'progress.json'));
    const s = confStore({ dir, now });
    const loaded = s.load();
    assert.match(loaded.notice ?? '', /Progress cannot be stored \(EISDIR\)/);
    const r = s.save(setStep(emptyProgress, 'a', 1, NOW));
    assert.equal(r.ok, false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('memory store validates what it is given', () => {
  const s = memoryStore({ version: 9 });
  const loaded = s.load();
  assert.deepEqual(loaded.progress, emptyProgress);
  assert.match(loaded.notice ?? '', /unsupported progress version 9/);
  const p = setStep(emptyProgress, 'a', 2, NOW);
  s.save(p);
  assert.deepEqual(s.load(), { progress: p });
  assert.equal(s.saved.length, 1);
});
