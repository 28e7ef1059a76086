// A netpol-dojo process for tests that need real concurrency: runs main() on its argv in a child process.
// With NPD_WAIT_GO=1 it first loads everything, prints "ready" and waits for a line on stdin, so a test can
// start several at exactly the same time. NPD_SRC_ROOT points at another checkout's sources (for measuring
// a baseline); the default is this one.
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.NPD_SRC_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
const { main } = await import(join(root, 'src/cli/main.ts')) as typeof import('../../src/cli/main.ts');
const io = {
  stdout: (t: string) => { process.stdout.write(t); },
  stderr: (t: string) => { process.stderr.write(t); },
  env: { ...process.env, NO_COLOR: '1' },
  isTTY: false,
};
if (process.env.NPD_WAIT_GO === '1') {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  process.stdin.pause();
}
process.exitCode = await main(process.argv.slice(2), io);
