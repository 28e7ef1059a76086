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

async function tui(argv: string[]): Promise<number> {
  const { runTui } = await import('../ui/run-tui.tsx');
  return runTui(argv, process.env);
}

process.exitCode = await main(process.argv.slice(2), io, tui);
