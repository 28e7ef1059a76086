// Runs the shared conformance corpus against bin/netpol-dojo.js when ../shared/conformance exists.
// Fails (exit 1) unless every case passes; skips quietly when the corpus is absent (a user's clone).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '..', 'shared', 'conformance');
if (!existsSync(join(corpus, 'run.py'))) {
  console.log('conformance: ../shared/conformance not present, skipped');
  process.exit(0);
}
const suites = readdirSync(corpus).map((d) => join(corpus, d)).filter((p) => statSync(p).isDirectory());
const res = spawnSync('python3', [join(corpus, 'run.py'), ...suites, '--', 'node', join(root, 'bin', 'netpol-dojo.js')], { encoding: 'utf8' });
process.stdout.write(res.stdout);
process.stderr.write(res.stderr);
const m = /conformance: (\d+)\/(\d+) cases pass/.exec(res.stdout);
if (res.status !== 0 || !m || m[1] !== m[2]) {
  console.error('conformance: not every case passes');
  process.exit(1);
}
