// Keeps the README honest: every `$ netpol-dojo …` example in the reach section prints what the README shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from './run-cli.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.split('<!-- section: reach -->')[1]?.split('<!-- end section: reach -->')[0] ?? '';

interface Example { argv: string[]; expected: string }

function examples(): Example[] {
  const out: Example[] = [];
  const lines = section.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {4}\$ netpol-dojo (.*)$/.exec(lines[i]);
    if (!m) continue;
    const body: string[] = [];
    for (i++; i < lines.length && (lines[i].startsWith('    ') || (lines[i] === '' && lines[i + 1]?.startsWith('    ') && !lines[i + 1].startsWith('    $'))); i++) {
      if (lines[i].startsWith('    $')) { i--; break; }
      body.push(lines[i].slice(4));
    }
    out.push({ argv: m[1].split(/\s+/), expected: body.join('\n') + '\n' });
  }
  return out;
}

test('the README has reach and explain examples', () => {
  assert.ok(examples().length >= 2);
});

for (const ex of examples()) {
  test(`README example: netpol-dojo ${ex.argv.join(' ')}`, async () => {
    const prev = process.cwd();
    process.chdir(new URL('../..', import.meta.url).pathname);
    try {
      const r = await runCli(ex.argv);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, ex.expected);
    } finally {
      process.chdir(prev);
    }
  });
}
