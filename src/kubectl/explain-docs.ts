// Offline field documentation for `kubectl explain networkpolicy[.path]`, written for netpol-dojo.
export interface FieldDoc {
  readonly name: string;
  readonly type: string;
  readonly required?: boolean;
  readonly description: string;
  readonly fields?: readonly FieldDoc[];
}

const SELECTOR_FIELDS: readonly FieldDoc[] = [
  {
    name: 'matchExpressions', type: '[]LabelSelectorRequirement',
    description: 'A list of requirements on labels. Every requirement must hold (they are ANDed), and they are also ANDed with matchLabels.',
    fields: [
      { name: 'key', type: 'string', required: true, description: 'The label key the requirement is about.' },
      { name: 'operator', type: 'string', required: true, description: 'How the key relates to the values.\n\nPossible enum values:\n - `"DoesNotExist"` the object has no label with this key\n - `"Exists"` the object has a label with this key, whatever its value\n - `"In"` the label\'s value is one of `values`\n - `"NotIn"` the label is absent or its value is none of `values`' },
      { name: 'values', type: '[]string', description: 'The values compared with the label. Required (non-empty) for In and NotIn; must be empty for Exists and DoesNotExist.' },
    ],
  },
  {
    name: 'matchLabels', type: 'map[string]string',
    description: 'Label key/value pairs that must all be present on the object. {key: value} is the same as a matchExpressions entry with operator In and the single value. An empty selector ({}) matches everything.',
  },
];

const PEER_FIELDS: readonly FieldDoc[] = [
  {
    name: 'ipBlock', type: 'IPBlock',
    description: 'A range of IP addresses (CIDR). Meant for traffic to or from outside the cluster: pod IPs are ephemeral, so select pods with podSelector instead. Cannot be combined with podSelector or namespaceSelector in the same peer.',
    fields: [
      { name: 'cidr', type: 'string', required: true, description: 'The address range, for example "192.168.1.0/24" or "2001:db8::/64".' },
      { name: 'except', type: '[]string', description: 'Sub-ranges of cidr to leave out, for example "192.168.1.64/26". Each must lie inside cidr.' },
    ],
  },
  {
    name: 'namespaceSelector', type: 'LabelSelector',
    description: 'Selects namespaces by their labels (every namespace carries kubernetes.io/metadata.name=<its name>). Alone, it matches every pod in the selected namespaces; {} selects all namespaces. Together with podSelector in the same peer, it matches the pods that podSelector selects inside those namespaces (AND).',
    fields: SELECTOR_FIELDS,
  },
  {
    name: 'podSelector', type: 'LabelSelector',
    description: "Selects pods by their labels. Alone, it looks only in the policy's own namespace; {} selects every pod there. Together with namespaceSelector in the same peer, it looks in the namespaces namespaceSelector picks.",
    fields: SELECTOR_FIELDS,
  },
];

const PORT_FIELDS: readonly FieldDoc[] = [
  { name: 'endPort', type: 'integer', description: 'With a numeric port, makes the entry a range from port to endPort (inclusive). Must be greater than or equal to port, and is not allowed with a named port.' },
  { name: 'port', type: 'IntOrString', description: "A port on the destination pod: a number, or the name of one of its container ports. Omitted, the entry matches every port of the given protocol. Ports are the pod's, not a Service's: traffic through a Service is checked at its targetPort." },
  { name: 'protocol', type: 'string', description: 'TCP, UDP or SCTP. Defaults to TCP when omitted, so DNS rules need an explicit UDP entry.\n\nPossible enum values:\n - `"SCTP"`\n - `"TCP"`\n - `"UDP"`' },
];

