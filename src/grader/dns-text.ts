// A DNS answer in words, for goal results: a short clause for the summary line and the reasons.
import type { DnsResolution } from '../engine/dns.ts';
import { explainVerdict, type CompiledCluster } from '../engine/index.ts';

export function describeDnsAnswer(cc: CompiledCluster, answer: DnsResolution): { short: string; reasons: string[] } {
  switch (answer.kind) {
    case 'resolved':
      return {
        short: `it resolves to ${answer.address}`,
        reasons: [
          `${answer.name} → ${answer.fqdn} → ${answer.address} (Service ${answer.service.namespace}/${answer.service.name})`,
          `asked kube-dns pod ${answer.server.namespace}/${answer.server.name} on 53/UDP:`,
          ...explainVerdict(cc, answer.verdict).map((l) => l.trim()),
        ],
      };
    case 'nxdomain':
      return {
        short: 'kube-dns answers NXDOMAIN (no such Service)',
        reasons: [`kube-dns was reachable but none of these names exists: ${answer.tried.join(', ')}`],
      };
    case 'blocked':
      return {
        short: 'the query cannot reach kube-dns on 53/UDP',
        reasons: answer.reason.split('\n').map((l) => l.trim()).filter(Boolean),
      };
    default: {
      const never: never = answer;
      throw new Error(`unknown DNS answer ${JSON.stringify(never)}`);
    }
  }
}
