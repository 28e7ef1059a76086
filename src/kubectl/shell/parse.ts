// The container shell's parser: a small POSIX sh grammar (quoting, variables, pipes, && || ; &, redirections,
// "!" and comments) into a list of pipelines. Loops, conditionals, functions, subshells and command
// substitution are outside the simulated scope and come back as "unsupported". Pure.

export type Part =
  | { readonly kind: 'lit'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'var'; readonly name: string; readonly quoted: boolean };

export type Word = readonly Part[];

export interface Redirection {
  readonly fd: number;
  /** "<" read, ">" truncate, ">>" append, ">&" duplicate (target is a fd number or "-"), "&>" stdout and stderr. */
  readonly op: '<' | '>' | '>>' | '>&' | '&>';
  readonly target: Word;
}

export interface SimpleCommand {
  readonly assigns: readonly { readonly name: string; readonly value: Word }[];
  readonly words: readonly Word[];
  readonly redirs: readonly Redirection[];
}

export interface Pipeline { readonly negate: boolean; readonly commands: readonly SimpleCommand[] }

export interface AndOr { readonly first: Pipeline; readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[] }

export type Script = readonly AndOr[];

export type SyntaxProblem =
  | { readonly kind: 'unexpected'; readonly token: string }
  | { readonly kind: 'eof' }
  | { readonly kind: 'unterminated'; readonly quote: string }
  | { readonly kind: 'unsupported'; readonly what: string };

export type Parsed = { readonly ok: true; readonly script: Script } | { readonly ok: false; readonly problem: SyntaxProblem };

type Token =
  | { readonly t: 'word'; readonly word: Word; readonly raw: string }
  | { readonly t: 'op'; readonly op: string; readonly fd?: number };

const MAX_INPUT = 64 * 1024;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATORS = ['&&', '||', ';;', '>>', '>&', '<&', '&>', '|', '&', ';', '<', '>', '(', ')', '\n'];
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select', '{', '}', '[[']);

class Problem extends Error {
  constructor(readonly problem: SyntaxProblem) { super(problem.kind); }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let parts: Part[] = [];
  let raw = '';
  let lit = '';
  let litQuoted = false;
  let inWord = false;
  const flushLit = () => {
    if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: litQuoted });
    lit = '';
  };
  const addLit = (s: string, quoted: boolean) => {
    if (quoted !== litQuoted) flushLit();
    litQuoted = quoted;
    lit += s;
    inWord = true;
  };
  const endWord = () => {
    flushLit();
    if (inWord) tokens.push({ t: 'word', word: parts, raw });
    parts = []; raw = ''; inWord = false;
  };
  /** Reads a $-expansion at text[i] ("$"); returns the index after it. */
  const dollar = (i: number, quoted: boolean): number => {
    const next = text[i + 1];
    if (next === '(') throw new Problem({ kind: 'unsupported', what: 'command substitution $(…)' });
    if (next === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw new Problem({ kind: 'unterminated', quote: '${' });
      const name = text.slice(i + 2, end);
      if (!NAME.test(name) && !/^[0-9?$#@*!-]$/.test(name)) throw new Problem({ kind: 'unsupported', what: `the expansion \${${name}}` });
      flushLit(); parts.push({ kind: 'var', name, quoted }); inWord = true;
      return end + 1;
    }
    if (next !== undefined && /[?$#@*!0-9-]/.test(next)) { flushLit(); parts.push({ kind: 'var', name: next, quoted }); inWord = true; return i + 2; }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (m) { flushLit(); parts.push({ kind: 'var', name: m[0], quoted }); inWord = true; return i + 1 + m[0].length; }
    addLit('$', quoted);
    return i + 1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); i++; continue; }
    if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (i + 1 < text.length) { raw += text.slice(i, i + 2); addLit(text[i + 1], true); }
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Problem({ kind: 'unterminated', quote: "'" });
      addLit(text.slice(i + 1, end), true);
      raw += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      inWord = true;
      for (;;) {
        if (i >= text.length) throw new Problem({ kind: 'unterminated', quote: '"' });
        const d = text[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
          if (text[i + 1] !== '\n') addLit(text[i + 1], true);
          i += 2;
          continue;
        }
        if (d === '`') throw new Problem({ kind: 'unsupported', what: 'command substitution `…`' });
        if (d === '$') { i = dollar(i, true); continue; }
        addLit(d, true);
        i++;
      }
      raw += text.slice(start, i);
      continue;
    }
    if (c === '`') throw new Problem({ kind: 'unsupported', what: 'command substitution `…`' });
    if (c === '$') { const start = i; i = dollar(i, false); raw += text.slice(start, i); continue; }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      // "2>" and "2>&1": a word of digits right before a redirection is its file descriptor.
      let fd: number | undefined;
      if ((op[0] === '>' || op[0] === '<') && inWord && parts.length === 0 && !litQuoted && /^\d$/.test(lit)) {
        fd = Number(lit); lit = ''; inWord = false; raw = '';
      }
      endWord();
      tokens.push(fd === undefined ? { t: 'op', op } : { t: 'op', op, fd });
      i += op.length;
      continue;
    }
    raw += c;
    addLit(c, false);
    i++;
  }
  endWord();
  return tokens;
}

