// The commands a container has: core utilities every image ships (busybox applets or GNU coreutils, which word
// their errors differently) and the per-image network tools. Pure.
import { runCurl, type Remote } from '../curl.ts';
import { hasTool, toolOf } from '../images.ts';
import { runDig, runNc, runNslookup, runWget } from '../tools.ts';
import { directoryEntries, isDirectory, normalizePath } from './files.ts';
import { baseName, pathOf, readFile, type Machine } from './interp.ts';

const CORE = new Set(['cat', 'echo', 'printf', 'grep', 'egrep', 'head', 'tail', 'wc', 'sleep', 'true', 'false', 'hostname', 'env', 'printenv', 'id', 'whoami', 'ls', 'pwd', 'test', '[', 'uname', 'date', 'which']);

const OUTPUT_CAP = 4 * 1024 * 1024;

const ok = (stdout = ''): Remote => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, code = 1, stdout = ''): Remote => ({ stdout, stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, code });

function busybox(m: Machine): boolean {
  return m.profile.sh === 'ash';
}

/** Whether the image has an executable of that name (shells aside). */
export function utilityExists(m: Machine, cmd: string): boolean {
  const b = baseName(cmd);
  if (CORE.has(b)) return true;
  const tool = toolOf(b);
  if (tool) return hasTool(m.profile, tool);
  if (b === 'apk') return busybox(m) && m.profile.repository !== 'busybox';
  if (b === 'apt-get' || b === 'apt') return m.profile.sh === 'dash';
  return false;
}

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** The inputs of a filter: its files (or stdin); a missing file is reported and skipped. */
function inputs(m: Machine, cmd: string, files: string[], stdin: string): { texts: { name: string; text: string }[]; errors: string; missing: boolean } {
  if (files.length === 0) return { texts: [{ name: '(standard input)', text: stdin }], errors: '', missing: false };
  const texts: { name: string; text: string }[] = [];
  let errors = '';
  let size = 0;
  for (const f of files) {
    if (f === '-') { texts.push({ name: '(standard input)', text: stdin }); continue; }
    const abs = normalizePath(f, m.cwd);
    if (isDirectory(abs, m.profile, m.files)) { errors += `${cmd}: ${busybox(m) ? `read error: ` : `${f}: `}Is a directory\n`; continue; }
    const text = readFile(m, f);
    if (text === undefined) { errors += busybox(m) && cmd !== 'grep' ? `${cmd}: can't open '${f}': No such file or directory\n` : `${cmd}: ${f}: No such file or directory\n`; continue; }
    size += text.length;
    if (size > OUTPUT_CAP) { errors += `${cmd}: write error: output too large\n`; break; }
    texts.push({ name: f, text });
  }
  return { texts, errors, missing: errors !== '' };
}

function unescape(text: string): string {
  return text.replace(/\\(n|t|\\|r|a|0)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', r: '\r', a: '\x07', 0: '' }[c] ?? c));
}

function echo(args: string[]): Remote {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
  }
  const text = args.slice(i).join(' ');
  return ok(`${escapes ? unescape(text) : text}${newline ? '\n' : ''}`);
}

function printf(args: string[]): Remote {
  if (args.length === 0) return fail('printf: usage: printf format [arguments]', 2);
  const [format, ...rest] = args;
  let out = '';
  let k = 0;
  do {
    out += unescape(format).replace(/%(%|s|d|i)/g, (_, c: string) => {
      if (c === '%') return '%';
      const v = rest[k++] ?? '';
      return c === 's' ? v : String(Number.parseInt(v, 10) || 0);
    });
  } while (k < rest.length && /%[sdi]/.test(format));
  return ok(out);
}

/** A grep pattern as a JavaScript regular expression: basic (BRE), extended (-E) or fixed (-F). */
function grepRegex(pattern: string, mode: 'basic' | 'extended' | 'fixed', flags: string): RegExp | undefined {
  let src: string;
  if (mode === 'fixed') src = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  else if (mode === 'extended') src = pattern;
  else {
    src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\' && i + 1 < pattern.length) {
        const d = pattern[++i];
        src += '(){}|+?'.includes(d) ? d : `\\${d}`;
      } else src += '(){}|+?'.includes(c) ? `\\${c}` : c;
    }
  }
  try {
    return new RegExp(src, flags);
  } catch {
    return undefined;
  }
}

