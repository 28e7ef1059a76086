// Field documentation of the simulated kinds other than NetworkPolicy (which has its own, in
// src/kubectl/explain-docs.ts): what the OpenAPI v3 documents (and so `kubectl explain`) show for them.
import { ANNOTATIONS_DOC, NAME_DOC, RESOURCE_VERSION_DOC, UID_DOC, type FieldDoc } from '../kubectl/explain-docs.ts';

const META: FieldDoc = {
  name: 'metadata', type: 'ObjectMeta', description: "The object's name, namespace, labels and annotations.",
  fields: [
    ANNOTATIONS_DOC,
    { name: 'labels', type: 'map[string]string', description: 'Key/value pairs used by selectors (Services, workloads and NetworkPolicies select pods by them).' },
    NAME_DOC,
    { name: 'namespace', type: 'string', description: 'The namespace the object lives in; defaults to the namespace of the request.' },
    RESOURCE_VERSION_DOC,
    UID_DOC,
  ],
};

const SELECTOR: FieldDoc = {
  name: 'selector', type: 'LabelSelector', description: 'Which pods this object manages, by label. Must match the labels of the pod template.',
  fields: [
    { name: 'matchExpressions', type: '[]LabelSelectorRequirement', description: 'Requirements on labels, ANDed.', fields: [
      { name: 'key', type: 'string', required: true, description: 'The label key the requirement is about.' },
      { name: 'operator', type: 'string', required: true, description: 'In, NotIn, Exists or DoesNotExist.' },
      { name: 'values', type: '[]string', description: 'The values for In and NotIn.' },
    ] },
    { name: 'matchLabels', type: 'map[string]string', description: 'Label key/value pairs that must all be present.' },
  ],
};

const CONTAINER_PORT: FieldDoc = {
  name: 'ports', type: '[]ContainerPort', description: 'Ports the container listens on. A NetworkPolicy can refer to a port by its name here.',
  fields: [
    { name: 'containerPort', type: 'integer', required: true, description: 'The port number on the pod IP address (1-65535).' },
    { name: 'name', type: 'string', description: 'An IANA_SVC_NAME: at most 15 characters, lowercase letters, digits and "-". Named ports are resolved per pod by Services (targetPort) and NetworkPolicies.' },
    { name: 'protocol', type: 'string', description: 'TCP (default), UDP or SCTP.' },
  ],
};

const CONTAINER: FieldDoc = {
  name: 'containers', type: '[]Container', required: true, description: 'The containers of the pod. There must be at least one.',
  fields: [
    { name: 'args', type: '[]string', description: 'Arguments to the entrypoint.' },
    { name: 'command', type: '[]string', description: "The entrypoint, instead of the image's." },
    { name: 'env', type: '[]EnvVar', description: 'Environment variables.', fields: [
      { name: 'name', type: 'string', required: true, description: 'The variable name.' },
      { name: 'value', type: 'string', description: 'The value.' },
    ] },
    { name: 'image', type: 'string', description: 'The container image, for example nginx:1.27.' },
    { name: 'name', type: 'string', required: true, description: 'The container name, unique within the pod (a DNS label).' },
    CONTAINER_PORT,
  ],
};

const POD_SPEC_FIELDS: readonly FieldDoc[] = [
  CONTAINER,
  { name: 'hostNetwork', type: 'boolean', description: "Uses the node's network namespace. Such pods have the node's IP and no NetworkPolicy applies to them." },
  { name: 'nodeName', type: 'string', description: 'The node the pod runs on; set by the scheduler.' },
  { name: 'restartPolicy', type: 'string', description: 'Always (default), OnFailure or Never.' },
  { name: 'serviceAccountName', type: 'string', description: 'The service account the pod runs as.' },
];

const TEMPLATE: FieldDoc = {
  name: 'template', type: 'PodTemplateSpec', required: true, description: 'The pods this workload creates: their labels (which selectors and NetworkPolicies see) and spec.',
  fields: [
    { ...META, description: "The pods' labels and annotations." },
    { name: 'spec', type: 'PodSpec', description: 'The pod specification.', fields: POD_SPEC_FIELDS },
  ],
};

const top = (kind: string, description: string, spec?: FieldDoc): FieldDoc => ({
  name: kind.toLowerCase(), type: kind, description,
  fields: [
    { name: 'apiVersion', type: 'string', description: 'The versioned schema of this object.' },
    { name: 'kind', type: 'string', description: `The type of object: ${kind}.` },
    META,
    ...(spec ? [spec] : []),
    { name: 'status', type: `${kind}Status`, description: 'The observed state, written by the system. Read-only.' },
  ],
});

