// Lint for ordinary manifest files: schema errors (file:line:col) and the policy doctor's warnings,
// located at the YAML path inside the policy. Pure: the caller reads the files.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { LoadedText } from '../content/load.ts';
import type { LintFinding } from '../content/lesson-findings.ts';
import { pathText, SourceMap } from '../content/lesson-source.ts';
import { manifestTextProblem, MAX_INPUT_OBJECTS, tooManyObjects } from '../content/input-limits.ts';
import { clusterFromObjects, parseManifests, type ManifestObject } from '../content/manifests.ts';
import { diagnosePolicies } from './doctor.ts';

export interface ManifestLint {
  readonly findings: readonly LintFinding[];
  readonly objects: number;
  readonly policies: number;
}

/** Source maps of each document of a file, by the line and column where its contents start. */
function docMaps(f: LoadedText): Map<string, SourceMap> {
  const lc = new LineCounter();
  const maps = new Map<string, SourceMap>();
  const docs = parseAllDocuments(f.text, { lineCounter: lc, logLevel: 'error' });
  for (const doc of (Array.isArray(docs) ? docs : []) as Document[]) {
    const start = doc.contents?.range?.[0];
    if (start === undefined) continue;
    const pos = lc.linePos(start);
    maps.set(`${pos.line}:${pos.col}`, new SourceMap(doc, lc, f.text));
  }
  return maps;
}

/** Lints the files as one set: the doctor sees the pods and namespaces of all of them together. */
export function lintManifestFiles(files: readonly LoadedText[]): ManifestLint {
  const findings: LintFinding[] = [];
  const objects: ManifestObject[] = [];
  for (const f of files) {
    const tooBig = manifestTextProblem(f.text); // before the YAML parser: see input-limits.ts
    if (tooBig) { findings.push({ severity: 'error', file: f.file, line: 1, col: 1, path: '', message: tooBig }); continue; }
    const r = parseManifests(f.text, f.file);
    if (!r.ok) {
      for (const e of r.errors) findings.push({ severity: 'error', file: e.file, line: e.line, col: e.col, path: '', message: e.message });
      continue;
    }
    if (objects.length + r.value.objects.length > MAX_INPUT_OBJECTS) {
      findings.push({ severity: 'error', file: f.file, line: 1, col: 1, path: '', message: tooManyObjects(objects.length + r.value.objects.length) });
      continue;
    }
    for (const o of r.value.objects) objects.push(o);
    for (const w of r.value.warnings) {
      const m = /^(.*):(\d+):(\d+): (.*)$/.exec(w);
      if (m) findings.push({ severity: 'warning', file: m[1], line: Number(m[2]), col: Number(m[3]), path: '', message: m[4] });
      else findings.push({ severity: 'warning', file: f.file, line: 1, col: 1, path: '', message: w });
    }
  }
  const cluster = clusterFromObjects(objects);
  const sources = new Map<string, ManifestObject>();
  for (const o of objects) if (o.kind === 'NetworkPolicy') sources.set(`${o.policy.namespace}/${o.policy.name}`, o);
  const maps = new Map<string, Map<string, SourceMap>>();
  for (const d of diagnosePolicies(cluster)) {
    const o = sources.get(d.policy);
    if (!o) continue;
    const { file, line, col } = o.source;
    const text = files.find((f) => f.file === file);
    let fileMaps = maps.get(file);
    if (!fileMaps && text) { fileMaps = docMaps(text); maps.set(file, fileMaps); }
    const map = fileMaps?.get(`${line}:${col}`);
    const pos = map ? map.at(d.path) : { line, col };
    findings.push({ severity: 'warning', file, ...pos, path: pathText(d.path), message: `NetworkPolicy ${d.policy}: ${d.message}` });
  }
  return { findings, objects: objects.length, policies: cluster.policies.length };
}
