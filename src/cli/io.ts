// The effects a command may use, injected so tests can run commands in memory.
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** true when stdout is a terminal (colours allowed unless NO_COLOR). */
  readonly isTTY: boolean;
  readonly readStdin?: () => string;
  /** true once the reader of stdout went away (EPIPE): long outputs may stop early; writes are dropped anyway. */
  readonly stdoutClosed?: () => boolean;
}

export function useColor(io: CliIO): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

export const paint = (on: boolean) => ({
  green: (s: string) => (on ? `\x1b[32m${s}\x1b[39m` : s),
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
});

/** A usage or input error: message for stderr, exit code 2. */
export class UsageError extends Error {}

/**
 * Takes `--NAME VALUE` / `--NAME=VALUE` out of the arguments (the last one wins), leaving everything from a
 * "--" on untouched: netpol-dojo's own flags around kubectl's and remote commands' arguments.
 */
export function takeFlag(argv: readonly string[], name: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { for (let k = i; k < argv.length; k++) rest.push(argv[k]); break; }
    if (a === `--${name}`) {
      if (i + 1 >= argv.length) throw new UsageError(`error: flag needs an argument: --${name}`);
      value = argv[++i];
    } else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
    else rest.push(a);
  }
  return { value, rest };
}
