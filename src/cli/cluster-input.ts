// Shared by reach and explain: -f files → cluster, SPEC → endpoint.
import { compileCluster, isValidIP, type CompiledCluster, type Endpoint } from '../engine/index.ts';
import { readManifestPaths } from '../content/load.ts';
import { clusterFromObjects, formatError, parseManifests, type ManifestObject } from '../content/manifests.ts';
import { UsageError, type CliIO } from './io.ts';

export function loadCluster(files: readonly string[], io: CliIO): CompiledCluster {
  if (files.length === 0) throw new UsageError('error: must specify one of -f and -k (no manifests given: use -f FILE)');
  const loaded = readManifestPaths(files, io.readStdin);
  if (!loaded.ok) throw new UsageError(loaded.error);
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  for (const f of loaded.files) {
    const res = parseManifests(f.text, f.file);
    if (!res.ok) errors.push(...res.errors.map((e) => `error: ${formatError(e)}`));
    else {
      objects.push(...res.value.objects);
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
