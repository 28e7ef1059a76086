// Waiting for frames without fixed sleeps, and key escape sequences.
export const KEY = {
  right: '\u001B[C', left: '\u001B[D', up: '\u001B[A', down: '\u001B[B', enter: '\r', escape: '\u001B', pageDown: '\u001B[6~',
} as const;

/** Polls until the last frame satisfies `pred` (a string it must contain, or a function), or fails after `ms`. */
export async function waitFor(lastFrame: () => string | undefined, pred: string | RegExp | ((f: string) => boolean), ms = 3000): Promise<string> {
  const test = typeof pred === 'string' ? (f: string) => f.includes(pred) : pred instanceof RegExp ? (f: string) => pred.test(f) : pred;
  const start = Date.now();
  for (;;) {
    const f = lastFrame() ?? '';
    if (test(f)) return f;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${String(pred)}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
