import { parseArgs } from 'node:util';
import { endpointName, reachMatrix, type Endpoint } from '../engine/index.ts';
import { loadCluster, parsePort, parseProtocol, parseSpec } from './cluster-input.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';

export const REACH_HELP = `Usage: netpol-dojo reach -f FILE... [--port P] [--protocol TCP|UDP|SCTP] [--from SPEC]... [--to SPEC]... [-o json|matrix]

Which pods (or addresses) can reach which, on one port, under the NetworkPolicies in the manifests.
SPEC is namespace/pod or an IP address outside the cluster. Defaults: every pod as source and
destination, port 80, TCP. A named --port resolves on each destination pod's container ports.
`;

export function runReach(argv: string[], io: CliIO): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      filename: { type: 'string', short: 'f', multiple: true },
      port: { type: 'string', short: 'p' },
      protocol: { type: 'string' },
      from: { type: 'string', multiple: true },
      to: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) { io.stdout(REACH_HELP); return 0; }
  const output = values.output ?? 'matrix';
  if (output !== 'json' && output !== 'matrix') throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,matrix`);
  const port = parsePort(values.port);
  const protocol = parseProtocol(values.protocol);
  const cc = loadCluster(values.filename ?? [], io);
  const allPods: Endpoint[] = cc.cluster.pods.map((pod) => ({ kind: 'pod', pod }));
  const fromSpecs = values.from ?? allPods.map(endpointName);
  const toSpecs = values.to ?? allPods.map(endpointName);
  const froms = fromSpecs.map((s) => parseSpec(cc, s));
  const tos = toSpecs.map((s) => parseSpec(cc, s));
  const m = reachMatrix(cc, froms, tos, port, protocol);
  if (output === 'json') {
    const results: string[] = [];
    fromSpecs.forEach((f, i) => toSpecs.forEach((t, j) => {
      results.push(JSON.stringify({ from: f, to: t, allowed: m.allowed(i, j) }));
    }));
    io.stdout(`{"port":${JSON.stringify(port)},"protocol":"${protocol}","results":[${results.join(',')}]}\n`);
    return 0;
  }
  io.stdout(renderMatrix(fromSpecs, toSpecs, (i, j) => m.allowed(i, j), `port ${port}/${protocol}`, useColor(io)));
  return 0;
}

/** Rows are sources, numbered columns are destinations; a legend names the columns. */
export function renderMatrix(froms: readonly string[], tos: readonly string[], allowed: (i: number, j: number) => boolean, title: string, color: boolean): string {
  const c = paint(color);
  const width = Math.max(4, ...froms.map((f) => f.length)) + 2;
  const colW = Math.max(2, String(tos.length).length + 1);
  const lines: string[] = [];
  lines.push(`${c.bold(title)}: rows are sources (from), columns are destinations (to)`);
  lines.push(`${'FROM \\ TO'.padEnd(width)}${tos.map((_, j) => String(j + 1).padStart(colW)).join('')}`);
  let yes = 0;
  froms.forEach((f, i) => {
    const cells = tos.map((t, j) => {
      if (f === t) return c.dim('·'.padStart(colW));
      const ok = allowed(i, j);
      if (ok) yes++;
      return ok ? c.green('✓'.padStart(colW)) : c.red('✗'.padStart(colW));
    });
    lines.push(`${f.padEnd(width)}${cells.join('')}`);
  });
  lines.push('');
  lines.push(tos.map((t, j) => `${j + 1}=${t}`).join('  '));
  const pairs = froms.length * tos.length - froms.filter((f) => tos.includes(f)).length;
  lines.push(`${yes} of ${pairs} connections allowed (✓ allowed, ✗ denied, · same pod)`);
  return lines.join('\n') + '\n';
}
