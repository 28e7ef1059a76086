import { parseArgs } from 'node:util';
import { evaluate, explainVerdict } from '../engine/index.ts';
import { loadCluster, parsePort, parseProtocol, parseSpec } from './cluster-input.ts';
import { paint, UsageError, useColor, type CliIO } from './io.ts';

export const EXPLAIN_HELP = `Usage: netpol-dojo explain -f FILE... --from SPEC --to SPEC [--port P] [--protocol PROTO] [-o json]

Whether one connection is allowed, and why: which policies isolate each side and which rule allows it.
SPEC is namespace/pod or an IP address outside the cluster. Defaults: port 80, TCP.
`;

export function runExplain(argv: string[], io: CliIO): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      filename: { type: 'string', short: 'f', multiple: true },
      port: { type: 'string', short: 'p' },
      protocol: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) { io.stdout(EXPLAIN_HELP); return 0; }
  if (!values.from || !values.to) throw new UsageError('error: explain needs --from SPEC and --to SPEC');
  const output = values.output ?? 'text';
  if (output !== 'json' && output !== 'text') throw new UsageError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,text`);
  const port = parsePort(values.port);
  const protocol = parseProtocol(values.protocol);
  const cc = loadCluster(values.filename ?? [], io);
  const v = evaluate(cc, parseSpec(cc, values.from), parseSpec(cc, values.to), port, protocol);
  if (output === 'json') {
    io.stdout(JSON.stringify({ ...v, from: values.from, to: values.to, explanation: explainVerdict(cc, v).map((l) => l.trim()) }, null, 2) + '\n');
    return 0;
  }
  const c = paint(useColor(io));
  const [head, ...rest] = explainVerdict(cc, v);
  io.stdout(`${v.allowed ? c.green(head) : c.red(head)}\n${rest.join('\n')}\n`);
  return 0;
}
