// Runs the conformance cases in test/fixtures/e2e-cases (format: ../shared/conformance/FORMAT.md)
// against `reach -o json`, in memory. Each case is one test; a failure lists every mismatching pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { runCli, tempFiles } from './run-cli.ts';

const CASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'e2e-cases');
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

interface Check {
  port: number | string;
  protocol: (typeof PROTOCOLS)[number];
  from: string[];
  to: string[];
  expect: Record<string, string>;
}

interface Case { id: string; source: string; manifests: string; checks: Check[] }

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** ns/name of every Pod in manifest order, items of `kind: *List` included: the default from/to list. */
function manifestPods(manifests: string): string[] {
  const pods: string[] = [];
  for (const doc of parseAllDocuments(manifests)) {
    const value: unknown = doc.toJS();
    const items = isObj(value) && String(value.kind ?? '').endsWith('List') && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      if (!isObj(item) || item.kind !== 'Pod') continue;
      const meta = isObj(item.metadata) ? item.metadata : {};
      const key = `${typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default'}/${String(meta.name)}`;
      if (!pods.includes(key)) pods.push(key);
    }
  }
  return pods;
}

function loadCase(file: string): Case {
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  const where = (msg: string) => `${file}: ${msg}`;
  if (!isObj(raw) || typeof raw.manifests !== 'string') throw new Error(where('needs a manifests string'));
  if (typeof raw.id !== 'string' || typeof raw.source !== 'string') throw new Error(where('needs id and source'));
  if (!Array.isArray(raw.checks) || raw.checks.length === 0) throw new Error(where('needs a non-empty checks list'));
  const pods = manifestPods(raw.manifests);
  const checks = raw.checks.map((c: unknown, n: number): Check => {
    const at = (msg: string) => where(`check ${n + 1}: ${msg}`);
    if (!isObj(c)) throw new Error(at('not a mapping'));
    const port = c.port;
    if (typeof port !== 'number' && typeof port !== 'string') throw new Error(at('needs a port'));
    const protocol = c.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol as Check['protocol'])) throw new Error(at(`bad protocol ${String(protocol)}`));
    const from = c.from ?? pods;
    const to = c.to ?? pods;
    if (!isStrList(from) || !isStrList(to)) throw new Error(at('from/to must be lists of strings'));
    if (!isObj(c.expect)) throw new Error(at('needs an expect mapping'));
    const expect: Record<string, string> = {};
    for (const f of from) {
      const row = c.expect[f];
      if (typeof row !== 'string' || row.length !== to.length || /[^01.]/.test(row)) {
        throw new Error(at(`expect[${f}] must be ${to.length} chars of 0/1/.`));
      }
      const self = to.indexOf(f);
      if (self >= 0 && row[self] !== '.') throw new Error(at(`self pair ${f} must be '.'`));
      expect[f] = row;
    }
    const extra = Object.keys(c.expect).filter((k) => !from.includes(k));
    if (extra.length) throw new Error(at(`expect rows for unknown sources: ${extra.join(', ')}`));
    return { port, protocol: protocol as Check['protocol'], from, to, expect };
  });
  return { id: raw.id, source: raw.source, manifests: raw.manifests, checks };
}

interface ReachJson { port: number; protocol: string; results: { from: string; to: string; allowed: boolean }[] }

/** Runs one check; returns one line per pair whose verdict differs from the expectation. */
async function runCheck(file: string, check: Check): Promise<string[]> {
  const argv = ['reach', '-f', file, '--port', String(check.port), '--protocol', check.protocol];
  for (const f of check.from) argv.push('--from', f);
  for (const t of check.to) argv.push('--to', t);
  argv.push('-o', 'json');
  const label = `${check.port}/${check.protocol}`;
  const r = await runCli(argv);
  if (r.code !== 0) return [`${label}: reach exited ${r.code}: ${r.stderr.trim()}`];
  let out: ReachJson;
  try {
    out = JSON.parse(r.stdout) as ReachJson;
  } catch {
    return [`${label}: output is not JSON: ${r.stdout.slice(0, 80)}`];
  }
  const got = new Map(out.results.map((x) => [`${x.from} ${x.to}`, x.allowed]));
  const diffs: string[] = [];
  for (const f of check.from) {
    check.to.forEach((t, j) => {
      const want = check.expect[f][j];
      if (want === '.' || f === t) return;
      const have = got.get(`${f} ${t}`);
      if (have === undefined) diffs.push(`${label} ${f} -> ${t}: want ${want}, got no result`);
      else if (have !== (want === '1')) diffs.push(`${label} ${f} -> ${t}: want ${want}, got ${have ? 1 : 0}`);
    });
  }
  return diffs;
}

const files = readdirSync(CASE_DIR).filter((n) => n.endsWith('.yaml')).sort();

test('the e2e case corpus is present and its ids are unique', () => {
  assert.ok(files.length >= 35, `expected at least 35 case files in ${CASE_DIR}, found ${files.length}`);
  const ids = files.map((f) => loadCase(join(CASE_DIR, f)).id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate case ids');
});

for (const name of files) {
  const c = loadCase(join(CASE_DIR, name));
  test(`${c.id} (${name})`, async () => {
    const manifest = tempFiles({ 'manifests.yaml': c.manifests })['manifests.yaml'];
    const diffs: string[] = [];
    for (const check of c.checks) diffs.push(...(await runCheck(manifest, check)));
    assert.deepEqual(diffs, [], `${c.id}: ${diffs.length} pair(s) differ (source: ${c.source})\n  ${diffs.join('\n  ')}`);
  });
}
