import type { CompiledPort } from './compile.ts';
import type { Pod, Protocol } from './types.ts';

/** Every container port of the pod with this name and protocol (a named port resolves per protocol). */
export function resolveNamedPort(pod: Pod, name: string, protocol: Protocol): number | undefined {
  for (const c of pod.containers) {
    for (const p of c.ports) if (p.name === name && p.protocol === protocol) return p.containerPort;
  }
  return undefined;
}

/**
 * Does one port entry of a rule admit `port`/`protocol` to the destination pod?
 * `dst` is undefined when the destination is an address outside the cluster, where named ports never resolve.
 */
export function portEntryMatches(entry: CompiledPort, port: number, protocol: Protocol, dst: Pod | undefined): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') {
    return entry.endPort !== undefined ? port >= entry.port && port <= entry.endPort : port === entry.port;
  }
  if (!dst) return false;
  return resolveNamedPort(dst, entry.port, protocol) === port;
}

/** Index of the first matching port entry, -1 when none; undefined ports list = all ports (returns -2). */
export function matchPorts(ports: readonly CompiledPort[] | undefined, port: number, protocol: Protocol, dst: Pod | undefined): number {
  if (!ports) return -2;
  return ports.findIndex((e) => portEntryMatches(e, port, protocol, dst));
}

/** True when the outcome of these port entries can depend on the destination pod (named ports). */
export function portsDependOnPod(ports: readonly CompiledPort[] | undefined): boolean {
  return !!ports && ports.some((p) => typeof p.port === 'string');
}
