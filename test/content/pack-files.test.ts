// Content packs are read defensively: links are refused (never followed out of the pack), only regular files
// are opened (a FIFO would block forever), files are size-bounded, and a pack lesson may not reuse a
// built-in id without lint saying so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse, MAX_CONTENT_FILE_BYTES, readManifestPaths, readScenarioFiles } from '../../src/content/load.ts';
import { runCli } from '../cli/run-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE_PACK = join(ROOT, 'test/fixtures/pack');
const LESSONS = join(ROOT, 'lessons');
const SCENARIOS = join(ROOT, 'scenarios');

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A copy of the fixture pack in a temp dir, plus a secret file outside it. */
function pack(): { dir: string; secret: string } {
  const base = mkdtempSync(join(tmpdir(), 'nd-pack-'));
  dirs.push(base);
  const dir = join(base, 'pack');
  cpSync(FIXTURE_PACK, dir, { recursive: true });
  const secret = join(base, 'secret.yaml');
  writeFileSync(secret, 'root:x:0:0:TOP-SECRET:/root:/bin/bash\n');
  return { dir, secret };
}

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

/** Runs the CLI from source in a child process, killed after `ms`: a hang fails the test instead of stalling it. */
function cli(argv: string[], ms = 60_000) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/entry.ts'), ...argv], {
    cwd: ROOT, encoding: 'utf8', timeout: ms, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' },
  });
}

test('a symbolic link in a pack is refused, never followed, and its target is never echoed', async () => {
  const { dir, secret } = pack();
  symlinkSync(secret, join(dir, 'lessons', '02-passwd.yaml'));
  mkdirSync(join(dir, 'scenarios'));
  symlinkSync(secret, join(dir, 'scenarios', 'passwd.yaml'));
  const course = loadCourse(LESSONS, [dir]);
  const link = join(dir, 'lessons', '02-passwd.yaml');
  assert.ok(course.errors.includes(`${link}:1:1: symbolic links are not allowed in a content pack`), course.errors.join('\n'));
  assert.ok(course.lessons.some((l) => l.id === 'pack-hello'), 'the other lessons still load');
  const sc = readScenarioFiles(SCENARIOS, [dir]);
  assert.ok(sc.errors.includes(`${join(dir, 'scenarios', 'passwd.yaml')}: symbolic links are not allowed in a content pack`));
  const r = await runCli(['lint', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`${link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: symbolic links are not allowed in a content pack`));
  assert.doesNotMatch(r.stdout + r.stderr, /TOP-SECRET/);
  // A linked lessons/ directory is refused the same way.
  const other = pack();
  rmSync(join(other.dir, 'lessons'), { recursive: true });
  symlinkSync(join(dir, 'lessons'), join(other.dir, 'lessons'));
  assert.ok(loadCourse(LESSONS, [other.dir]).errors.some((e) => e === `${join(other.dir, 'lessons')}: symbolic links are not allowed in a content pack`));
  // The pack path the user names may itself be a link: it is followed.
  const named = join(dirs[dirs.length - 1], 'named-link');
  symlinkSync(FIXTURE_PACK, named);
  assert.deepEqual(loadCourse(LESSONS, [named]).errors, []);
});

test('a FIFO named *.yaml in a pack is skipped with an error, not opened: lint and list finish', { skip: !hasMkfifo && 'no mkfifo' }, () => {
  const { dir } = pack();
  mkdirSync(join(dir, 'scenarios'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'lessons', '02-fifo.yaml')]).status, 0);
  assert.equal(spawnSync('mkfifo', [join(dir, 'scenarios', 'fifo.yaml')]).status, 0);
  const course = loadCourse(LESSONS, [dir]);
  assert.ok(course.errors.includes(`${join(dir, 'lessons', '02-fifo.yaml')}:1:1: a FIFO: only regular files are read`), course.errors.join('\n'));
  const lint = cli(['lint', dir]);
  assert.equal(lint.signal, null, 'lint finished');
  assert.equal(lint.status, 1);
  assert.match(lint.stdout, /02-fifo\.yaml:1:1: a FIFO: only regular files are read/);
  assert.match(lint.stdout, /scenarios\/fifo\.yaml:1:1: a FIFO: only regular files are read/);
  const list = cli(['list', 'lessons', '--pack', dir]);
  assert.equal(list.signal, null, 'list finished');
  assert.match(list.stdout, /pack-hello/);
  assert.match(list.stderr, /a FIFO: only regular files are read/);
  const scenarios = cli(['list', 'scenarios', '--pack', dir]);
  assert.equal(scenarios.signal, null);
});

