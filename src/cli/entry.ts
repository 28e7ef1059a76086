// Process wiring: real streams, environment, exit code. Everything else is in main().
// Output goes to the file descriptors synchronously (src/cli/std-streams.ts): when the reader of stdout
// or stderr goes away (`| head -1`), output stops quietly and the exit code is still the command's own.
import { isatty } from 'node:tty';
import { MAX_MANIFEST_BYTES } from '../content/input-limits.ts';
import { main } from './main.ts';
import { fdWriter, readStdinBounded } from './std-streams.ts';
import { withoutFetch } from './without-fetch.ts';
import { closeAllRealKubectl } from './real-kubectl.ts';

const err = fdWriter(2);
const out = fdWriter(1, (code) => err.write(`netpol-dojo: cannot write to standard output: ${code}\n`));
const io = {
  stdout: out.write,
  stderr: err.write,
  stdoutClosed: out.closed,
  env: process.env,
  isTTY: isatty(1), // not process.stdout.isTTY: creating that stream would make a piped stdout non-blocking
  readStdin: () => readStdinBounded(MAX_MANIFEST_BYTES),
};

/** The TUI and its wiring are separate chunks, loaded only for `netpol-dojo` / `netpol-dojo lesson`. */
async function tui(argv: string[], env: NodeJS.ProcessEnv | Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  // The profile chosen with --profile reaches every effect through the environment.
  if (env.NETPOL_DOJO_PROFILE) process.env.NETPOL_DOJO_PROFILE = env.NETPOL_DOJO_PROFILE;
  if (argv[0] === 'exam') {
    const [{ runExamTui }, { examTuiHost }] = await withoutFetch(() => Promise.all([import('../ui/run-exam.tsx'), import('./exam-tui-host.ts')]));
    const code = await runExamTui(argv.slice(1), examTuiHost(process.env));
    await closeAllRealKubectl();
    return code;
  }
  if (argv[0] === 'drill') {
    const [{ runDrillTui }, { drillTuiHost }] = await withoutFetch(() => Promise.all([import('../ui/run-drill.tsx'), import('./drill-tui-host.ts')]));
    const code = await runDrillTui(argv.slice(1), drillTuiHost(process.env));
    await closeAllRealKubectl();
    return code;
  }
  // withoutFetch: a faster first frame (see without-fetch.ts).
  const [{ runTui }, { tuiHost }] = await withoutFetch(() => Promise.all([import('../ui/run-tui.tsx'), import('./tui-deps.ts')]));
  const code = await runTui(argv, tuiHost(process.env));
  await closeAllRealKubectl();
  return code;
}

const code = await main(process.argv.slice(2), io, tui);
// A write error other than EPIPE (a full disk, an I/O error) fails a command that otherwise succeeded: 74 is EX_IOERR.
process.exitCode = code === 0 && out.failure() ? 74 : code;
