// Command-line handling: a shell-like splitter and a pflag-like flag parser with kubectl's messages.

/** Splits a command line like a POSIX shell would (quotes, backslashes); no expansion. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inToken = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      cur += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
      i = end < 0 ? line.length : end + 1;
      inToken = true;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) { cur += line[i + 1]; i += 2; } else { cur += line[i]; i++; }
      }
      i++;
      inToken = true;
    } else if (ch === '\\') {
      if (i + 1 < line.length && line[i + 1] !== '\n') cur += line[i + 1];
      i += 2;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) { out.push(cur); cur = ''; inToken = false; }
      i++;
    } else {
      cur += ch;
      inToken = true;
      i++;
    }
  }
  if (inToken) out.push(cur);
  return out;
}

export type FlagType = 'bool' | 'string' | 'strings' | 'optional';

export interface FlagSpec { readonly name: string; readonly short?: string; readonly type: FlagType }

/** Every flag the simulated kubectl knows; each command allows a subset (see commands.ts). */
export const FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'dry-run', type: 'optional' },
  { name: 'image', type: 'string' },
  { name: 'labels', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'target-port', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'protocol', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'replicas', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'rm', type: 'bool' },
  { name: 'restart', type: 'string' },
  { name: 'command', type: 'bool' },
  { name: 'env', type: 'strings' },
  { name: 'expose', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'string' },
  { name: 'now', type: 'bool' },
  { name: 'wait', type: 'optional' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'optional' },
  { name: 'api-version', type: 'string' },
  { name: 'client', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Arguments after `--` (the remote command of exec/run), undefined when there was no `--`. */
  readonly rest?: readonly string[];
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

export type ParseArgsResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

/** Parses flags anywhere on the line (like cobra); `--` ends flag parsing. SPECS: the flags the command knows. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[] = FLAGS): ParseArgsResult {
  const findLong = (name: string) => specs.find((f) => f.name === name);
  const findShort = (ch: string) => specs.find((f) => f.short === ch);
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') return { ok: true, args: { positionals, rest: argv.slice(i + 1), flags } };
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      const spec = findLong(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (spec.type === 'bool') add(spec.name, eq < 0 ? 'true' : tok.slice(eq + 1));
      else if (spec.type === 'optional') add(spec.name, eq < 0 ? '' : tok.slice(eq + 1));
      else if (eq >= 0) add(spec.name, tok.slice(eq + 1));
      else if (i + 1 < argv.length) add(spec.name, argv[++i]);
      else return { ok: false, error: `flag needs an argument: --${name}` };
      continue;
    }
    if (tok.startsWith('-') && tok.length > 1) {
      for (let j = 1; j < tok.length; j++) {
        const ch = tok[j];
        const spec = findShort(ch);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${tok}` };
        if (spec.type === 'bool') {
          if (tok[j + 1] === '=') { add(spec.name, tok.slice(j + 2)); break; }
          add(spec.name, 'true');
          continue;
        }
        let value = tok.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${ch}' in ${tok}` };
          value = argv[++i];
        }
        add(spec.name, value);
        break;
      }
      continue;
    }
    positionals.push(tok);
  }
  return { ok: true, args: { positionals, flags } };
}

export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function flagValues(args: ParsedArgs, name: string): readonly string[] {
  return args.flags.get(name) ?? [];
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  const v = flagValue(args, name);
  return v !== undefined && v !== 'false';
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.has(name);
}
