// The bundled entry and everything it imports statically must be free of React and Ink: the TUI (and the
// commands) are reached only through dynamic imports, so `reach`, `kubectl` and friends start fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const metaPath = new URL('../../dist/meta.json', import.meta.url);

interface Output { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }

function staticClosure(outputs: Record<string, Output>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const out = todo.pop()!;
    if (seen.has(out)) continue;
    seen.add(out);
    for (const imp of outputs[out]?.imports ?? []) if (imp.kind === 'import-statement' && outputs[imp.path]) todo.push(imp.path);
  }
  return seen;
}

test('the CLI entry loads no React or Ink until the TUI is opened', () => {
  if (!existsSync(metaPath)) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { outputs: Record<string, Output> };
  const entry = Object.keys(meta.outputs).find((o) => o.endsWith('dist/cli.js'));
  assert.ok(entry, 'dist/cli.js is in the metafile');
  const inputs = [...staticClosure(meta.outputs, entry)].flatMap((o) => Object.keys(meta.outputs[o].inputs));
  assert.ok(inputs.some((i) => i.includes('src/cli/main.ts')), 'the closure contains the dispatcher');
  const heavy = inputs.filter((i) => /node_modules\/(react|ink|react-reconciler|yoga-layout)\//.test(i));
  assert.deepEqual(heavy, []);
  const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
  assert.ok(all.some((i) => /node_modules\/ink\//.test(i)), 'Ink is bundled in a lazily loaded chunk');
});
