// Shared by reach and explain: -f files → cluster, SPEC → endpoint.
import { statSync } from 'node:fs';
import { compileCluster, isValidIP, type CompiledCluster, type Endpoint } from '../engine/index.ts';
import { readManifestPaths, type LoadedText } from '../content/load.ts';
import { manifestSizeProblem, manifestTextProblem, MAX_INPUT_OBJECTS, tooManyObjects } from '../content/input-limits.ts';
import { clusterFromObjects, formatError, parseManifests, type ManifestObject } from '../content/manifests.ts';
import { UsageError, type CliIO } from './io.ts';

/**
 * Reads manifest files, directories and stdin ("-") for reach, explain and grade, within the input limits
 * (src/content/input-limits.ts): a file too large is refused before it is read, any text too large or
 * with too many documents or entries before it is parsed.
 */
export function readManifests(paths: readonly string[], io: Pick<CliIO, 'readStdin'>): LoadedText[] {
  for (const p of paths) {
    if (p === '-') continue;
    let size: number | undefined;
    try { const st = statSync(p); size = st.isFile() ? st.size : undefined; } catch { /* reported by the reader */ }
    const problem = size === undefined ? undefined : manifestSizeProblem(size);
    if (problem) throw new UsageError(`error: ${p}: ${problem}`);
  }
  const loaded = readManifestPaths(paths, io.readStdin);
  if (!loaded.ok) throw new UsageError(loaded.error);
  for (const f of loaded.files) {
    const problem = manifestTextProblem(f.text);
    if (problem) throw new UsageError(`error: ${f.file}: ${problem}`);
  }
  return loaded.files;
}

export function loadCluster(files: readonly string[], io: CliIO): CompiledCluster {
  if (files.length === 0) throw new UsageError('error: must specify one of -f and -k (no manifests given: use -f FILE)');
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  for (const f of readManifests(files, io)) {
    const res = parseManifests(f.text, f.file);
    if (!res.ok) for (const e of res.errors) errors.push(`error: ${formatError(e)}`);
    else {
      if (objects.length + res.value.objects.length > MAX_INPUT_OBJECTS) throw new UsageError(`error: ${tooManyObjects(objects.length + res.value.objects.length)}`);
      for (const o of res.value.objects) objects.push(o);
      for (const w of res.value.warnings) io.stderr(`Warning: ${w}\n`);
    }
  }
  if (errors.length) throw new UsageError(errors.join('\n'));
  return compileCluster(clusterFromObjects(objects));
}

/** `namespace/pod`, a bare pod name (namespace default), or an IP address outside the cluster. */
export function parseSpec(cc: CompiledCluster, spec: string): Endpoint {
  if (isValidIP(spec)) return { kind: 'ip', ip: spec };
  const [ns, name] = spec.includes('/') ? spec.split('/', 2) : ['default', spec];
  const idx = cc.podIndex.get(`${ns}/${name}`);
  if (idx === undefined) {
    const known = cc.cluster.pods.map((p) => `${p.namespace}/${p.name}`);
    throw new UsageError(`error: pod "${name}" not found in namespace "${ns}" (SPEC is namespace/pod or an IP address${known.length ? `; pods: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}` : ''})`);
  }
  return { kind: 'pod', pod: cc.cluster.pods[idx] };
}

export function parsePort(text: string | undefined): number | string {
  if (text === undefined) return 80;
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > 65535) throw new UsageError(`error: invalid port ${text}: must be between 1 and 65535`);
    return n;
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(text) || text.length > 15) throw new UsageError(`error: invalid port "${text}": a number or a port name`);
  return text;
}

export function parseProtocol(text: string | undefined): 'TCP' | 'UDP' | 'SCTP' {
  const p = (text ?? 'TCP').toUpperCase();
  if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') throw new UsageError(`error: invalid protocol "${text}": must be TCP, UDP or SCTP`);
  return p;
}
