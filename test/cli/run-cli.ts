// Runs main() in memory with captured output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

export interface CliRun { code: number; stdout: string; stderr: string }

/** With `onStdout`, output goes there piece by piece (for outputs larger than one string can hold) and `stdout` stays empty. */
export async function runCli(argv: string[], env: Record<string, string> = {}, onStdout?: (chunk: string) => void): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: onStdout ?? ((t) => { stdout += t; }), stderr: (t) => { stderr += t; }, env: { NO_COLOR: '1', ...env }, isTTY: false });
  return { code, stdout, stderr };
}

/** Writes files into a fresh temp dir and returns their paths by name. */
export function tempFiles(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-test-'));
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    out[name] = join(dir, name);
    writeFileSync(out[name], text);
  }
  return out;
}