const replicas: FieldDoc = { name: 'replicas', type: 'integer', description: 'The number of pods wanted. Defaults to 1.' };

export const KIND_DOCS: Record<string, FieldDoc> = {
  Namespace: top('Namespace', 'A namespace: a scope for names. Every namespace carries the label kubernetes.io/metadata.name=<its name>, which NetworkPolicy namespaceSelectors can use.'),
  Pod: top('Pod', 'A pod: one or more containers sharing an IP address. NetworkPolicies select pods by their labels.',
    { name: 'spec', type: 'PodSpec', description: 'The pod specification.', fields: POD_SPEC_FIELDS }),
  Service: top('Service', 'A stable virtual IP and DNS name in front of the pods its selector picks. NetworkPolicies see the traffic at the pods (targetPort), not at the Service.', {
    name: 'spec', type: 'ServiceSpec', description: 'The service specification.',
    fields: [
      { name: 'clusterIP', type: 'string', description: 'The virtual IP; assigned by the system unless given. "None" makes a headless Service.' },
      { name: 'ports', type: '[]ServicePort', description: 'The ports the Service exposes.', fields: [
        { name: 'name', type: 'string', description: 'Required when there is more than one port.' },
        { name: 'nodePort', type: 'integer', description: 'For NodePort and LoadBalancer Services: the port on every node.' },
        { name: 'port', type: 'integer', required: true, description: 'The port the Service listens on.' },
        { name: 'protocol', type: 'string', description: 'TCP (default), UDP or SCTP.' },
        { name: 'targetPort', type: 'IntOrString', description: "The pods' port: a number or a container port name. Defaults to port." },
      ] },
      { name: 'selector', type: 'map[string]string', description: 'The labels of the pods the Service sends traffic to.' },
      { name: 'type', type: 'string', description: 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.' },
    ],
  }),
  Endpoints: top('Endpoints', "The addresses of a Service's ready pods, kept by the system."),
  Node: top('Node', 'A node of the cluster (the simulated cluster has one, controlplane).'),
  Event: top('Event', 'A report of something that happened in the cluster (the simulated cluster records none).'),
  Deployment: top('Deployment', 'Runs a number of identical pods through a ReplicaSet and replaces them when the template changes.', {
    name: 'spec', type: 'DeploymentSpec', description: 'The desired state.', fields: [replicas, SELECTOR, TEMPLATE],
  }),
  ReplicaSet: top('ReplicaSet', 'Keeps a number of identical pods running; usually owned by a Deployment.', {
    name: 'spec', type: 'ReplicaSetSpec', description: 'The desired state.', fields: [replicas, SELECTOR, TEMPLATE],
  }),
  StatefulSet: top('StatefulSet', 'Runs pods with stable names (NAME-0, NAME-1, …).', {
    name: 'spec', type: 'StatefulSetSpec', description: 'The desired state.', fields: [replicas, SELECTOR, { name: 'serviceName', type: 'string', description: 'The headless Service that names the pods.' }, TEMPLATE],
  }),
  DaemonSet: top('DaemonSet', 'Runs one pod on every node.', {
    name: 'spec', type: 'DaemonSetSpec', description: 'The desired state.', fields: [SELECTOR, TEMPLATE],
  }),
  Job: top('Job', 'Runs pods until a number of them complete.', {
    name: 'spec', type: 'JobSpec', description: 'The desired state.',
    fields: [{ name: 'completions', type: 'integer', description: 'How many pods must succeed.' }, { name: 'parallelism', type: 'integer', description: 'How many pods run at once.' }, TEMPLATE],
  }),
  CronJob: top('CronJob', 'Creates Jobs on a schedule (the simulated cluster never fires one).', {
    name: 'spec', type: 'CronJobSpec', description: 'The desired state.',
    fields: [
      { name: 'jobTemplate', type: 'JobTemplateSpec', required: true, description: 'The Job to create.', fields: [
        { name: 'spec', type: 'JobSpec', description: 'The Job specification.', fields: [TEMPLATE] },
      ] },
      { name: 'schedule', type: 'string', required: true, description: 'A cron expression, for example "*/5 * * * *".' },
      { name: 'suspend', type: 'boolean', description: 'True stops future runs.' },
    ],
  }),
};

/** The strategic-merge keys of the lists above, by item type (the same the server's strategic merge uses). */
export const MERGE_KEYS: Record<string, string> = { Container: 'name', EnvVar: 'name', ContainerPort: 'containerPort', ServicePort: 'port' };
