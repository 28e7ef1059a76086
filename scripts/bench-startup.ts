// Start-up benchmark of the TUI: time from launching `node bin/netpol-dojo.js` in a pseudo-terminal to the
// first frame of the home screen, median of N runs, and the process's RSS at that moment. The app prints a
// marker after its first frame and exits when NETPOL_DOJO_BENCH_FIRST_FRAME is set (src/cli/tui-deps.ts).
// Run directly (`node --import tsx scripts/bench-startup.ts`) or through scripts/bench.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MARKER = /@@first-frame ms=([\d.]+) rss=([\d.]+)@@/;

export interface StartupResult {
  /** Median wall-clock ms from spawn to the first frame (includes the pseudo-terminal wrapper). */
  readonly medianMs: number;
  readonly maxMs: number;
  /** Median ms from the node process's own start to the first frame. */
  readonly medianInProcessMs: number;
  /** Largest RSS seen at the first frame, MB. */
  readonly rssMB: number;
  readonly runs: number;
  /** Median wall-clock ms of a bare `node -e` printing a line in the same pseudo-terminal (runs interleaved). */
  readonly bareMs: number;
  /** Median over the runs of (app − bare node) for each interleaved pair: the app's own start-up cost. */
  readonly aboveBareMs: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A bare `node` that prints the marker at once: the floor the app's start-up is measured against. */
const BARE = `exec node -e 'process.stdout.write("Lessons\\n@@first-frame ms=" + performance.now().toFixed(1) + " rss=0@@\\n")'`;

/** One launch under `script` (a real pty, so Ink runs as it does for a person). */
function once(env: NodeJS.ProcessEnv, command = 'exec node bin/netpol-dojo.js'): Promise<{ wallMs: number; inProcessMs: number; rssMB: number }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    // A sized pty (100×30) so Ink draws a normal frame; `exec` keeps the shell out of the way.
    const child = spawn('script', ['-qfec', `stty rows 30 cols 100; ${command}`, '/dev/null'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const timer = setTimeout(() => { if (!settled) { settled = true; child.kill('SIGKILL'); fail(new Error(`no first frame within 10 s; output:\n${out}`)); } }, 10_000);
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = MARKER.exec(out);
      if (m && !settled) {
        settled = true;
        if (!out.slice(0, m.index).includes('Lessons')) {
          clearTimeout(timer);
          fail(new Error(`the marker came before the home screen was drawn; output:\n${out}`));
          return;
        }
        const wallMs = performance.now() - start;
        clearTimeout(timer);
        done({ wallMs, inProcessMs: Number(m[1]), rssMB: Number(m[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => { if (!settled) { settled = true; clearTimeout(timer); fail(e); } });
    child.on('exit', (code) => {
      if (!settled) { settled = true; clearTimeout(timer); fail(new Error(`exited with ${code} before the first frame; output:\n${out}`)); }
    });
  });
}

/** Runs the app `runs` times (after one warm-up run) with fresh config and data directories. */
export async function benchStartup(runs = 7): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'nd-bench-'));
  const env = {
    ...process.env,
    NETPOL_DOJO_BENCH_FIRST_FRAME: '1',
    NETPOL_DOJO_CONFIG_DIR: join(dir, 'config'),
    NETPOL_DOJO_DATA_DIR: join(dir, 'data'),
    TERM: process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color',
  };
  try {
    await once(env); // warm the file-system cache
    const results = [];
    const bare: { wallMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a busy machine slows both alike.
      bare.push(await once(env, BARE));
      results.push(await once(env));
    }
    return {
      medianMs: median(results.map((r) => r.wallMs)),
      maxMs: Math.max(...results.map((r) => r.wallMs)),
      medianInProcessMs: median(results.map((r) => r.inProcessMs)),
      rssMB: Math.max(...results.map((r) => r.rssMB)),
      runs,
      bareMs: median(bare.map((r) => r.wallMs)),
      aboveBareMs: median(results.map((r, i) => r.wallMs - bare[i].wallMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchStartup(Number(process.env.RUNS) || 7);
  console.log(`startup: median ${r.medianMs.toFixed(0)} ms (${r.runs} runs), rss ${r.rssMB.toFixed(0)} MB; ${r.aboveBareMs.toFixed(0)} ms above a bare node start (${r.bareMs.toFixed(0)} ms)`);
  console.log(`  max ${r.maxMs.toFixed(0)} ms; median ${r.medianInProcessMs.toFixed(0)} ms from the node process's start to the first frame`);
}
