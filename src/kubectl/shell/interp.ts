// The container shell's interpreter: runs parsed scripts (pipes, && || ;, redirections, variables, exit) with the
// image's shell wording its own errors (busybox ash, Debian's dash, bash), and runs a command the way the container
// runtime does when it is not given to a shell. Pure: the machine is a scratch state for one command or one line.
import type { CompiledCluster } from '../../engine/compile.ts';
import type { Pod } from '../../engine/types.ts';
import type { Remote } from '../curl.ts';
import { hasTool, imagesWithTool, toolOf, type ImageProfile, type ShellFlavor } from '../images.ts';
import type { AccessHit } from '../net.ts';
import type { Sandbox } from '../sandbox.ts';
import { runApplet, utilityExists } from './applets.ts';
import { FILES_LIMIT, isDirectory, normalizePath, staticFile } from './files.ts';
import type { ShellSession } from './index.ts';
import { parseScript, type AndOr, type Pipeline, type SimpleCommand, type SyntaxProblem, type Word } from './parse.ts';

export interface MachineInit {
  readonly cc: CompiledCluster;
  readonly sb: Sandbox;
  readonly now: string;
  readonly tty: boolean;
  readonly hits: AccessHit[];
  readonly pod: Pod;
  readonly image: string;
  readonly profile: ImageProfile;
  readonly podEnv: Readonly<Record<string, string>>;
}

export interface Machine extends MachineInit {
  /** Exported variables (what env prints and commands see). */
  env: Record<string, string>;
  /** Shell variables that are not exported. */
  vars: Record<string, string>;
  files: Record<string, string>;
  cwd: string;
  lastCode: number;
  /** The shell as invoked, for its messages. */
  shell: string;
  flavor: ShellFlavor;
  mode: 'c' | 'interactive' | 'stdin';
  line: number;
  exited?: number;
  steps: number;
  out: string;
  err: string;
  /** Every write to out and err, in order (what a terminal shows). */
  readonly written: readonly { readonly fd: 1 | 2; readonly text: string }[];
  stdin: string;
}

const MAX_STEPS = 5000;
const MAX_OUTPUT = 4 * 1024 * 1024;
const SHELL_NAMES = ['sh', 'ash', 'bash', 'dash', 'zsh'];

export function baseName(cmd: string): string {
  return cmd.split('/').pop() || cmd;
}

function imageEnv(profile: ImageProfile): Record<string, string> {
  switch (profile.repository) {
    case 'nginx': return { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' };
    case 'postgres': return { GOSU_VERSION: '1.17', PG_MAJOR: '17', PG_VERSION: '17.2-1.pgdg120+1', PGDATA: '/var/lib/postgresql/data' };
    case 'redis': return { REDIS_VERSION: '7.4.1' };
    case 'httpd': return { HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '2.4.62' };
    case 'curlimages/curl': return { CURL_VERSION: '8.11.1', CURL_RELEASE_TAG: 'curl-8_11_1' };
    default: return {};
  }
}

/** The environment of a process in the container: image, kubelet (Service variables) and pod env. */
function baseEnv(init: MachineInit): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: init.pod.name };
  if (init.tty) env.TERM = 'xterm';
  const created = init.pod.creationTimestamp ?? '';
  const services = init.cc.cluster.services.filter((s) => (s.namespace === init.pod.namespace || (s.namespace === 'default' && s.name === 'kubernetes'))
    && s.clusterIP && s.clusterIP !== 'None' && s.ports.length && (s.creationTimestamp ?? '') <= created);
  for (const s of services) {
    const prefix = s.name.toUpperCase().replace(/-/g, '_');
    const p = s.ports[0];
    env[`${prefix}_SERVICE_HOST`] = s.clusterIP;
    env[`${prefix}_SERVICE_PORT`] = String(p.port);
    if (p.name) env[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    env[`${prefix}_PORT`] = `${p.protocol.toLowerCase()}://${s.clusterIP}:${p.port}`;
    for (const q of s.ports) {
      const k = `${prefix}_PORT_${q.port}_${q.protocol}`;
      env[k] = `${q.protocol.toLowerCase()}://${s.clusterIP}:${q.port}`;
      env[`${k}_PROTO`] = q.protocol.toLowerCase();
      env[`${k}_PORT`] = String(q.port);
      env[`${k}_ADDR`] = s.clusterIP;
    }
  }
  return { ...env, ...imageEnv(init.profile), ...init.podEnv, HOME: init.profile.home };
}

