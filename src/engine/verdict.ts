import type { Direction } from './compile.ts';
import type { Protocol } from './types.ts';

/** A rule that allowed the connection: which policy, which rule (0-based), which peer and port entries. */
export interface RuleRef {
  readonly policy: string;
  readonly direction: Direction;
  readonly rule: number;
  /** Index of the matching peer; undefined when the rule has no peers (all match). */
  readonly peer?: number;
  /** Index of the matching port entry; undefined when the rule has no ports (all match). */
  readonly port?: number;
}

/** What one side (egress of the source, ingress of the destination) says about the connection. */
export type SideVerdict =
  | { readonly kind: 'external' }
  /** Source and destination are the same pod: a pod cannot block access to itself. */
  | { readonly kind: 'self' }
  | { readonly kind: 'not-isolated' }
  | { readonly kind: 'allowed'; readonly isolatedBy: readonly string[]; readonly allowedBy: readonly RuleRef[] }
  | { readonly kind: 'denied'; readonly isolatedBy: readonly string[] };

export interface Verdict {
  readonly from: string;
  readonly to: string;
  /** The port as asked (a number or a name). */
  readonly port: number | string;
  /** The numeric port after resolving a named port on the destination pod; undefined if it did not resolve. */
  readonly resolvedPort?: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

export function sideAllows(s: SideVerdict): boolean {
  return s.kind !== 'denied';
}
