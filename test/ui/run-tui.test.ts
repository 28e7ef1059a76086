import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTui, type TuiHost } from '../../src/ui/run-tui.tsx';
import { lessons } from '../fixtures/ui/lessons.ts';

function host(tty: boolean): TuiHost & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ isTTY: tty, write: (t: string) => { sink.push(t); return true; } }) as unknown as NodeJS.WriteStream;
  return {
    out, err,
    stdout: stream(out),
    stderr: stream(err),
    stdin: { isTTY: tty } as unknown as NodeJS.ReadStream,
    loadCourse: async () => ({ lessons, errors: [] }),
    deps: () => { throw new Error('not reached in these tests'); },
  };
}

test('without a terminal the tutor explains and exits 2', async () => {
  const h = host(false);
  assert.equal(await runTui([], h), 2);
  assert.match(h.err.join(''), /needs an interactive terminal/);
});

test('an unknown lesson id is a usage error with a suggestion', async () => {
  const h = host(true);
  assert.equal(await runTui(['lesson', 'basic'], h), 2);
  assert.match(h.err.join(''), /no lesson with id "basic"\n\nDid you mean this\?\n\tbasics/);
});

test('lesson --help prints usage; extra arguments are refused', async () => {
  const h = host(true);
  assert.equal(await runTui(['lesson', '--help'], h), 0);
  assert.match(h.out.join(''), /Usage: netpol-dojo lesson \[ID\]/);
  const h2 = host(true);
  assert.equal(await runTui(['lesson', 'a', 'b'], h2), 2);
  assert.match(h2.err.join(''), /unexpected argument: b/);
});

test('a bad flag is a usage error that points at lesson --help', async () => {
  const h = host(true);
  assert.equal(await runTui(['--pack'], h), 2);
  assert.match(h.err.join(''), /^error: flag needs an argument: --pack\nSee 'netpol-dojo lesson --help' for usage\.\n$/);
  const h2 = host(true);
  assert.equal(await runTui(['lesson', '--colour'], h2), 2);
  assert.match(h2.err.join(''), /unknown flag: --colour/);
});
