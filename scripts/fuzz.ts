// npm run fuzz [-- --runs N] [--seed S] [--minutes M]: the CLI fuzz property of test/fuzz/cli-fuzz.test.ts
// (test/fuzz/properties.ts) for much longer: by default 20,000 runs or 2 minutes, whichever comes first
// (with --runs and no --minutes, all the runs). Prints totals: runs, invocations, exit codes per command,
// process warnings, and every distinct failure with its shrunk counterexample, seed and fast-check path.
//
// The property runs in a child process (this script with --child): a run that hangs (no progress for
// --hang-ms) is reported with the case and the command line that was running, the child is killed and a new
// one goes on with the next seed. After a failure the search also goes on with the next seed, until
// --max-failures distinct failures. Replay one: --seed S --path P (as printed): fast-check starts from that
// counterexample (and shrinks it again).
// Known issues (KNOWN_ISSUES in test/fuzz/properties.ts; none open now) are skipped or tolerated unless --include-known.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { caseArb, caseText, checkCase, commandLabel, FuzzFailure, KNOWN_ISSUES, visible, type FuzzCase } from '../test/fuzz/properties.ts';

interface ChildConfig {
  readonly seed: number;
  readonly runs: number;
  readonly timeLimitMs: number;
  readonly budgetMs: number;
  readonly includeKnown: boolean;
  readonly path?: string;
}

interface FailureReport { kind: string; argv: string[]; message: string; seed: number; path?: string; counterexample?: FuzzCase; shrinks?: number }

type ChildMessage =
  | { t: 'case'; c: FuzzCase; shrinking: boolean }
  | { t: 'invocation'; argv: string[] }
  | { t: 'done'; shrinking: boolean; outcome: 'ok' | 'skip' | 'fail'; invocations: [string, number, number][]; warnings: string[] }
  | { t: 'result'; numRuns: number; numSkips: number; interrupted: boolean; failure?: FailureReport };

// ---- child: runs fast-check, reports every case before running it ----

async function child(cfg: ChildConfig): Promise<void> {
  const send = (m: ChildMessage) => new Promise<void>((resolve) => { process.send!(m, undefined, {}, () => resolve()); });
  let shrinking = false;
  let invocations: [string, number, number][] = [];
  let warnings: string[] = [];
  const opts = {
    budgetMs: cfg.budgetMs,
    checkJson: true,
    known: cfg.includeKnown ? [] : KNOWN_ISSUES,
    beforeInvocation: (argv: readonly string[]) => send({ t: 'invocation', argv: [...argv] }),
    onInvocation: (label: string, code: number, ms: number) => { invocations.push([label, code, ms]); },
    onWarning: (label: string, w: string) => { warnings.push(`${label}: ${w}`); },
  };
  let lastFailure: FuzzFailure | undefined;
  const property = fc.asyncProperty(caseArb, async (c) => {
    const replay = shrinking; // after the first failure, fast-check only replays shrunk cases
    await send({ t: 'case', c, shrinking: replay });
    let outcome: 'ok' | 'skip' | 'fail' = 'ok';
    try {
      await checkCase(c, opts);
    } catch (e) {
      outcome = fc.PreconditionFailure.isFailure(e) ? 'skip' : 'fail';
      if (outcome === 'fail') { shrinking = true; if (e instanceof FuzzFailure) lastFailure = e; }
      throw e;
    } finally {
      await send({ t: 'done', shrinking: replay, outcome, invocations, warnings });
      invocations = [];
      warnings = [];
    }
  });
  const r = await fc.check(property, {
    seed: cfg.seed, numRuns: cfg.runs, path: cfg.path, endOnFailure: false,
    interruptAfterTimeLimit: Number.isFinite(cfg.timeLimitMs) ? Math.max(1, cfg.timeLimitMs) : undefined, markInterruptAsFailure: false,
  });
  let failure: FailureReport | undefined;
  if (r.failed) {
    const e = r.errorInstance;
    const f = e instanceof FuzzFailure ? e : lastFailure;
    failure = {
      kind: e instanceof FuzzFailure ? e.kind : 'exception in the property', argv: f ? [...f.argv] : [],
      message: e instanceof Error ? e.message : String(e), seed: r.seed, path: r.counterexamplePath ?? undefined,
      counterexample: r.counterexample?.[0], shrinks: r.numShrinks,
    };
  }
  await send({ t: 'result', numRuns: r.numRuns, numSkips: r.numSkips, interrupted: r.interrupted, failure });
  process.disconnect();
}