test('pack files over 1 MiB are refused with the size and the limit; manifests are bounded too', async () => {
  const { dir } = pack();
  const big = join(dir, 'lessons', '02-big.yaml');
  const text = `schemaVersion: 1\nid: big\n# ${'x'.repeat(MAX_CONTENT_FILE_BYTES)}\n`;
  writeFileSync(big, text);
  const course = loadCourse(LESSONS, [dir]);
  assert.ok(course.errors.includes(`${big}:1:1: the file is ${Buffer.byteLength(text)} bytes: a file may be at most 1 MiB (1048576 bytes)`), course.errors.join('\n'));
  const r = await runCli(['lint', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /02-big\.yaml:1:1: the file is \d+ bytes: a file may be at most 1 MiB/);
  const m = readManifestPaths([dirname(big)], undefined, 100);
  assert.equal(m.ok, false);
  assert.match(m.ok ? '' : m.error, /^error: .*01-pack-hello\.yaml: the file is \d+ bytes: a file may be at most 100 bytes \(100 bytes\)$/);
});

test('a manifest directory skips nothing silently: links in it are refused', () => {
  const { dir, secret } = pack();
  const manifests = join(dir, 'manifests');
  mkdirSync(manifests);
  writeFileSync(join(manifests, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
  symlinkSync(secret, join(manifests, 'b.yaml'));
  const r = readManifestPaths([manifests]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /b\.yaml: symbolic links are not allowed in a manifest directory/);
  assert.doesNotMatch(r.ok ? '' : r.error, /TOP-SECRET/);
  // A file named on the command line is the user's choice: followed.
  const named = readManifestPaths([join(manifests, 'b.yaml')]);
  assert.ok(named.ok);
});

test('lint PACK reports a lesson or scenario id that a built-in one already uses', async () => {
  const { dir } = pack();
  const builtIn = readFileSync(join(LESSONS, '02-deny-all.yaml'), 'utf8');
  writeFileSync(join(dir, 'lessons', '02-deny-all.yaml'), builtIn);
  writeFileSync(join(dir, 'lessons', 'index.yaml'), 'schemaVersion: 1\nlessons:\n  - pack-hello\n  - deny-all\n');
  mkdirSync(join(dir, 'scenarios'));
  const scenario = readFileSync(join(SCENARIOS, 'allow-all-to-pod.yaml'), 'utf8');
  writeFileSync(join(dir, 'scenarios', 'allow-all-to-pod.yaml'), scenario);
  const r = await runCli(['lint', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`02-deny-all\\.yaml:2:5: id: duplicate lesson id "deny-all" \\(already used by ${join(LESSONS, '02-deny-all.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  assert.match(r.stdout, /scenarios\/allow-all-to-pod\.yaml:1:1: id: duplicate scenario id "allow-all-to-pod" \(already used by .*scenarios\/allow-all-to-pod\.yaml\)/);
  // The TUI's course drops the pack's copy, and says why.
  const course = loadCourse(LESSONS, [dir]);
  assert.equal(course.lessons.filter((l) => l.id === 'deny-all').length, 1);
  assert.ok(course.errors.some((e) => e.includes('duplicate lesson id "deny-all"')));
  // Linting the built-in lessons themselves reports no collision.
  const own = await runCli(['lint', LESSONS]);
  assert.doesNotMatch(own.stdout, /duplicate lesson id/);
});

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/'));
}