function grep(m: Machine, args: string[], stdin: string): Remote {
  const opts = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const long: Record<string, string> = { quiet: 'q', silent: 'q', 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F', 'line-number': 'n', 'only-matching': 'o', 'word-regexp': 'w', 'line-regexp': 'x' };
      const s = long[a.slice(2)];
      if (!s) return fail(`grep: unrecognized option '${a}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`, 2);
      opts.add(s);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'e') { const v = a.length > j + 1 ? a.slice(j + 1) : args[++i]; if (v === undefined) return fail("grep: option requires an argument -- 'e'", 2); patterns.push(v); break; }
        if (!'qivcEFnowxsHhl'.includes(c)) return fail(`grep: invalid option -- '${c}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`, 2);
        opts.add(c);
      }
      continue;
    }
    files.push(a);
  }
  if (patterns.length === 0 && files.length) patterns.push(files.shift() as string);
  if (patterns.length === 0) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...\nTry \'grep --help\' for more information.', 2);
  const mode = opts.has('F') ? 'fixed' : opts.has('E') ? 'extended' : 'basic';
  const res: RegExp[] = [];
  for (const p of patterns.flatMap((x) => x.split('\n'))) {
    let re = grepRegex(p, mode, `${opts.has('i') ? 'i' : ''}g`);
    if (re && opts.has('w')) re = new RegExp(`(?<![A-Za-z0-9_])(?:${re.source})(?![A-Za-z0-9_])`, re.flags);
    if (re && opts.has('x')) re = new RegExp(`^(?:${re.source})$`, re.flags);
    if (!re) return fail(`grep: Invalid regular expression`, 2);
    res.push(re);
  }
  const { texts, errors, missing } = inputs(m, 'grep', files, stdin);
  const prefix = texts.length > 1 || opts.has('H');
  let out = '';
  let any = false;
  for (const { name, text } of texts) {
    let count = 0;
    lines(text).forEach((line, n) => {
      const hit = res.some((re) => { re.lastIndex = 0; return re.test(line); });
      if (hit === opts.has('v')) return;
      count++;
      any = true;
      if (opts.has('q') || opts.has('c') || opts.has('l')) return;
      const head = `${prefix && !opts.has('h') ? `${name}:` : ''}${opts.has('n') ? `${n + 1}:` : ''}`;
      if (opts.has('o') && !opts.has('v')) {
        for (const re of res) { re.lastIndex = 0; for (const mm of line.matchAll(re)) if (mm[0]) out += `${head}${mm[0]}\n`; }
      } else out += `${head}${line}\n`;
    });
    if (opts.has('c') && !opts.has('q')) out += `${prefix && !opts.has('h') ? `${name}:` : ''}${count}\n`;
    if (opts.has('l') && count > 0 && !opts.has('q')) out += `${name}\n`;
    if (opts.has('q') && any) return ok();
  }
  if (opts.has('s')) return { stdout: out, stderr: '', code: any ? 0 : missing ? 2 : 1 };
  return { stdout: out, stderr: errors, code: missing && !any ? 2 : any ? 0 : 1 };
}

/** -n N, -N, -nN, -n +N (tail: from line N). */
function countOpt(args: string[], cmd: string): { n: number; from: boolean; files: string[] } | { error: string } {
  let n = 10;
  let from = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('-') && a !== '-') return { error: `${cmd}: invalid option -- '${a.slice(1, 2)}'` };
    else { files.push(a); continue; }
    if (v === undefined || !/^[+-]?\d+$/.test(v)) return { error: `${cmd}: invalid number of lines: '${v ?? ''}'` };
    from = v.startsWith('+');
    n = Math.abs(Number(v));
  }
  return { n, from, files };
}

function headTail(m: Machine, cmd: 'head' | 'tail', args: string[], stdin: string): Remote {
  const o = countOpt(args, cmd);
  if ('error' in o) return fail(o.error);
  const { texts, errors, missing } = inputs(m, cmd, o.files, stdin);
  let out = '';
  for (const { name, text } of texts) {
    if (texts.length > 1) out += `${out ? '\n' : ''}==> ${name} <==\n`;
    const l = lines(text);
    const pick = cmd === 'head' ? l.slice(0, o.n) : o.from ? l.slice(Math.max(0, o.n - 1)) : o.n === 0 ? [] : l.slice(-o.n);
    out += pick.map((x) => `${x}\n`).join('');
  }
  return { stdout: out, stderr: errors, code: missing ? 1 : 0 };
}