function wordText(w: Word): string | undefined {
  return w.every((p) => p.kind === 'lit') ? w.map((p) => (p as { text: string }).text).join('') : undefined;
}

function unquotedText(w: Word): string | undefined {
  return w.length === 1 && w[0].kind === 'lit' && !w[0].quoted ? w[0].text : undefined;
}

/** Parses one script (a -c argument, or one line of an interactive shell). */
export function parseScript(text: string): Parsed {
  if (text.length > MAX_INPUT) return { ok: false, problem: { kind: 'unsupported', what: `a script over ${MAX_INPUT} characters` } };
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.problem };
    throw e;
  }
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (t: Token | undefined, ...ops: string[]): boolean => t?.t === 'op' && ops.includes(t.op);
  const fail = (t: Token | undefined): never => {
    if (!t) throw new Problem({ kind: 'eof' });
    throw new Problem({ kind: 'unexpected', token: t.t === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.raw });
  };
  const skipNewlines = () => { while (isOp(peek(), '\n')) pos++; };

  const simple = (): SimpleCommand => {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redirection[] = [];
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.t === 'op') {
        if (['<', '>', '>>', '>&', '<&', '&>'].includes(t.op)) {
          pos++;
          const target = peek();
          if (!target || target.t !== 'word') fail(target);
          pos++;
          const op = t.op === '<&' ? '>&' : (t.op as Redirection['op']);
          redirs.push({ fd: t.fd ?? (t.op === '<' || t.op === '<&' ? 0 : 1), op, target: (target as { word: Word }).word });
          continue;
        }
        if (t.op === '(' || t.op === ')') {
          if (t.op === '(' && words.length === 0) throw new Problem({ kind: 'unsupported', what: 'subshells ( … )' });
          fail(t);
        }
        break;
      }
      const plain = unquotedText(t.word) ?? (t.word.length && t.word[0].kind === 'lit' && !t.word[0].quoted ? t.word[0].text : undefined);
      if (words.length === 0 && plain !== undefined) {
        const eq = plain.indexOf('=');
        if (eq > 0 && NAME.test(plain.slice(0, eq))) {
          const first = t.word[0] as { text: string; quoted: boolean };
          const rest: Part[] = [{ kind: 'lit', text: first.text.slice(eq + 1), quoted: false }, ...t.word.slice(1)];
          assigns.push({ name: plain.slice(0, eq), value: rest.filter((p) => p.kind !== 'lit' || p.text !== '') });
          pos++;
          continue;
        }
        const bare = unquotedText(t.word);
        if (bare !== undefined && RESERVED.has(bare)) {
          if (bare === '{' || bare === '}') throw new Problem({ kind: 'unsupported', what: 'command groups { … }' });
          if (['then', 'else', 'elif', 'fi', 'do', 'done', 'esac'].includes(bare)) fail(t);
          throw new Problem({ kind: 'unsupported', what: bare === 'function' ? 'functions' : `"${bare}"` });
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*\(\)$/.test(t.raw) || isOp(tokens[pos + 1], '(') && isOp(tokens[pos + 2], ')')) {
          throw new Problem({ kind: 'unsupported', what: 'functions' });
        }
      }
      words.push(t.word);
      pos++;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) fail(peek());
    return { assigns, words, redirs };
  };

  const pipeline = (): Pipeline => {
    let negate = false;
    const t = peek();
    if (t?.t === 'word' && unquotedText(t.word) === '!') { negate = true; pos++; }
    const commands = [simple()];
    while (isOp(peek(), '|')) {
      pos++;
      skipNewlines();
      commands.push(simple());
    }
    return { negate, commands };
  };

  const andOr = (): AndOr => {
    const first = pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    while (isOp(peek(), '&&', '||')) {
      const op = (peek() as { op: '&&' | '||' }).op;
      pos++;
      skipNewlines();
      rest.push({ op, pipeline: pipeline() });
    }
    return { first, rest };
  };

  try {
    const script: AndOr[] = [];
    skipNewlines();
    while (pos < tokens.length) {
      script.push(andOr());
      const t = peek();
      if (!t) break;
      if (isOp(t, ';', '&', '\n')) {
        pos++;
        skipNewlines();
        continue;
      }
      fail(t);
    }
    return { ok: true, script };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** A word's text when it holds no expansion (for fd numbers of >&N). */
export { wordText };