const SPEC_FIELDS: readonly FieldDoc[] = [
  {
    name: 'egress', type: '[]NetworkPolicyEgressRule',
    description: 'Rules for traffic leaving the selected pods. Only applies if policyTypes includes "Egress". A connection is allowed if any rule of any policy selecting the pod allows it. An empty list allows nothing (the pods are isolated for egress); a rule {} allows all destinations and ports.',
    fields: [
      { name: 'ports', type: '[]NetworkPolicyPort', description: 'Destination ports the rule allows. Empty or missing: all ports. Within one rule, ports and peers are ANDed: traffic must match a port AND a peer.', fields: PORT_FIELDS },
      { name: 'to', type: '[]NetworkPolicyPeer', description: 'Destinations the rule allows; entries are ORed. Empty or missing: every destination (subject to ports).', fields: PEER_FIELDS },
    ],
  },
  {
    name: 'ingress', type: '[]NetworkPolicyIngressRule',
    description: 'Rules for traffic arriving at the selected pods. Only applies if policyTypes includes "Ingress". A connection is allowed if any rule of any policy selecting the pod allows it. An empty list allows nothing (the pods are isolated for ingress); a rule {} allows every source and port.',
    fields: [
      { name: 'from', type: '[]NetworkPolicyPeer', description: 'Sources the rule allows; entries are ORed. Empty or missing: every source (subject to ports).', fields: PEER_FIELDS },
      { name: 'ports', type: '[]NetworkPolicyPort', description: 'Ports on the selected pods the rule allows. Empty or missing: all ports. Within one rule, ports and peers are ANDed.', fields: PORT_FIELDS },
    ],
  },
  {
    name: 'podSelector', type: 'LabelSelector',
    description: "Which pods in the policy's namespace the policy applies to. {} (or omitted) selects every pod in the namespace. Selected pods become isolated for each direction listed in policyTypes.",
    fields: SELECTOR_FIELDS,
  },
  {
    name: 'policyTypes', type: '[]string',
    description: 'The directions this policy isolates: "Ingress", "Egress" or both. When omitted, the API server sets Ingress always, plus Egress if the policy has an egress section. List Egress explicitly for a deny-all-egress policy with no egress rules.',
  },
];

/** Metadata fields every kind shares, in the same words; `labels` and `namespace` are worded per kind. */
export const ANNOTATIONS_DOC: FieldDoc = { name: 'annotations', type: 'map[string]string', description: 'Free-form key/value notes for tools. Not used for selection.' };
export const NAME_DOC: FieldDoc = { name: 'name', type: 'string', description: 'The name, unique per kind within the namespace.' };
export const RESOURCE_VERSION_DOC: FieldDoc = { name: 'resourceVersion', type: 'string', description: 'An opaque version the server changes on every write. Set by the system.' };
export const UID_DOC: FieldDoc = { name: 'uid', type: 'string', description: 'A unique id the server assigns at creation. Set by the system.' };

const METADATA_FIELDS: readonly FieldDoc[] = [
  ANNOTATIONS_DOC,
  { name: 'creationTimestamp', type: 'string', description: 'When the server created the object (RFC 3339). Set by the system, read-only.' },
  { name: 'labels', type: 'map[string]string', description: 'Key/value pairs used by selectors. Labels on a NetworkPolicy itself do not affect which pods it selects.' },
  NAME_DOC,
  { name: 'namespace', type: 'string', description: 'The namespace the policy lives in. A NetworkPolicy only selects pods (spec.podSelector) in its own namespace. Defaults to the namespace of the request (-n) or "default".' },
  RESOURCE_VERSION_DOC,
  UID_DOC,
];

export const NETWORK_POLICY_DOC: FieldDoc = {
  name: 'networkpolicy', type: 'NetworkPolicy',
  description: 'A NetworkPolicy says which traffic is allowed to and from the pods it selects. Policies only ever allow: a pod selected by at least one policy for a direction is isolated in that direction, and then only traffic some policy allows gets through. Enforcement needs a CNI plugin that supports NetworkPolicy.',
  fields: [
    { name: 'apiVersion', type: 'string', description: 'The versioned schema of this object: networking.k8s.io/v1 for NetworkPolicy.' },
    { name: 'kind', type: 'string', description: 'The type of object: NetworkPolicy.' },
    { name: 'metadata', type: 'ObjectMeta', description: "The object's name, namespace, labels and annotations.", fields: METADATA_FIELDS },
    { name: 'spec', type: 'NetworkPolicySpec', description: 'What the policy selects and which traffic it allows.', fields: SPEC_FIELDS },
    { name: 'status', type: 'NetworkPolicyStatus', description: 'Not used; kept by older API versions. Leave it out.' },
  ],
};
