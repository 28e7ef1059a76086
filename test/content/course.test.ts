import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleCourse, type CourseDir } from '../../src/content/course.ts';
import { formatContentError } from '../../src/content/lesson-parse.ts';
import { loadCourse } from '../../src/content/load.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const LESSONS = join(ROOT, 'lessons');
const PACK = join(ROOT, 'test/fixtures/pack');

const lesson = (id: string) => `schemaVersion: 1
id: ${id}
title: ${id}
summary: s
minutes: 1
steps:
  - kind: text
    body: b
`;

const dir = (name: string, index: string | undefined, lessons: Record<string, string>): CourseDir => ({
  dir: name, indexFile: `${name}/index.yaml`,
  index: index === undefined ? undefined : { file: `${name}/index.yaml`, text: index },
  lessons: Object.entries(lessons).map(([f, text]) => ({ file: `${name}/${f}`, text })),
});

test('the built-in course loads in index order with no errors', () => {
  const course = loadCourse(LESSONS);
  assert.deepEqual(course.errors, []);
  assert.equal(course.lessons.length, 15);
  assert.equal(course.lessons[0].id, 'why-network-policies');
  assert.equal(course.lessons[14].id, 'exam-technique');
  for (const l of course.lessons) {
    assert.ok(l.steps.some((s) => s.kind === 'quiz'), `${l.id} has a quiz`);
    assert.ok(l.steps.some((s) => s.kind === 'exercise'), `${l.id} has an exercise`);
  }
});

test('a content pack adds its lessons after the built-in ones', () => {
  const course = loadCourse(LESSONS, [PACK]);
  assert.deepEqual(course.errors, []);
  assert.equal(course.lessons.length, 16);
  assert.equal(course.lessons[15].id, 'pack-hello');
});

test('a duplicate id across packs is an error and the first lesson wins', () => {
  const course = loadCourse(LESSONS, [PACK, PACK]);
  assert.equal(course.lessons.filter((l) => l.id === 'pack-hello').length, 1);
  assert.equal(course.errors.length, 1);
  assert.match(course.errors[0], /01-pack-hello\.yaml:2:5: id: duplicate lesson id "pack-hello" \(already used by .*01-pack-hello\.yaml\)/);
});

test('course structure errors: missing index, unknown id, unlisted lesson', () => {
  const noIndex = assembleCourse([dir('a', undefined, { 'x.yaml': lesson('x') })]);
  assert.match(formatContentError(noIndex.errors[0]), /^a\/index\.yaml:1:1: missing course index/);
  const r = assembleCourse([dir('b', 'schemaVersion: 1\nlessons: [x, ghost]\n', { 'x.yaml': lesson('x'), 'y.yaml': lesson('y') })]);
  assert.deepEqual(r.lessons.map((l) => l.id), ['x']);
  assert.deepEqual(r.errors.map(formatContentError), [
    'b/index.yaml:2:14: lessons[1]: no lesson file in b has id "ghost"',
    'b/y.yaml:2:5: id: lesson "y" is not listed in b/index.yaml, so it is not part of the course',
  ]);
});

test('a lesson file that does not parse reports its own errors, not a missing id', () => {
  const r = assembleCourse([dir('c', 'schemaVersion: 1\nlessons: [x]\n', { '01-x.yaml': lesson('x').replace('minutes: 1', 'minutes: -1') })]);
  assert.deepEqual(r.errors.map(formatContentError), ['c/01-x.yaml:5:10: minutes: must be at least 1 (got number -1)']);
});

test('loadCourse reports unreadable directories and missing packs as errors', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nd-course-'));
  try {
    mkdirSync(join(tmp, 'lessons'));
    writeFileSync(join(tmp, 'lessons', 'index.yaml'), 'schemaVersion: 1\nlessons: []\n');
    const empty = loadCourse(join(tmp, 'lessons'), [join(tmp, 'no-such-pack')]);
    assert.deepEqual(empty.lessons, []);
    assert.deepEqual(empty.errors, [`${join(tmp, 'no-such-pack')}: content pack not found (not a directory)`]);
    const missing = loadCourse(join(tmp, 'nope'));
    assert.deepEqual(missing.errors, [`${join(tmp, 'nope')}: not a directory`]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
