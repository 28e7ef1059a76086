// The one keymap of the TUI: every binding, the screens it applies to, and the footer text derived from it.

/** The subset of Ink's Key the keymap looks at (kept structural so the keymap has no Ink import). */
export interface KeyInfo {
  readonly upArrow?: boolean; readonly downArrow?: boolean; readonly leftArrow?: boolean; readonly rightArrow?: boolean;
  readonly pageUp?: boolean; readonly pageDown?: boolean; readonly return?: boolean; readonly escape?: boolean;
  readonly ctrl?: boolean; readonly meta?: boolean; readonly tab?: boolean;
}

export type KeyCommand =
  | { readonly kind: 'quit' }
  | { readonly kind: 'back' }
  | { readonly kind: 'next' }
  | { readonly kind: 'prev' }
  | { readonly kind: 'up' }
  | { readonly kind: 'down' }
  | { readonly kind: 'page-up' }
  | { readonly kind: 'page-down' }
  | { readonly kind: 'enter' }
  | { readonly kind: 'choose'; readonly index: number }
  /** A predict step: mark the cell under the cursor allowed (true) or denied (false). */
  | { readonly kind: 'mark'; readonly allowed: boolean }
  /** A predict step: flip the cell under the cursor (unmarked → allowed → denied → allowed). */
  | { readonly kind: 'toggle' }
  | { readonly kind: 'edit' }
  | { readonly kind: 'solution' }
  | { readonly kind: 'hint' }
  | { readonly kind: 'drills' }
  | { readonly kind: 'progress' };

/** Where the learner is; decides which bindings are live and shown. */
export type KeyContext = 'home' | 'text' | 'quiz' | 'predict' | 'exercise' | 'finished' | 'progress' | 'busy';

interface Binding {
  readonly label: string;
  readonly help: string;
  readonly contexts: readonly KeyContext[];
  readonly match: (input: string, key: KeyInfo) => KeyCommand | undefined;
  /** Not shown in the footer (still live). */
  readonly hidden?: boolean;
}

const STEPPING: readonly KeyContext[] = ['text', 'quiz', 'predict', 'exercise', 'finished'];
const is = (kind: Exclude<KeyCommand['kind'], 'choose' | 'mark'>) => ({ kind }) as KeyCommand;

/** Predict steps: before the stepping keys, so `n` marks a cell denied there instead of going to the next step. */
function predictMark(input: string, key: KeyInfo): KeyCommand | undefined {
  if (key.upArrow || input === 'k') return is('up');
  if (key.downArrow || input === 'j') return is('down');
  if (input === 'y' || input === 'Y') return { kind: 'mark', allowed: true };
  if (input === 'n' || input === 'N') return { kind: 'mark', allowed: false };
  if (input === ' ') return is('toggle');
  return undefined;
}

export const BINDINGS: readonly Binding[] = [
  { label: '↑/↓', help: 'choose', contexts: ['home'], match: (i, k) => (k.upArrow || i === 'k' ? is('up') : k.downArrow || i === 'j' ? is('down') : undefined) },
  { label: 'Enter', help: 'open', contexts: ['home'], match: (i, k) => (k.return || k.rightArrow || i === 'l' ? is('enter') : undefined) },
  { label: '↑/↓ y/n', help: 'mark', contexts: ['predict'], match: predictMark },
  { label: 'Enter', help: 'reveal', contexts: ['predict'], match: (_i, k) => (k.return ? is('enter') : undefined) },
  { label: '←/→', help: 'step', contexts: STEPPING, match: (i, k) => (k.rightArrow || i === 'l' || i === 'n' ? is('next') : k.leftArrow || i === 'h' || i === 'p' ? is('prev') : undefined) },
  { label: '↑/↓ Enter', help: 'pick', contexts: ['quiz'], match: (_i, k) => (k.upArrow ? is('up') : k.downArrow ? is('down') : k.return ? is('enter') : undefined) },
  { label: '1-9', help: 'answer', contexts: ['quiz'], match: (i) => (/^[1-9]$/.test(i) ? { kind: 'choose', index: Number(i) - 1 } : undefined) },
  { label: '↑/↓', help: 'scroll', contexts: ['text', 'exercise', 'finished'], match: (_i, k) => (k.upArrow ? is('up') : k.downArrow ? is('down') : undefined), hidden: true },
  { label: 'PgUp/PgDn', help: 'scroll', contexts: STEPPING, match: (_i, k) => (k.pageUp ? is('page-up') : k.pageDown ? is('page-down') : undefined), hidden: true },
  { label: 'e', help: 'edit', contexts: ['exercise'], match: (i) => (i === 'e' ? is('edit') : undefined) },
  { label: '?', help: 'hint', contexts: ['exercise'], match: (i) => (i === '?' ? is('hint') : undefined) },
  { label: 's', help: 'solution', contexts: ['exercise'], match: (i) => (i === 's' ? is('solution') : undefined) },
  { label: 'Enter', help: 'next lesson', contexts: ['finished'], match: (_i, k) => (k.return ? is('enter') : undefined) },
  { label: 'b', help: 'course', contexts: STEPPING, match: (i, k) => (i === 'b' || k.escape ? is('back') : undefined) },
  { label: 'd', help: 'drills', contexts: ['home'], match: (i) => (i === 'd' ? is('drills') : undefined) },
  { label: 'p', help: 'progress', contexts: ['home'], match: (i) => (i === 'p' ? is('progress') : undefined) },
  { label: '↑/↓', help: 'scroll', contexts: ['progress'], match: (_i, k) => (k.upArrow ? is('up') : k.downArrow ? is('down') : k.pageUp ? is('page-up') : k.pageDown ? is('page-down') : undefined) },
  { label: 'b', help: 'back', contexts: ['progress'], match: (i, k) => (i === 'b' || k.escape ? is('back') : undefined) },
  { label: 'q', help: 'quit', contexts: ['home', 'progress', ...STEPPING], match: (i, k) => (i === 'q' || (k.ctrl && i === 'c') ? is('quit') : undefined) },
];

/** The command a key press means in this context, if any. */
export function commandFor(context: KeyContext, input: string, key: KeyInfo): KeyCommand | undefined {
  for (const b of BINDINGS) {
    if (!b.contexts.includes(context)) continue;
    const c = b.match(input, key);
    if (c) return c;
  }
  return undefined;
}

/** Footer entries for the context; hints and the solution key show only when they apply. Scrolling keys are
 * announced by the view's "more" indicator instead, so they are not listed. */
export function footerEntries(context: KeyContext, opts: { readonly solution?: boolean; readonly hint?: boolean } = {}): { label: string; help: string }[] {
  const out: { label: string; help: string }[] = [];
  for (const b of BINDINGS) {
    if (!b.contexts.includes(context) || b.hidden) continue;
    if (b.help === 'solution' && !opts.solution) continue;
    if (b.help === 'hint' && !opts.hint) continue;
    out.push({ label: b.label, help: b.help });
  }
  return out;
}

/** How far a scrolling key moves a view: ↑/↓ one line, PgUp/PgDn a page; undefined for other keys. */
export function scrollDelta(key: KeyInfo, page = 10): number | undefined {
  if (key.upArrow) return -1;
  if (key.downArrow) return 1;
  if (key.pageUp) return -page;
  if (key.pageDown) return page;
  return undefined;
}
