// kubectl get -w: after the list, one row per change of an object the command lists. Pure: the CLI polls the
// state file and hands each new state here with the one before it.
import type { KubectlEnv } from './context.ts';
import { obj, str } from './json.ts';
import { WATCH_EVENT_WIDTH } from './get.ts';
import { runKubectl } from './index.ts';
import { findVerb } from './real-flags.ts';
import type { Sandbox, StoredObject } from './sandbox.ts';

const WATCH_FLAGS = /^(-w|--watch|--watch=true|--watch-only|--watch-only=true)$/;

/** Whether a get command line asks to watch (-w, --watch, --watch-only). */
export function wantsWatch(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const own = end < 0 ? args : args.slice(0, end);
  return own.some((a) => WATCH_FLAGS.test(a)) && findVerb(own) === 'get';
}

/** The -o/--output value of a command line ('' for the default table). */
function outputFormat(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') return args[i + 1] ?? '';
    if (a.startsWith('--output=')) return a.slice('--output='.length);
    if (a.startsWith('-o') && a.length > 2) return a.slice(2).replace(/^=/, '');
  }
  return '';
}

const keyOf = (o: StoredObject) => `${o.kind}/${o.namespace}/${o.name}`;
const versionOf = (o: StoredObject) => str(obj(o.manifest.metadata).resourceVersion) ?? '';

/** Column widths (text and padding) of a table kubectl printed, read off its header line; undefined if none. */
export function tableWidths(printed: string): number[] | undefined {
  const header = printed.split('\n')[0] ?? '';
  if (!/^[A-Z]/.test(header) || !/ {3}/.test(header)) return undefined;
  const starts = [...header.matchAll(/(?:^| {3,})(?=\S)/g)].map((m) => m.index + m[0].length);
  return starts.map((start, i) => (i + 1 < starts.length ? starts[i + 1] - start : header.length - start));
}

/** A row laid out on remembered widths that only grow, as kubectl's table writer does across watch events. */
function realign(row: string, widths: number[]): string {
  const cells = row.split(/ {3,}/);
  return cells.map((c, i) => {
    if (i === cells.length - 1) return c;
    widths[i] = Math.max(widths[i] ?? 0, c.length + 3);
    return c.padEnd(widths[i]);
  }).join('');
}

/**
 * The rows `kubectl get … -w` prints for the changes from `before` to `after`: each object added, changed or
 * deleted that the command lists, in the command's columns (-o wide, -A, --show-labels…), aligned on the widths
 * of the list printed first (`widths`, updated when a row is wider). A deleted object shows its last state.
 */
export function watchRows(before: Sandbox, after: Sandbox, args: readonly string[], env: KubectlEnv, widths?: number[]): string {
  const old = new Map(before.objects.map((o) => [keyOf(o), o]));
  const now = new Map(after.objects.map((o) => [keyOf(o), o]));
  const changed: { o: StoredObject; sb: Sandbox; event: 'ADDED' | 'MODIFIED' | 'DELETED' }[] = [];
  for (const o of after.objects) {
    const prev = old.get(keyOf(o));
    if (!prev || versionOf(prev) !== versionOf(o)) changed.push({ o, sb: after, event: prev ? 'MODIFIED' : 'ADDED' });
  }
  for (const o of before.objects) if (!now.has(keyOf(o))) changed.push({ o, sb: before, event: 'DELETED' });
  const end = args.indexOf('--');
  const all = end < 0 ? args : args.slice(0, end);
  // EVENT goes in front of table rows only (-o name, yaml… print the objects alone).
  const format = outputFormat(all);
  const events = all.includes('--output-watch-events') && (format === '' || format === 'wide');
  const own = all.filter((a) => !WATCH_FLAGS.test(a) && a !== '--no-headers' && a !== '--output-watch-events');
  let out = '';
  for (const { o, sb, event } of changed) {
    // The object alone in its cluster (with the namespaces): the command then prints its row and nothing else.
    const alone: Sandbox = { ...sb, objects: sb.objects.filter((x) => x === o || (x.kind === 'Namespace' && o.kind !== 'Namespace')) };
    const r = runKubectl(alone, [...own, '--no-headers'], env);
    if (r.exitCode !== 0 || !r.stdout) continue;
    const text = events ? r.stdout.split('\n').map((l) => (l ? `${event.padEnd(WATCH_EVENT_WIDTH)}${l}` : l)).join('\n') : r.stdout;
    out += widths ? text.split('\n').map((l) => (l ? realign(l, widths) : l)).join('\n') : text;
  }
  return out;
}

const FOLLOW_FLAGS = /^(-f|--follow|--follow=true)$/;

/** Whether a command line is `logs … -f` (new lines are streamed after the log so far). */
export function wantsFollow(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const own = end < 0 ? args : args.slice(0, end);
  return own.some((a) => FOLLOW_FLAGS.test(a)) && findVerb(own) === 'logs';
}

/**
 * The lines `kubectl logs -f` prints next: the log in `after` past what `shown` (the whole log printed so far)
 * ends with. The log keeps its last lines only, so the new lines are found after the longest overlap.
 * undefined: the pod (or container) is gone, and the follow ends.
 */
export function followLines(shown: readonly string[], after: Sandbox, args: readonly string[], env: KubectlEnv): { lines: string[]; log: string[] } | undefined {
  const end = args.indexOf('--');
  const own = (end < 0 ? args : args.slice(0, end));
  const plain: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    if (FOLLOW_FLAGS.test(a) || a.startsWith('--tail=')) continue;
    if (a === '--tail') { i++; continue; }
    plain.push(a);
  }
  const r = runKubectl(after, plain, { ...env, follows: true });
  if (r.exitCode !== 0) return undefined;
  const log = r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
  for (let k = Math.min(shown.length, log.length); k >= 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = log[i] === shown[shown.length - k + i];
    if (same) return { lines: log.slice(k), log };
  }
  return { lines: log, log };
}
