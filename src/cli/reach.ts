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
  const out = chunked(io);
  if (output === 'json') {
    // Streamed: 3,500 pods make 12 million results, more than one string can hold. Names are encoded once.
    const toJson = toSpecs.map((t) => JSON.stringify(t));
    out.write(`{"port":${JSON.stringify(port)},"protocol":"${protocol}","results":[`);
    for (let i = 0; i < fromSpecs.length && !out.stopped(); i++) {
      const head = `{"from":${JSON.stringify(fromSpecs[i])},"to":`;
      for (let j = 0; j < toSpecs.length; j++) {
        out.write(`${i + j > 0 ? ',' : ''}${head}${toJson[j]},"allowed":${m.allowed(i, j)}}`);
      }
    }
    out.write(']}\n');
    out.flush();
    return 0;
  }
  for (const line of matrixLines(fromSpecs, toSpecs, (i, j) => m.allowed(i, j), `port ${port}/${protocol}`, useColor(io))) {
    if (out.stopped()) break;
    out.write(`${line}\n`);
  }
  out.flush();
  return 0;
}

/**
 * Output in pieces of about 64 KiB, each ending where a write ended (a whole result or line). `stopped`
 * tells when the reader went away (`| head`), so a long output ends early.
 */
function chunked(io: CliIO): { write: (s: string) => void; flush: () => void; stopped: () => boolean } {
  let buf = '';
  const flush = () => { if (buf) io.stdout(buf); buf = ''; };
  return {
    write: (s) => { buf += s; if (buf.length >= 65536) flush(); },
    flush,
    stopped: () => io.stdoutClosed?.() ?? false,
  };
}

/** Rows are sources, numbered columns are destinations; a legend names the columns. */
export function renderMatrix(froms: readonly string[], tos: readonly string[], allowed: (i: number, j: number) => boolean, title: string, color: boolean): string {
  return [...matrixLines(froms, tos, allowed, title, color)].join('\n') + '\n';
}

/** The matrix line by line (thousands of pods make a matrix too big for one string). */
export function* matrixLines(froms: readonly string[], tos: readonly string[], allowed: (i: number, j: number) => boolean, title: string, color: boolean): Generator<string> {
  const c = paint(color);
  let width = 4;
  for (const f of froms) width = Math.max(width, f.length);
  width += 2;
  const colW = Math.max(2, String(tos.length).length + 1);
  yield `${c.bold(title)}: rows are sources (from), columns are destinations (to)`;
  let numbers = '';
  for (let j = 0; j < tos.length; j++) numbers += String(j + 1).padStart(colW);
  yield `${'FROM \\ TO'.padEnd(width)}${numbers}`;
  const same = c.dim('·'.padStart(colW));
  const yesCell = c.green('✓'.padStart(colW));
  const noCell = c.red('✗'.padStart(colW));
  let yes = 0;
  for (let i = 0; i < froms.length; i++) {
    const f = froms[i];
    let cells = '';
    for (let j = 0; j < tos.length; j++) {
      if (f === tos[j]) { cells += same; continue; }
      const ok = allowed(i, j);
      if (ok) yes++;
      cells += ok ? yesCell : noCell;
    }
    yield `${f.padEnd(width)}${cells}`;
  }
  yield '';
  yield tos.map((t, j) => `${j + 1}=${t}`).join('  ');
  const toSet = new Set(tos);
  let self = 0;
  for (const f of froms) if (toSet.has(f)) self++;
  yield `${yes} of ${froms.length * tos.length - self} connections allowed (✓ allowed, ✗ denied, · same pod)`;
}