export function newMachine(init: MachineInit): Machine {
  const m = {
    ...init, env: baseEnv(init), vars: {}, files: {}, cwd: init.profile.workdir, lastCode: 0, shell: 'sh', flavor: init.profile.sh,
    mode: 'c', line: 1, steps: 0, stdin: '',
  } as Omit<Machine, 'out' | 'err' | 'written'> as Machine;
  // stdout and stderr as written, in order: on a terminal both go to the same screen, interleaved.
  const written: { fd: 1 | 2; text: string }[] = [];
  const stream = (fd: 1 | 2) => {
    let value = '';
    return {
      get: () => value,
      set: (next: string) => {
        if (next.startsWith(value)) written.push({ fd, text: next.slice(value.length) });
        value = next;
      },
      enumerable: true,
    };
  };
  Object.defineProperty(m, 'out', stream(1));
  Object.defineProperty(m, 'err', stream(2));
  Object.defineProperty(m, 'written', { value: written, enumerable: false });
  return m;
}

/** What a terminal shows of the machine's output: stdout and stderr merged in the order they were written. */
export function terminalText(m: Machine): string {
  return m.written.map((w) => w.text).join('');
}

/** The flavor of a shell command in this image, or undefined when the image has no such shell. */
export function shellFlavorOf(cmd: string, profile?: ImageProfile): ShellFlavor | undefined {
  const b = baseName(cmd);
  if (!SHELL_NAMES.includes(b)) return undefined;
  if (!profile) return b === 'bash' || b === 'zsh' ? 'bash' : b === 'dash' ? 'dash' : 'ash';
  switch (b) {
    case 'sh': return profile.sh;
    case 'ash': return profile.sh === 'ash' ? 'ash' : undefined;
    case 'dash': return profile.sh === 'dash' ? 'dash' : undefined;
    case 'bash': return hasTool(profile, 'bash') ? 'bash' : undefined;
    case 'zsh': return profile.repository === 'nicolaka/netshoot' ? 'bash' : undefined;
    default: return undefined;
  }
}

/** The prompt of an interactive shell. */
export function shellPromptOf(flavor: ShellFlavor, shell: string, pod: string, cwd: string, home?: string, profile?: ImageProfile): string {
  const root = (profile?.user ?? 'root') === 'root';
  const sign = root ? '#' : '$';
  const h = home ?? profile?.home ?? '/root';
  const w = cwd === h ? '~' : cwd.startsWith(`${h}/`) ? `~${cwd.slice(h.length)}` : cwd;
  if (baseName(shell) === 'zsh') return `${pod}${sign === '#' ? '#' : '%'} `;
  switch (flavor) {
    case 'ash': return `${w} ${sign} `;
    case 'dash': return `${sign} `;
    case 'bash': return profile?.sh === 'ash' ? `${pod}:${w}${sign} ` : `${profile?.user ?? 'root'}@${pod}:${w}${sign} `;
    default: {
      const never: never = flavor;
      return String(never);
    }
  }
}