function wc(m: Machine, args: string[], stdin: string): Remote {
  const flags = new Set(args.filter((a) => /^-[lwcm]+$/.test(a)).flatMap((a) => a.slice(1).split('')));
  const files = args.filter((a) => !/^-[lwcm]+$/.test(a));
  const bad = files.find((a) => a.startsWith('-') && a !== '-');
  if (bad) return fail(`wc: invalid option -- '${bad.slice(1, 2)}'`);
  const show = flags.size ? ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m'))) : ['l', 'w', 'c'];
  const { texts, errors, missing } = inputs(m, 'wc', files, stdin);
  const rows = texts.map(({ name, text }) => {
    const counts: Record<string, number> = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(text).length };
    return { name: files.length ? name : '', counts };
  });
  const width = show.length === 1 && files.length === 0 ? 0 : 7;
  const out = rows.map((r) => [show.map((f) => String(r.counts[f]).padStart(width)).join(' '), r.name].filter(Boolean).join(' ')).join('\n');
  return { stdout: out ? `${out}\n` : '', stderr: errors, code: missing ? 1 : 0 };
}

function sleep(m: Machine, args: string[]): Remote {
  if (args.length === 0) return busybox(m) ? fail('BusyBox v1.36.1 multi-call binary.\n\nUsage: sleep [N]...') : fail("sleep: missing operand\nTry 'sleep --help' for more information.");
  for (const a of args) {
    if (!/^(\d+(\.\d+)?[smhd]?|inf(inity)?)$/.test(a)) return busybox(m) ? fail(`sleep: invalid number '${a}'`) : fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
  }
  return ok();
}

function test(m: Machine, name: string, args0: string[]): Remote {
  let args = args0;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return fail(m.flavor === 'bash' ? `${m.shell}: [: missing \`]'` : `${m.shell}: missing ]`, 2);
    args = args.slice(0, -1);
  }
  const exists = (p: string) => readFile(m, p) !== undefined || isDirectory(normalizePath(p, m.cwd), m.profile, m.files);
  const evalArgs = (a: string[]): boolean | string => {
    if (a[0] === '!' && a.length > 1) { const r = evalArgs(a.slice(1)); return typeof r === 'string' ? r : !r; }
    if (a.length === 0) return false;
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, v] = a;
      switch (op) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-e': case '-r': case '-w': return exists(v);
        case '-f': case '-s': return readFile(m, v) !== undefined && (op === '-f' || (readFile(m, v) ?? '') !== '');
        case '-d': return isDirectory(normalizePath(v, m.cwd), m.profile, m.files);
        case '-x': return utilityExists(m, baseName(v)) && v.includes('/');
        default: return `${op}: unary operator expected`;
      }
    }
    if (a.length === 3) {
      const [x, op, y] = a;
      const num = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : undefined);
      switch (op) {
        case '=': case '==': return x === y;
        case '!=': return x !== y;
        case '-eq': case '-ne': case '-lt': case '-le': case '-gt': case '-ge': {
          const nx = num(x); const ny = num(y);
          if (nx === undefined || ny === undefined) return `${nx === undefined ? x : y}: integer expression expected`;
          return op === '-eq' ? nx === ny : op === '-ne' ? nx !== ny : op === '-lt' ? nx < ny : op === '-le' ? nx <= ny : op === '-gt' ? nx > ny : nx >= ny;
        }
        default: return `${op}: binary operator expected`;
      }
    }
    return 'too many arguments';
  };
  const r = evalArgs(args);
  if (typeof r === 'string') return fail(`${m.flavor === 'dash' ? `${m.shell}: ${m.line}: ` : `${m.shell}: `}${name}: ${r}`, 2);
  return { stdout: '', stderr: '', code: r ? 0 : 1 };
}

