// Table-driven checks of networking.k8s.io/v1 semantics; each row names the rule it demonstrates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, can, np } from './helpers.ts';

type Check = [from: string, to: string, expected: boolean, port?: number | string, protocol?: 'TCP' | 'UDP' | 'SCTP'];
interface Case { name: string; policies: string[]; checks: Check[] }

const denyIngressX = np('deny-ingress', 'x', 'podSelector: {}\npolicyTypes: [Ingress]');
const denyEgressX = np('deny-egress', 'x', 'podSelector: {}\npolicyTypes: [Egress]');
const denyAllX = np('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');

const cases: Case[] = [
  // --- isolation and defaults
  { name: 'no policies: everything allowed', policies: [], checks: [['x/a', 'y/b', true], ['z/c', 'x/a', true, 81, 'UDP'], ['x/a', 'x/b', true, 80, 'SCTP']] },
  { name: 'default deny ingress isolates every pod of the namespace for ingress', policies: [denyIngressX], checks: [['y/a', 'x/a', false], ['x/b', 'x/a', false], ['x/a', 'y/a', true]] },
  { name: 'default deny ingress does not affect egress', policies: [denyIngressX], checks: [['x/a', 'y/b', true], ['x/a', 'z/c', true, 81]] },
  { name: 'a pod cannot block access to itself', policies: [denyAllX], checks: [['x/a', 'x/a', true], ['x/a', 'x/a', true, 81, 'UDP'], ['x/a', 'x/a', false, 'no-such-port']] },
  { name: 'default deny egress blocks egress only', policies: [denyEgressX], checks: [['x/a', 'y/a', false], ['x/a', 'x/b', false], ['y/a', 'x/a', true]] },
  { name: 'deny all blocks both directions, other namespaces unaffected', policies: [denyAllX], checks: [['x/a', 'x/b', false], ['y/a', 'x/a', false], ['x/a', 'y/a', false], ['y/a', 'z/a', true]] },
  { name: 'policyTypes absent with no egress section: Ingress only', policies: [np('p', 'x', 'podSelector: {}')], checks: [['y/a', 'x/a', false], ['x/a', 'y/a', true]] },
  { name: 'policyTypes absent with egress rules: Ingress and Egress', policies: [np('p', 'x', 'podSelector: {}\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['x/a', 'x/b', false], ['x/a', 'x/c', false], ['y/a', 'x/a', false]] },
  { name: 'policyTypes absent with empty egress list: Ingress only', policies: [np('p', 'x', 'podSelector: {}\negress: []')], checks: [['x/a', 'y/a', true], ['y/a', 'x/a', false]] },
  { name: 'policyTypes [Ingress] ignores egress rules', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Ingress]\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['x/a', 'y/c', true], ['y/a', 'x/a', false]] },
  { name: 'policyTypes [Egress] ignores ingress rules', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\ningress:\n- {}')], checks: [['y/a', 'x/a', true], ['x/a', 'y/a', false]] },
  { name: 'ingress: [{}] allows all ingress', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- {}')], checks: [['y/a', 'x/a', true, 81, 'UDP'], ['z/b', 'x/c', true]] },
  { name: 'egress: [{}] allows all egress', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- {}')], checks: [['x/a', 'y/a', true], ['x/a', '8.8.8.8', true, 53, 'UDP']] },
  { name: 'a policy only isolates the pods its podSelector selects', policies: [np('p', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress]')], checks: [['y/a', 'x/a', false], ['y/a', 'x/b', true]] },
  { name: 'a policy in another namespace does not isolate pods here', policies: [np('p', 'y', 'podSelector: {}\npolicyTypes: [Ingress]')], checks: [['z/a', 'x/a', true], ['z/a', 'y/a', false]] },

  // --- peers
  { name: 'bare podSelector peer selects pods in the policy namespace only (myth 1)', policies: [np('p', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['x/b', 'x/a', true], ['y/b', 'x/a', false], ['z/b', 'x/a', false], ['x/c', 'x/a', false]] },
  { name: 'empty podSelector peer: every pod of the policy namespace', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - podSelector: {}')], checks: [['x/b', 'x/a', true], ['y/a', 'x/a', false]] },
  { name: 'namespaceSelector alone: all pods of matching namespaces', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}')], checks: [['y/a', 'x/a', true], ['y/c', 'x/b', true], ['z/a', 'x/a', false], ['x/b', 'x/a', false]] },
  { name: 'namespaceSelector {}: all pods in all namespaces', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}')], checks: [['y/a', 'x/a', true], ['z/c', 'x/a', true], ['x/b', 'x/a', true], ['1.2.3.4', 'x/a', false]] },
  { name: 'podSelector and namespaceSelector in one peer: AND', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}\n    podSelector: {matchLabels: {pod: b}}')], checks: [['y/b', 'x/a', true], ['y/a', 'x/a', false], ['z/b', 'x/a', false], ['x/b', 'x/a', false]] },
  { name: 'two peers in one list: OR', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['y/a', 'x/a', true], ['x/b', 'x/a', true], ['z/b', 'x/a', false], ['x/c', 'x/a', false]] },
  { name: 'label in any namespace: namespaceSelector {} plus podSelector in one peer', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchLabels: {pod: c}}')], checks: [['y/c', 'x/a', true], ['z/c', 'x/a', true], ['x/c', 'x/a', true], ['y/b', 'x/a', false]] },
  { name: 'namespace by kubernetes.io/metadata.name label (added automatically)', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: z}}')], checks: [['z/a', 'x/a', true], ['y/a', 'x/a', false]] },
  { name: 'undeclared namespace exists with only its name label', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: w}}'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: d, namespace: w}\nspec: {containers: [{name: c, image: i}]}'], checks: [['w/d', 'x/a', true], ['y/a', 'x/a', false]] },
  { name: 'egress to a bare podSelector stays in the namespace', policies: [np('p', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['x/a', 'x/b', true], ['x/a', 'y/b', false], ['x/a', 'x/c', false]] },
  { name: 'egress to namespace: all pods there', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {ns: z}}')], checks: [['x/a', 'z/a', true], ['x/a', 'z/c', true], ['x/a', 'y/a', false]] },
  { name: 'separate rules are OR-ed, each pairing its own peers and ports', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}\n  ports: [{port: 80}]\n- from:\n  - namespaceSelector: {matchLabels: {ns: z}}\n  ports: [{port: 81}]')], checks: [['y/a', 'x/a', true, 80], ['y/a', 'x/a', false, 81], ['z/a', 'x/a', true, 81], ['z/a', 'x/a', false, 80]] },

  // --- label selector operators
  { name: 'matchExpressions In', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: In, values: [y, z]}]}')], checks: [['y/a', 'x/a', true], ['z/a', 'x/a', true], ['x/b', 'x/a', false]] },
  { name: 'matchExpressions NotIn', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: [y]}]}')], checks: [['y/a', 'x/a', false], ['z/a', 'x/a', true], ['x/b', 'x/a', true]] },
  { name: 'NotIn matches objects without the key', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}')], checks: [['x/b', 'x/a', true], ['x/c', 'x/a', true]] },
  { name: 'matchExpressions Exists', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchExpressions: [{key: pod, operator: Exists}]}')], checks: [['y/a', 'x/a', true], ['z/c', 'x/b', true]] },
  { name: 'matchExpressions DoesNotExist', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchExpressions: [{key: pod, operator: DoesNotExist}]}')], checks: [['y/a', 'x/a', false], ['x/b', 'x/a', false]] },
  { name: 'matchLabels and matchExpressions are ANDed', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchLabels: {pod: b}, matchExpressions: [{key: pod, operator: In, values: [a, b]}]}')], checks: [['y/b', 'x/a', true], ['y/a', 'x/a', false]] },
  { name: 'several matchExpressions are ANDed', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: In, values: [y, z]}, {key: ns, operator: NotIn, values: [z]}]}')], checks: [['y/a', 'x/a', true], ['z/a', 'x/a', false]] },
  { name: 'policy podSelector with matchExpressions picks the isolated pods', policies: [np('p', 'x', 'podSelector: {matchExpressions: [{key: pod, operator: In, values: [a, b]}]}\npolicyTypes: [Ingress]')], checks: [['y/a', 'x/a', false], ['y/a', 'x/b', false], ['y/a', 'x/c', true]] },

  // --- ports and protocols
  { name: 'numbered port, default protocol TCP', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 80}]')], checks: [['y/a', 'x/a', true, 80, 'TCP'], ['y/a', 'x/a', false, 80, 'UDP'], ['y/a', 'x/a', false, 81, 'TCP']] },
  { name: 'UDP port', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 81, protocol: UDP}]')], checks: [['y/a', 'x/a', true, 81, 'UDP'], ['y/a', 'x/a', false, 81, 'TCP']] },
  { name: 'SCTP port', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 80, protocol: SCTP}]')], checks: [['y/a', 'x/a', true, 80, 'SCTP'], ['y/a', 'x/a', false, 80, 'TCP']] },
  { name: 'protocol without port: all ports of that protocol', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{protocol: UDP}]')], checks: [['y/a', 'x/a', true, 80, 'UDP'], ['y/a', 'x/a', true, 9999, 'UDP'], ['y/a', 'x/a', false, 80, 'TCP']] },
  { name: 'endPort range is inclusive', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 80, endPort: 82}]')], checks: [['y/a', 'x/a', true, 80], ['y/a', 'x/a', true, 82], ['y/a', 'x/a', false, 83], ['y/a', 'x/a', false, 79], ['y/a', 'x/a', false, 81, 'UDP']] },
  { name: 'named port resolves on the destination pod (ingress)', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: serve-81-tcp}]')], checks: [['y/a', 'x/a', true, 81], ['y/a', 'x/a', false, 80]] },
  { name: 'named port resolves by name and protocol', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: serve-80-udp, protocol: UDP}]')], checks: [['y/a', 'x/a', true, 80, 'UDP'], ['y/a', 'x/a', false, 80, 'TCP']] },
  { name: 'named port with the wrong protocol matches nothing', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: serve-80-udp}]')], checks: [['y/a', 'x/a', false, 80, 'TCP'], ['y/a', 'x/a', false, 80, 'UDP']] },
  { name: 'named port in egress resolves on the destination pod', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports: [{port: serve-81-tcp}]')], checks: [['x/a', 'y/a', true, 81], ['x/a', 'y/a', false, 80], ['x/a', '8.8.8.8', false, 81]] },
  { name: 'probing a named port resolves it on each destination', policies: [], checks: [['x/a', 'y/a', true, 'serve-81-tcp'], ['x/a', 'y/a', false, 'no-such-port']] },
  { name: 'several port entries in one rule: any of them', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 80}, {port: 81, protocol: UDP}]')], checks: [['y/a', 'x/a', true, 80], ['y/a', 'x/a', true, 81, 'UDP'], ['y/a', 'x/a', false, 81]] },
  { name: 'peers and ports in one rule must both match', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}\n  ports: [{port: 81}]')], checks: [['y/a', 'x/a', true, 81], ['y/a', 'x/a', false, 80], ['z/a', 'x/a', false, 81]] },

  // --- combination of policies (union; no deny rule)
  { name: 'policies add up: union of allows', policies: [np('p1', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}'), np('p2', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: z}}')], checks: [['y/a', 'x/a', true], ['z/a', 'x/a', true], ['x/b', 'x/a', false]] },
  { name: 'a deny-all next to an allow never removes the allow (myth 2)', policies: [denyAllX, np('allow', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}')], checks: [['y/a', 'x/a', true], ['y/a', 'x/b', false]] },
  { name: 'order of policies does not matter', policies: [np('allow', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: y}}'), denyAllX], checks: [['y/a', 'x/a', true], ['z/a', 'x/a', false]] },
  { name: 'a second, narrower policy cannot take away what a broad one allows', policies: [np('broad', 'x', 'podSelector: {}\ningress:\n- {}'), np('narrow', 'x', 'podSelector: {}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}')], checks: [['y/c', 'x/a', true], ['z/a', 'x/a', true]] },
  { name: 'both sides must allow: egress allowed, ingress denied', policies: [np('eg', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- {}'), np('in', 'y', 'podSelector: {}\npolicyTypes: [Ingress]')], checks: [['x/a', 'y/a', false], ['x/a', 'z/a', true]] },
  { name: 'both sides must allow: ingress allowed, egress denied', policies: [denyEgressX, np('in', 'y', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}')], checks: [['x/a', 'y/a', false], ['z/a', 'y/a', true]] },
  { name: 'both sides allow: connection allowed', policies: [denyAllX, np('eg', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - podSelector: {matchLabels: {pod: b}}'), np('in', 'x', 'podSelector: {matchLabels: {pod: b}}\npolicyTypes: [Ingress]\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: a}}')], checks: [['x/a', 'x/b', true], ['x/b', 'x/a', false], ['x/a', 'x/c', false]] },

  // --- ipBlock
  { name: 'ipBlock admits an external source in the CIDR', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: 192.168.0.0/16}')], checks: [['192.168.3.4', 'x/a', true], ['172.16.0.1', 'x/a', false]] },
  { name: 'ipBlock except carves out addresses', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24]}')], checks: [['192.168.3.4', 'x/a', true], ['192.168.1.9', 'x/a', false]] },
  { name: 'egress 0.0.0.0/0 except the metadata address', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}')], checks: [['x/a', '8.8.8.8', true], ['x/a', '169.254.169.254', false], ['x/a', '169.254.169.253', true]] },
  { name: 'ipBlock matches pod IPs too (egress to a pod /32)', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 10.0.1.2/32}')], checks: [['x/a', 'y/b', true], ['x/a', 'y/a', false]] },
  { name: 'ipBlock except applies to pod IPs', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}')], checks: [['x/a', 'z/a', true], ['x/a', 'y/a', false]] },
  { name: 'IPv6 ipBlock', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: "fd00::/64", except: ["fd00::1/128"]}')], checks: [['fd00::5', 'x/a', true], ['fd00::1', 'x/a', false], ['fd01::5', 'x/a', false], ['10.9.9.9', 'x/a', false]] },
  { name: 'selector peers never match external addresses', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {}\n  - podSelector: {}')], checks: [['8.8.8.8', 'x/a', false], ['y/a', 'x/a', true]] },
  { name: 'external destination: only the source egress applies', policies: [np('p', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: 8.8.8.0/24}\n  ports: [{port: 53, protocol: UDP}]')], checks: [['x/a', '8.8.8.8', true, 53, 'UDP'], ['x/a', '8.8.8.8', false, 53, 'TCP'], ['y/a', '8.8.8.8', true, 443]] },
  { name: 'external source: only the destination ingress applies', policies: [denyEgressX], checks: [['8.8.8.8', 'x/a', true], ['8.8.8.8', 'y/a', true]] },
  { name: 'ipBlock with ports', policies: [np('p', 'x', 'podSelector: {}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/8}\n  ports: [{port: 81}]')], checks: [['10.9.0.1', 'x/a', true, 81], ['10.9.0.1', 'x/a', false, 80], ['y/a', 'x/a', true, 81]] },
];

for (const c of cases) {
  test(c.name, () => {
    const cc = build(c.policies.join('\n---\n'));
    for (const [from, to, expected, port = 80, protocol = 'TCP'] of c.checks) {
      assert.equal(can(cc, from, to, port, protocol), expected, `${from} → ${to} ${port}/${protocol}`);
    }
  });
}

test('the table covers at least 60 cases', () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
});