/** The runtime's message for an executable the image does not have (kubectl then reports exit code 126). */
function ociNotFound(m: Machine, cmd: string): Remote {
  const why = cmd.includes('/') ? `stat ${cmd}: no such file or directory` : 'executable file not found in $PATH';
  return { stdout: '', stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": ${why}: unknown\n${toolHint(m, cmd)}`, code: 126 };
}

/** A hint in the simulator's own words after a missing network tool: which images have it. */
export function toolHint(m: Machine, cmd: string): string {
  const tool = toolOf(baseName(cmd));
  if (!tool) return '';
  const where = m.profile.repository ? `the ${m.profile.repository} image` : `the image ${m.image}`;
  return `netpol-dojo: ${where} has no ${tool}; images with ${tool}: ${imagesWithTool(tool).join(', ')}\n`;
}

function notFound(m: Machine, cmd: string): Remote {
  const name = m.shell;
  let text: string;
  switch (m.flavor) {
    case 'ash': text = `${name}: ${cmd}: not found`; break;
    case 'dash': text = `${name}: ${m.line}: ${cmd}: not found`; break;
    case 'bash': text = m.mode === 'interactive' ? `${name}: ${cmd}: ${cmd.includes('/') ? 'No such file or directory' : 'command not found'}` : `${name}: line ${m.line}: ${cmd}: ${cmd.includes('/') ? 'No such file or directory' : 'command not found'}`; break;
    default: text = `${name}: ${cmd}: not found`;
  }
  return { stdout: '', stderr: `${text}\n${toolHint(m, cmd)}`, code: 127 };
}

/** A syntax error as the shell words it. */
function syntaxError(m: Machine, p: SyntaxProblem, source: string): string {
  const name = m.shell;
  if (p.kind === 'unsupported') return `netpol-dojo: the container shell does not simulate ${p.what}; pipes, && || ;, redirections and variables work\n`;
  switch (m.flavor) {
    case 'ash':
      if (p.kind === 'eof') return `${name}: syntax error: unexpected end of file\n`;
      if (p.kind === 'unterminated') return `${name}: syntax error: unterminated quoted string\n`;
      return `${name}: syntax error: unexpected ${p.token === 'newline' ? 'newline' : `"${p.token}"`}\n`;
    case 'dash':
      if (p.kind === 'eof') return `${name}: ${m.line}: Syntax error: end of file unexpected\n`;
      if (p.kind === 'unterminated') return `${name}: ${m.line}: Syntax error: Unterminated quoted string\n`;
      return `${name}: ${m.line}: Syntax error: ${p.token === 'newline' ? 'newline' : `"${p.token}"`} unexpected\n`;
    case 'bash': {
      const where = m.mode === 'interactive' ? `${name}: ` : `${name}: -c: line ${m.line}: `;
      if (p.kind === 'eof') return m.mode === 'interactive' ? `${name}: syntax error: unexpected end of file\n` : `${name}: -c: line ${m.line + 1}: syntax error: unexpected end of file\n`;
      if (p.kind === 'unterminated') return `${where}unexpected EOF while looking for matching \`${p.quote}'\n`;
      return `${where}syntax error near unexpected token \`${p.token}'\n${m.mode === 'interactive' ? '' : `${where}\`${source}'\n`}`;
    }
    default: return `${name}: syntax error\n`;
  }
}

function lookup(m: Machine, name: string): string {
  switch (name) {
    case '?': return String(m.lastCode);
    case '$': return '1';
    case '#': return '0';
    case '0': return m.shell;
    case '-': case '!': case '@': case '*': return '';
    case 'PWD': return m.vars.PWD ?? m.cwd;
    default: return m.vars[name] ?? m.env[name] ?? '';
  }
}

/** Expands a word into fields: variables (unquoted ones split on blanks) and a leading ~. */
export function expandWord(m: Machine, word: Word): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  word.forEach((p, i) => {
    if (p.kind === 'lit') {
      let text = p.text;
      if (i === 0 && !p.quoted && (text === '~' || text.startsWith('~/'))) text = `${m.env.HOME ?? '/root'}${text.slice(1)}`;
      cur += text;
      has = true;
      return;
    }
    const value = lookup(m, p.name);
    if (p.quoted) { cur += value; has = true; return; }
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, j) => {
      if (j > 0) {
        if (has || cur !== '') fields.push(cur);
        cur = '';
        has = false;
      }
      cur += piece;
      if (piece !== '') has = true;
    });
  });
  if (has || cur !== '') fields.push(cur);
  return fields;
}

function expandOne(m: Machine, word: Word): string {
  return expandWord(m, word).join(' ');
}

type Sink = { kind: 'pipe' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string };

function writeFile(m: Machine, path: string, text: string, append: boolean): boolean {
  const before = m.files[path] ?? '';
  const total = Object.values(m.files).reduce((n, f) => n + f.length, 0) - (append ? 0 : before.length);
  if (total + text.length > FILES_LIMIT) return false;
  m.files[path] = append ? before + text : text;
  return true;
}

function fileSink(m: Machine, target: string): Sink {
  if (target === '/dev/null') return { kind: 'null' };
  if (target === '/dev/stdout') return { kind: 'pipe' };
  if (target === '/dev/stderr') return { kind: 'err' };
  return { kind: 'file', path: normalizePath(target, m.cwd) };
}

function cannotCreate(m: Machine, target: string, why: string): string {
  switch (m.flavor) {
    case 'ash': return `${m.shell}: can't create ${target}: ${why}\n`;
    case 'dash': return `${m.shell}: ${m.line}: cannot create ${target}: ${why}\n`;
    default: return `${m.shell}: ${target}: ${why}\n`;
  }
}

function cannotOpen(m: Machine, target: string): string {
  switch (m.flavor) {
    case 'ash': return `${m.shell}: can't open '${target}': No such file or directory\n`;
    case 'dash': return `${m.shell}: ${m.line}: cannot open ${target}: No such file\n`;
    default: return `${m.shell}: line ${m.line}: ${target}: No such file or directory\n`;
  }
}

/** Reads a file the shell can see (written, or provided by the image), or undefined. */
export function readFile(m: Machine, path: string): string | undefined {
  const abs = normalizePath(path, m.cwd);
  return m.files[abs] ?? staticFile(abs, m.pod, m.profile);
}

function illegalNumber(m: Machine, builtin: string, arg: string): string {
  switch (m.flavor) {
    case 'ash': return `${m.shell}: ${builtin}: Illegal number: ${arg}\n`;
    case 'dash': return `${m.shell}: ${m.line}: ${builtin}: Illegal number: ${arg}\n`;
    default: return `${m.shell}: line ${m.line}: ${builtin}: ${arg}: numeric argument required\n`;
  }
}

/** Builtins that change the shell itself; undefined when `name` is not one. */
function builtin(m: Machine, name: string, args: string[], inPipeline: boolean): Remote | undefined {
  switch (name) {
    case 'exit': {
      const arg = args[0];
      if (arg !== undefined && !/^-?\d+$/.test(arg)) {
        if (m.flavor === 'bash') { if (!inPipeline) m.exited = 2; return { stdout: '', stderr: illegalNumber(m, 'exit', arg), code: 2 }; }
        return { stdout: '', stderr: illegalNumber(m, 'exit', arg), code: 2 };
      }
      const code = arg === undefined ? m.lastCode : ((Number(arg) % 256) + 256) % 256;
      if (!inPipeline) m.exited = code;
      return { stdout: '', stderr: '', code };
    }
    case 'cd': {
      const target = args[0] === undefined ? (m.env.HOME ?? '/') : args[0] === '-' ? (m.vars.OLDPWD ?? m.cwd) : args[0];
      const abs = normalizePath(target, m.cwd);
      if (!isDir(m, abs)) {
        const msg = m.flavor === 'ash' ? `${m.shell}: cd: can't cd to ${target}: No such file or directory\n`
          : m.flavor === 'dash' ? `${m.shell}: ${m.line}: cd: can't cd to ${target}\n`
            : `${m.shell}: ${m.mode === 'interactive' ? '' : `line ${m.line}: `}cd: ${target}: No such file or directory\n`;
        return { stdout: '', stderr: msg, code: m.flavor === 'bash' ? 1 : 2 };
      }
      if (!inPipeline) { m.vars.OLDPWD = m.cwd; m.cwd = abs; }
      return { stdout: args[0] === '-' ? `${abs}\n` : '', stderr: '', code: 0 };
    }
    case 'export': {
      for (const a of args) {
        const eq = a.indexOf('=');
        const key = eq < 0 ? a : a.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return { stdout: '', stderr: `${m.shell}: export: ${a}: bad variable name\n`, code: m.flavor === 'bash' ? 1 : 2 };
        const value = eq < 0 ? (m.vars[key] ?? m.env[key] ?? '') : a.slice(eq + 1);
        delete m.vars[key];
        m.env[key] = value;
      }
      if (args.length === 0) return { stdout: Object.entries(m.env).map(([k, v]) => `export ${k}='${v}'`).join('\n') + '\n', stderr: '', code: 0 };
      return { stdout: '', stderr: '', code: 0 };
    }
    case 'unset':
      for (const a of args.filter((x) => !x.startsWith('-'))) { delete m.vars[a]; delete m.env[a]; }
      return { stdout: '', stderr: '', code: 0 };
    case 'set': case ':':
      return { stdout: '', stderr: '', code: 0 };
    case 'command': {
      if (args[0] === '-v' && args[1] !== undefined) {
        const c = args[1];
        if (['exit', 'cd', 'export', 'unset', 'set', 'command', 'echo', 'printf', 'test', '[', 'pwd', 'true', 'false', ':'].includes(c)) return { stdout: `${c}\n`, stderr: '', code: 0 };
        return utilityExists(m, c) || shellFlavorOf(c, m.profile) ? { stdout: `${pathOf(m, c)}\n`, stderr: '', code: 0 } : { stdout: '', stderr: '', code: 1 };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function pathOf(m: Machine, cmd: string): string {
  if (cmd.includes('/')) return cmd;
  const b = baseName(cmd);
  if (shellFlavorOf(b, m.profile)) return `/bin/${b}`;
  if (toolOf(b) && m.profile.sh !== 'ash') return `/usr/bin/${b}`;
  if (['curl', 'dig'].includes(b)) return `/usr/bin/${b}`;
  return m.profile.sh === 'ash' ? (['wget', 'nc', 'nslookup', 'which', 'env', 'id', 'head', 'tail', 'wc', 'printenv', 'whoami'].includes(b) ? `/usr/bin/${b}` : `/bin/${b}`) : `/usr/bin/${b}`;
}

function isDir(m: Machine, abs: string): boolean {
  return isDirectory(abs, m.profile, m.files);
}

/** Runs a nested shell (sh -c '…' inside the shell) in a copy of the machine; its exit ends only itself. */
function nested(m: Machine, argv: string[], stdin: string): Remote {
  const child: Machine = { ...m, env: { ...m.env }, vars: {}, files: m.files, out: '', err: '', exited: undefined, line: 1, mode: 'c', stdin: '' };
  const r = runArgv(child, argv, stdin);
  m.steps = child.steps;
  return r;
}

/** Runs one simple command with its redirections; returns what it wrote to the pipe (fd 1 unredirected). */
function runSimple(m: Machine, cmd: SimpleCommand, input: string, inPipeline: boolean): { out: string; code: number } {
  if (++m.steps > MAX_STEPS) { m.err += 'netpol-dojo: the container shell stopped: too many commands in one go\n'; m.exited = 2; return { out: '', code: 2 }; }
  const argv = cmd.words.flatMap((w) => expandWord(m, w));
  const assigns = cmd.assigns.map((a) => ({ name: a.name, value: expandOne(m, a.value) }));
  const fds: Record<number, Sink> = { 1: { kind: 'pipe' }, 2: { kind: 'err' } };
  let stdin = input;
  for (const r of cmd.redirs) {
    const target = expandOne(m, r.target);
    if (r.op === '<') {
      const text = readFile(m, target);
      if (text === undefined) { m.err += cannotOpen(m, target); return { out: '', code: m.flavor === 'dash' ? 2 : 1 }; }
      if (r.fd === 0) stdin = text;
      continue;
    }
    if (r.op === '>&') {
      if (target === '-') { fds[r.fd] = { kind: 'null' }; continue; }
      if (/^\d$/.test(target)) { fds[r.fd] = fds[Number(target)] ?? { kind: 'null' }; continue; }
    }
    const sink = fileSink(m, target);
    if (sink.kind === 'file') {
      if (isDir(m, sink.path)) { m.err += cannotCreate(m, target, 'Is a directory'); return { out: '', code: m.flavor === 'dash' ? 2 : 1 }; }
      const parent = sink.path.slice(0, sink.path.lastIndexOf('/')) || '/';
      if (!isDir(m, parent)) { m.err += cannotCreate(m, target, m.flavor === 'dash' ? 'Directory nonexistent' : 'No such file or directory'); return { out: '', code: m.flavor === 'dash' ? 2 : 1 }; }
      if (r.op !== '>>' || m.files[sink.path] === undefined) m.files[sink.path] = r.op === '>>' ? (staticFile(sink.path, m.pod, m.profile) ?? '') : '';
    }
    if (r.op === '&>' || (r.op === '>&' && r.fd === 1)) { fds[1] = sink; fds[2] = sink; } else fds[r.fd] = sink;
  }
  let result: Remote;
  if (argv.length === 0) {
    for (const a of assigns) { if (a.name in m.env) m.env[a.name] = a.value; else m.vars[a.name] = a.value; }
    result = { stdout: '', stderr: '', code: 0 };
  } else {
    const saved = m.env;
    if (assigns.length) m.env = { ...m.env, ...Object.fromEntries(assigns.map((a) => [a.name, a.value])) };
    const [name, ...args] = argv;
    const b = builtin(m, name, args, inPipeline);
    if (b) result = b;
    else if (shellFlavorOf(name, m.profile)) result = nested(m, argv, stdin);
    else if (utilityExists(m, name)) result = runApplet(m, baseName(name), args, stdin);
    else result = notFound(m, name);
    m.env = saved;
  }
  let out = '';
  const route = (sink: Sink, text: string) => {
    if (text === '') return;
    switch (sink.kind) {
      case 'pipe': out += text; break;
      case 'err': m.err += text; break;
      case 'null': break;
      case 'file':
        if (!writeFile(m, sink.path, text, true)) m.err += `${baseName(argv[0] ?? m.shell)}: write error: No space left on device\n`;
        break;
      default: break;
    }
  };
  route(fds[2], result.stderr);
  route(fds[1], result.stdout);
  return { out, code: result.code };
}

function runPipeline(m: Machine, p: Pipeline): number {
  let input = m.stdin;
  let code = 0;
  const many = p.commands.length > 1;
  p.commands.forEach((c, i) => {
    if (m.exited !== undefined) return;
    const r = runSimple(m, c, input, many);
    code = r.code;
    if (i === p.commands.length - 1) m.out += r.out; else input = r.out;
  });
  if (m.out.length > MAX_OUTPUT) { m.out = m.out.slice(0, MAX_OUTPUT); m.err += 'netpol-dojo: output cut at 4 MiB\n'; m.exited = 1; }
  return p.negate ? (code === 0 ? 1 : 0) : code;
}

function runAndOr(m: Machine, a: AndOr): void {
  let code = runPipeline(m, a.first);
  m.lastCode = code;
  for (const r of a.rest) {
    if (m.exited !== undefined) return;
    if ((r.op === '&&' && code === 0) || (r.op === '||' && code !== 0)) {
      code = runPipeline(m, r.pipeline);
      m.lastCode = code;
    }
  }
}

/** Parses and runs a script text; a syntax error is reported on the machine's stderr with code 2. */
function runText(m: Machine, text: string): void {
  const parsed = parseScript(text);
  if (!parsed.ok) {
    m.err += syntaxError(m, parsed.problem, text);
    m.lastCode = 2;
    if (m.mode !== 'interactive') m.exited = 2;
    return;
  }
  for (const a of parsed.script) {
    if (m.exited !== undefined) return;
    runAndOr(m, a);
  }
}

/** A shell started with arguments: -c SCRIPT, or the script read from stdin. */
function runShellArgs(m: Machine, args: readonly string[], stdin: string): Remote {
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-c' || (/^-[a-z]+$/.test(a) && a.includes('c'))) {
      script = args[i + 1];
      if (script === undefined) {
        const msg = m.flavor === 'bash' ? `${m.shell}: -c: option requires an argument\n` : m.flavor === 'dash' ? `${m.shell}: 0: -c requires an argument\n` : `${m.shell}: -c requires an argument\n`;
        return { stdout: '', stderr: msg, code: 2 };
      }
      break;
    }
    if (!a.startsWith('-')) break;
  }
  m.stdin = stdin;
  if (script !== undefined) {
    m.mode = 'c';
    m.line = 1;
    runText(m, script);
  } else {
    m.mode = 'stdin';
    m.stdin = '';
    const lines = stdin.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length && m.exited === undefined; i++) {
      m.line = i + 1;
      runText(m, lines[i]);
    }
  }
  return { stdout: m.out, stderr: m.err, code: m.exited ?? m.lastCode };
}

/** Runs argv as the container runtime does: a shell, a utility of the image, or exit 126 for a missing executable. */
export function runArgv(m: Machine, argv: readonly string[], stdin: string): Remote {
  const name = argv[0];
  const flavor = shellFlavorOf(name, m.profile);
  if (flavor) {
    m.shell = name;
    m.flavor = flavor;
    return runShellArgs(m, argv.slice(1), stdin);
  }
  if (!utilityExists(m, name)) return ociNotFound(m, name);
  return runApplet(m, baseName(name), argv.slice(1), stdin);
}

/** Runs one line of an interactive session. */
export function runShellText(m: Machine, session: ShellSession, line: string): { stdout: string; stderr: string; code: number; exited: boolean; session: ShellSession } {
  m.shell = session.shell;
  m.flavor = session.flavor;
  m.mode = 'interactive';
  m.cwd = session.cwd;
  m.lastCode = session.lastCode;
  m.line = session.line + 1;
  m.vars = { ...session.vars };
  m.env = { ...m.env, ...session.env };
  m.files = { ...session.files };
  for (const k of session.unset ?? []) delete m.env[k];
  runText(m, line);
  const base = newMachine(m);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.env)) if (base.env[k] !== v) env[k] = v;
  const unset = Object.keys(base.env).filter((k) => !(k in m.env));
  const next: ShellSession = { ...session, cwd: m.cwd, lastCode: m.exited ?? m.lastCode, line: m.line, vars: m.vars, env, unset, files: m.files };
  // On a terminal the two streams are one screen: the output comes in the order it was written.
  if (m.tty) return { stdout: terminalText(m), stderr: '', code: m.exited ?? m.lastCode, exited: m.exited !== undefined, session: next };
  return { stdout: m.out, stderr: m.err, code: m.exited ?? m.lastCode, exited: m.exited !== undefined, session: next };
}
