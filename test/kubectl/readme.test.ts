// Keeps the README's kubectl section honest: its transcript is replayed through the real CLI entry
// (a temporary state directory, the real clock), and each command must print what the README shows.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { splitCommandLine } from '../../src/kubectl/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.split('<!-- section: kubectl -->')[1]?.split('<!-- end section: kubectl -->')[0] ?? '';

interface Step { argv: string[]; stdin?: string; expected: string }

function steps(): Step[] {
  const lines = section.split('\n').filter((l) => l.startsWith('    ') || l === '').map((l) => l.slice(4));
  const out: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\$ netpol-dojo (?:kubectl|k) (.*)$/.exec(lines[i]);
    if (!m) continue;
    const argv = splitCommandLine(m[1]);
    let stdin: string | undefined;
    if (argv[argv.length - 1] === '<<EOF') {
      argv.pop();
      const body: string[] = [];
      for (i++; lines[i] !== 'EOF'; i++) body.push(lines[i]);
      stdin = `${body.join('\n')}\n`;
    }
    const expected: string[] = [];
    while (i + 1 < lines.length && !lines[i + 1].startsWith('$ ') && lines[i + 1] !== '') expected.push(lines[++i]);
    out.push({ argv, stdin, expected: expected.length ? `${expected.join('\n')}\n` : '' });
  }
  return out;
}

const clock = (s: string) => s.replace(/^(Created on: {3}).*$/m, '$1<time>');

test('the README kubectl transcript replays exactly', async () => {
  const all = steps();
  assert.ok(all.length >= 15, `found ${all.length} steps`);
  const dir = mkdtempSync(join(tmpdir(), 'npd-readme-'));
  try {
    for (const s of all) {
      let text = '';
      await main(['kubectl', ...s.argv], {
        stdout: (t) => { text += t; }, stderr: (t) => { text += t; },
        env: { NETPOL_DOJO_STATE: dir }, isTTY: false, readStdin: () => s.stdin ?? '',
      });
      if (s.argv[0] === 'reset') continue;
      assert.equal(clock(text), clock(s.expected), `kubectl ${s.argv.join(' ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
