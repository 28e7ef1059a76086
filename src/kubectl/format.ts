// Text formatting shared by the printers: kubectl's tables, ages, timestamps, label and selector forms.
import type { LabelSelector } from '../engine/types.ts';

/**
 * A kubectl table: columns padded to the widest cell plus three spaces; the last column is not padded.
 * Trailing blanks go with trimEnd (linear): /\s+$/ retries at every blank of a long padding run, which
 * made `get ns` with a 100 000-character name take seconds.
 */
export function table(header: readonly string[] | undefined, rows: readonly (readonly string[])[]): string {
  const all = header ? [header, ...rows] : [...rows];
  if (all.length === 0) return '';
  const cols = all.reduce((n, r) => Math.max(n, r.length), 0);
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) widths.push(all.reduce((n, r) => Math.max(n, (r[c] ?? '').length), 0));
  return all.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(Math.max(widths[c] + 3, 6)))).join('').trimEnd()).join('\n') + '\n';
}

/** kubectl's AGE column: 45s, 5m12s, 17m, 3h20m, 14h, 3d5h, 40d, 2y30d. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function age(created: unknown, now: string): string {
  if (typeof created !== 'string') return '<unknown>';
  const a = Date.parse(created);
  const b = Date.parse(now);
  if (Number.isNaN(a) || Number.isNaN(b)) return '<unknown>';
  return humanDuration(b - a);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "2024-07-28 10:03:17 +0000 UTC" (Go's time.Time String, as describe networkpolicy prints it). */
export function goTime(iso: unknown): string {
  const d = new Date(String(iso));
  if (Number.isNaN(d.getTime())) return '<unknown>';
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000 UTC`;
}

/** "Mon, 29 Jul 2024 10:03:17 +0000" (describe pod's Start Time). */
export function rfc1123z(iso: unknown): string {
  const d = new Date(String(iso));
  if (Number.isNaN(d.getTime())) return '<unknown>';
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** "Mon, 29 Jul 2024 10:03:17 GMT" (HTTP Date headers). */
export function httpDate(iso: string): string {
  return rfc1123z(iso).replace('+0000', 'GMT');
}

/** "a=b,c=d" sorted by key; "<none>" when empty. */
export function labelsText(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

/** A label selector in kubectl's form, requirements sorted by key; "<none>" when empty. */
export function selectorText(sel: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const r of sel?.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    const text = r.operator === 'In' ? `${r.key} in (${vals})` : r.operator === 'NotIn' ? `${r.key} notin (${vals})` : r.operator === 'Exists' ? r.key : `!${r.key}`;
    reqs.push({ key: r.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.length ? reqs.map((r) => r.text).join(',') : '<none>';
}

/** describe's multi-line map fields ("Labels:", "Annotations:") as value lines; the first has no indent. */
export function multilineMap(map: Readonly<Record<string, string>> | undefined, skip: readonly string[] = []): string[] {
  const entries = Object.entries(map ?? {}).filter(([k]) => !skip.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`) : ['<none>'];
}

/** Aligns "Key:\tvalue" pairs like Go's tabwriter in describe output: values start after the widest key + 2. */
export function aligned(pairs: readonly (readonly [string, string | readonly string[]])[], indent = '', minWidth = 0): string[] {
  const width = pairs.reduce((n, [k]) => Math.max(n, k.length + 2), minWidth);
  const out: string[] = [];
  for (const [k, v] of pairs) {
    const vals = typeof v === 'string' ? [v] : v;
    vals.forEach((val, i) => out.push(`${indent}${(i === 0 ? k : '').padEnd(width)}${val}`.trimEnd()));
  }
  return out;
}
