// Endpoint patterns of pair selectors: "NS/POD", "NS/*", "*/*", "external", an IP, a CIDR, or "*".
import { isValidCIDR, isValidIP } from '../engine/cidr.ts';

const POD_PATTERN = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)\/(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

export function validPattern(pattern: string): boolean {
  return pattern === '*' || pattern === 'external' || isValidIP(pattern) || isValidCIDR(pattern) || POD_PATTERN.test(pattern);
}
