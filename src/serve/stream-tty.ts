// The terminal side of an interactive session: what a pty's line discipline does with the keys kubectl sends in raw
// mode (echo, Enter, backspace, Ctrl-C, Ctrl-D, Ctrl-U; escape sequences such as arrow keys are dropped), and the
// newline translation of output (a pty turns "\n" into "\r\n").

export type TtyAction =
  | { readonly kind: 'echo'; readonly text: string }
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'eof' };

/** Longest line kept; further typed characters are ignored (a terminal line is never this long). */
const MAX_LINE = 8192;

export class LineDiscipline {
  private buf = '';
  /** Inside an escape sequence: 0 none, 1 after ESC, 2 after ESC [ (until the final byte). */
  private esc = 0;

  constructor(private readonly tty: boolean) {}

  /** Feeds bytes from the client's stdin; returns what to do, in order. */
  feed(text: string): TtyAction[] {
    return this.tty ? this.feedTty(text) : this.feedLines(text);
  }

  /** The client closed stdin: a partial last line still runs (non-TTY), then end of input. */
  end(): TtyAction[] {
    const out: TtyAction[] = [];
    if (!this.tty && this.buf.length > 0) out.push({ kind: 'line', text: this.buf });
    this.buf = '';
    out.push({ kind: 'eof' });
    return out;
  }

  private feedLines(text: string): TtyAction[] {
    const out: TtyAction[] = [];
    for (const ch of text) {
      if (ch === '\n') {
        out.push({ kind: 'line', text: this.buf.endsWith('\r') ? this.buf.slice(0, -1) : this.buf });
        this.buf = '';
      } else if (this.buf.length < MAX_LINE) {
        this.buf += ch;
      }
    }
    return out;
  }

  private feedTty(text: string): TtyAction[] {
    const out: TtyAction[] = [];
    let echo = '';
    const flush = (): void => {
      if (echo) out.push({ kind: 'echo', text: echo });
      echo = '';
    };
    for (const ch of text) {
      if (this.esc === 1) { this.esc = ch === '[' || ch === 'O' ? 2 : 0; continue; }
      if (this.esc === 2) { if (ch >= '@' && ch <= '~') this.esc = 0; continue; }
      switch (ch) {
        case '\x1b': this.esc = 1; break;
        case '\r': case '\n':
          echo += '\r\n';
          flush();
          out.push({ kind: 'line', text: this.buf });
          this.buf = '';
          break;
        case '\x7f': case '\b':
          if (this.buf.length > 0) {
            this.buf = [...this.buf].slice(0, -1).join('');
            echo += '\b \b';
          }
          break;
        case '\x03':
          echo += '^C\r\n';
          flush();
          this.buf = '';
          out.push({ kind: 'interrupt' });
          break;
        case '\x04':
          if (this.buf.length === 0) {
            flush();
            out.push({ kind: 'eof' });
            return out;
          }
          break;
        case '\x15':
          echo += '\b \b'.repeat([...this.buf].length);
          this.buf = '';
          break;
        case '\t':
          break;
        default:
          if (ch < ' ') break;
          if (this.buf.length < MAX_LINE) { this.buf += ch; echo += ch; }
      }
    }
    flush();
    return out;
  }
}

/** Output as a terminal shows it: every "\n" becomes "\r\n". */
export function onlcr(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