function ls(m: Machine, args: string[]): Remote {
  const paths = args.filter((a) => !a.startsWith('-'));
  const long = args.some((a) => a.startsWith('-') && a.includes('l'));
  const targets = paths.length ? paths : ['.'];
  let out = '';
  let err = '';
  let code = 0;
  for (const p of targets) {
    const abs = normalizePath(p, m.cwd);
    if (isDirectory(abs, m.profile, m.files)) {
      const names = directoryEntries(abs, m.profile, m.files);
      if (targets.length > 1) out += `${out ? '\n' : ''}${p}:\n`;
      if (names.length) out += m.tty && !long ? `${names.join('  ')}\n` : `${names.join('\n')}\n`;
    } else if (readFile(m, p) !== undefined) out += `${p}\n`;
    else {
      err += busybox(m) ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`;
      code = busybox(m) ? 1 : 2;
    }
  }
  return { stdout: out, stderr: err, code };
}

function idOf(m: Machine, args: string[]): Remote {
  const root = m.profile.user === 'root';
  if (args.includes('-u')) return ok(`${args.includes('-n') ? m.profile.user : root ? 0 : 100}\n`);
  return ok(root ? 'uid=0(root) gid=0(root) groups=0(root)\n' : `uid=100(${m.profile.user}) gid=101(curl_group) groups=101(curl_group)\n`);
}

function date(m: Machine): Remote {
  const d = new Date(m.now);
  if (Number.isNaN(d.getTime())) return ok('\n');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const t = d.toISOString().slice(11, 19);
  return ok(`${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${t} UTC ${d.getUTCFullYear()}\n`);
}

function curlAgent(m: Machine): string {
  switch (m.profile.repository) {
    case 'nginx': return m.profile.sh === 'ash' ? 'curl/8.11.1' : 'curl/7.88.1';
    case 'curlimages/curl': return 'curl/8.11.1';
    case 'nicolaka/netshoot': return 'curl/8.7.1';
    default: return 'curl/8.5.0';
  }
}

/** Runs a utility of the image (its existence already checked). */
export function runApplet(m: Machine, name: string, args: string[], stdin: string): Remote {
  switch (name) {
    case 'echo': return echo(args);
    case 'printf': return printf(args);
    case 'cat': {
      const files = args.filter((a) => a === '-' || !a.startsWith('-'));
      const { texts, errors, missing } = inputs(m, 'cat', files, stdin);
      return { stdout: texts.map((t) => t.text).join(''), stderr: errors, code: missing ? 1 : 0 };
    }
    case 'grep': return grep(m, args, stdin);
    case 'egrep': return grep(m, ['-E', ...args], stdin);
    case 'head': return headTail(m, 'head', args, stdin);
    case 'tail': return headTail(m, 'tail', args, stdin);
    case 'wc': return wc(m, args, stdin);
    case 'sleep': return sleep(m, args);
    case 'true': return ok();
    case 'false': return { stdout: '', stderr: '', code: 1 };
    case 'hostname':
      if (args.includes('-i') || args.includes('-I')) return ok(`${m.pod.ip}${args.includes('-I') ? ' ' : ''}\n`);
      return ok(`${m.pod.name}\n`);
    case 'env': return ok(Object.entries(m.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    case 'printenv': {
      if (args.length === 0) return ok(Object.entries(m.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      const found = args.filter((a) => a in m.env);
      return { stdout: found.map((a) => `${m.env[a]}\n`).join(''), stderr: '', code: found.length === args.length ? 0 : 1 };
    }
    case 'id': return idOf(m, args);
    case 'whoami': return ok(`${m.profile.user}\n`);
    case 'ls': return ls(m, args);
    case 'pwd': return ok(`${m.cwd}\n`);
    case 'test': case '[': return test(m, name, args);
    case 'uname':
      if (args.includes('-a')) return ok(`Linux ${m.pod.name} 6.8.0-1017-gcp #19-Ubuntu SMP PREEMPT_DYNAMIC x86_64 ${busybox(m) ? 'Linux' : 'GNU/Linux'}\n`);
      if (args.includes('-r')) return ok('6.8.0-1017-gcp\n');
      if (args.includes('-m')) return ok('x86_64\n');
      if (args.includes('-n')) return ok(`${m.pod.name}\n`);
      return ok('Linux\n');
    case 'date': return date(m);
    case 'which': {
      const found = args.filter((a) => !a.startsWith('-') && (utilityExists(m, a) || ['sh', 'ash', 'bash', 'dash', 'zsh'].some((s) => s === baseName(a) && (s === 'sh' || (s === 'bash' ? hasTool(m.profile, 'bash') : s === 'ash' ? busybox(m) : s === 'dash' ? m.profile.sh === 'dash' : m.profile.repository === 'nicolaka/netshoot')))));
      return { stdout: found.map((a) => `${pathOf(m, a)}\n`).join(''), stderr: '', code: found.length === args.filter((a) => !a.startsWith('-')).length && found.length > 0 ? 0 : 1 };
    }
    case 'curl': return runCurl(m.cc, m.sb, m.pod, args, m.now, m.tty, m.hits, curlAgent(m));
    case 'wget': return runWget(m.cc, m.sb, m.pod, args, m.hits);
    case 'nc': case 'ncat': case 'netcat': return runNc(m.cc, m.sb, m.pod, args, m.hits);
    case 'nslookup': return runNslookup(m.cc, m.pod, args);
    case 'dig': return runDig(m.cc, m.pod, args, m.now);
    case 'ping':
      return fail('netpol-dojo: ping is not simulated. NetworkPolicy rules match TCP, UDP and SCTP only; whether ICMP passes depends on the CNI plugin, so test with curl, wget or nc instead.');
    case 'apk': case 'apt-get': case 'apt':
      return fail(`netpol-dojo: installing packages is not simulated (the sandbox has no package mirror); start a pod from an image that has the tool, e.g. kubectl run tmp --rm -it --image=nicolaka/netshoot -- bash`, name === 'apk' ? 1 : 100);
    default:
      return fail(`${name}: not found`, 127);
  }
}