// ---- parent: watchdog, totals, report ----

interface Totals {
  runs: number;
  skips: number;
  invocations: number;
  codes: Map<number, number>;
  byCommand: Map<string, Map<number, number>>;
  slowest: { ms: number; label: string };
  warnings: Map<string, number>;
}

const bump = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

/** Runs one child; resolves with its result, or a hang report when it stopped making progress. */
function runChild(cfg: ChildConfig, hangMs: number, totals: Totals): Promise<{ numRuns: number; failure?: FailureReport; finished: boolean }> {
  return new Promise((resolve) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child'], {
      execArgv: process.execArgv, serialization: 'advanced', env: { ...process.env, FUZZ_CHILD_CONFIG: JSON.stringify(cfg) },
    });
    let lastCase: FuzzCase | undefined;
    let lastArgv: string[] = [];
    let caseShrinking = false;
    let runs = 0;
    let settled = false;
    const settle = (v: { numRuns: number; failure?: FailureReport; finished: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        proc.kill('SIGKILL');
        settle({
          numRuns: runs, finished: false,
          failure: {
            kind: 'hang', argv: lastArgv, seed: cfg.seed, counterexample: lastCase,
            message: `no progress for ${hangMs} ms${caseShrinking ? ' (while shrinking another failure)' : ''} running netpol-dojo ${lastArgv.map((a) => visible(a)).join(' ')}`,
          },
        });
      }, hangMs);
    };
    arm();
    proc.on('message', (m: ChildMessage) => {
      arm();
      if (m.t === 'case') { lastCase = m.c; caseShrinking = m.shrinking; lastArgv = []; } else if (m.t === 'invocation') lastArgv = m.argv;
      else if (m.t === 'done') {
        if (m.shrinking) return; // shrinking replays do not count
        if (m.outcome === 'skip') { totals.skips++; return; }
        runs++;
        totals.runs++;
        for (const [label, code, ms] of m.invocations) {
          totals.invocations++;
          bump(totals.codes, code);
          bump(totals.byCommand.get(label) ?? totals.byCommand.set(label, new Map()).get(label)!, code);
          if (ms > totals.slowest.ms) totals.slowest = { ms, label };
        }
        for (const w of m.warnings) bump(totals.warnings, w.replace(/: .*/s, ': ') + w.replace(/^[^:]*: /, '').slice(0, 70));
      } else if (m.t === 'result') settle({ numRuns: m.numRuns, failure: m.failure, finished: true });
    });
    proc.on('exit', (code, signal) => {
      if (!settled) settle({ numRuns: runs, finished: false, failure: { kind: 'child process died', argv: lastArgv, seed: cfg.seed, counterexample: lastCase, message: `the fuzz child exited (${signal ?? code}) running netpol-dojo ${lastArgv.map((a) => visible(a)).join(' ')}` } });
    });
  });
}

