// Process wiring: real streams, environment, exit code. Everything else is in main().
import { readFileSync } from 'node:fs';
import { main } from './main.ts';

const io = {
  stdout: (t: string) => { process.stdout.write(t); },
  stderr: (t: string) => { process.stderr.write(t); },
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  readStdin: () => readFileSync(0, 'utf8'),
};

/** The TUI and its wiring are separate chunks, loaded only for `netpol-dojo` / `netpol-dojo lesson`. */
async function tui(argv: string[]): Promise<number> {
  if (argv[0] === 'drill') {
    const [{ runDrillTui }, { drillTuiHost }] = await Promise.all([import('../ui/run-drill.tsx'), import('./drill-tui-host.ts')]);
    return runDrillTui(argv.slice(1), drillTuiHost(process.env));
  }
  const [{ runTui }, { tuiHost }] = await Promise.all([import('../ui/run-tui.tsx'), import('./tui-deps.ts')]);
  return runTui(argv, tuiHost(process.env));
}

process.exitCode = await main(process.argv.slice(2), io, tui);
