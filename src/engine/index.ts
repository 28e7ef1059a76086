// The engine's public surface.
export * from './types.ts';
export * from './verdict.ts';
export { compileCluster, compilePolicy, effectivePolicyTypes, namespaceLabels, type CompiledCluster, type CompiledPolicy } from './compile.ts';
export { evaluate, endpointName, resolveProbePort } from './evaluate.ts';
export { reachMatrix, type ReachMatrix } from './matrix.ts';
export { explainVerdict, describeRule, describePeer, describePort, sideText } from './explain.ts';
export { compileSelector, formatSelector, isEmptySelector } from './selectors.ts';
export { buildCluster, allocator, type ClusterParts, type PodDraft, type ServiceDraft } from './build.ts';
export { isValidIP, isValidCIDR, inCIDR, parseCIDR, parseIP } from './cidr.ts';
export { resolveNamedPort } from './ports.ts';
export { resolveName, searchCandidates, lookupFqdn, dnsPods, type DnsResolution } from './dns.ts';