function histogram(m: Map<number, number>): string {
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}: ${n}`).join('  ');
}

async function parent(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' }, seed: { type: 'string' }, minutes: { type: 'string' }, path: { type: 'string' },
      'budget-ms': { type: 'string' }, 'hang-ms': { type: 'string' }, 'max-failures': { type: 'string' },
      'include-known': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: node --import tsx scripts/fuzz.ts [--runs N] [--seed S] [--minutes M] [--path P] [--budget-ms MS] [--hang-ms MS] [--max-failures N] [--include-known]\n');
    return 0;
  }
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const runs = num(values.runs, 20_000);
  const minutes = values.minutes !== undefined ? Number(values.minutes) : values.runs !== undefined ? Infinity : 2;
  const seed = num(values.seed, Date.now() % 2_147_483_647);
  const budgetMs = num(values['budget-ms'], 3000);
  const hangMs = num(values['hang-ms'], 30_000);
  const maxFailures = num(values['max-failures'], 10);
  const includeKnown = values['include-known'] ?? false;
  const start = Date.now();
  const deadline = start + minutes * 60_000;
  const totals: Totals = { runs: 0, skips: 0, invocations: 0, codes: new Map(), byCommand: new Map(), slowest: { ms: 0, label: '' }, warnings: new Map() };
  const failures: FailureReport[] = [];
  const seen = new Map<string, number>();
  process.stdout.write(`fuzz: seed ${seed}, up to ${runs} runs${Number.isFinite(minutes) ? ` or ${minutes} min` : ''}; per-invocation budget ${budgetMs} ms of CPU time, hang after ${hangMs} ms without progress\n`);
  if (KNOWN_ISSUES.length) process.stdout.write(`known issues ${includeKnown ? 'INCLUDED' : 'skipped/tolerated'}: ${KNOWN_ISSUES.map((k) => k.id).join(', ')}\n`);
  const progress = setInterval(() => {
    const s = (Date.now() - start) / 1000;
    process.stderr.write(`[fuzz] ${totals.runs} runs, ${totals.skips} skipped, ${failures.length} failures, ${s.toFixed(0)} s, ${(totals.runs / s).toFixed(1)} runs/s\n`);
  }, 15_000);
  for (let k = 0; totals.runs < runs && Date.now() < deadline && failures.length < maxFailures; k++) {
    const cfg: ChildConfig = { seed: seed + k, runs: values.path ? runs : runs - totals.runs, timeLimitMs: deadline - Date.now(), budgetMs, includeKnown, path: values.path };
    const r = await runChild(cfg, hangMs, totals);
    if (r.failure) {
      const signature = `${r.failure.kind} | ${r.failure.argv.length ? commandLabel(r.failure.argv) : '?'}`;
      bump(seen, signature);
      if (seen.get(signature) === 1) failures.push(r.failure);
    }
    if (values.path || (r.finished && !r.failure)) break; // all runs done, or the time is up
  }
  clearInterval(progress);
  const secs = (Date.now() - start) / 1000;
  const out: string[] = [];
  out.push(`\nfuzz totals: ${totals.runs} runs${KNOWN_ISSUES.length ? ` (+${totals.skips} skipped as known issues)` : ''} in ${secs.toFixed(1)} s (${(totals.runs / secs).toFixed(1)} runs/s), ${totals.invocations} CLI invocations`);
  out.push(`exit codes: ${histogram(totals.codes)}`);
  for (const [label, m] of [...totals.byCommand.entries()].sort()) out.push(`  ${label.padEnd(18)} ${histogram(m)}`);
  out.push(`slowest invocation: ${Math.round(totals.slowest.ms)} ms of CPU time (${totals.slowest.label})`);
  const warned = [...totals.warnings.values()].reduce((a, b) => a + b, 0);
  out.push(`process warnings (printed by Node on the real stderr): ${warned}`);
  for (const [w, n] of totals.warnings) out.push(`  ${n} × ${visible(w, 120)}`);
  out.push(`failures found: ${failures.length} distinct (${[...seen.values()].reduce((a, b) => a + b, 0)} in all)`);
  failures.forEach((f, i) => {
    out.push(`\n#${i + 1} ${f.kind}: seed ${f.seed}${f.path ? `, path ${f.path}` : ''}${f.shrinks !== undefined ? `, ${f.shrinks} shrinks` : ''} (replay: --seed ${f.seed}${f.path ? ` --path ${f.path}` : ''} --runs 1)`);
    out.push(f.message.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    if (f.counterexample) out.push(`counterexample:\n${caseText(f.counterexample)}`);
  });
  process.stdout.write(`${out.join('\n')}\n`);
  return failures.length ? 1 : 0;
}

if (process.argv.includes('--child')) {
  await child(JSON.parse(process.env.FUZZ_CHILD_CONFIG ?? '{}') as ChildConfig);
} else {
  process.exitCode = await parent();
}
