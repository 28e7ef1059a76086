// Deterministic identifiers: uids, name suffixes, pod-template hashes and addresses. Pure: same input, same id.

/** 32-bit FNV-1a over a string, seeded. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A UUID-shaped id (8-4-4-4-12 hex) from a seed string. */
export function makeUid(seed: string): string {
  let hex = '';
  for (let i = 0; hex.length < 32; i++) hex += hash32(`${i}:${seed}`).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// The alphabet Kubernetes uses for generated name parts (no vowels, no look-alike digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function nameSuffix(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    let h = hash32(`${i}/${seed}`);
    for (let k = 0; k < 4 && out.length < length; k++) {
      out += ALPHABET[h % ALPHABET.length];
      h = Math.floor(h / ALPHABET.length);
    }
  }
  return out;
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIP(n: number): string {
  return [Math.floor(n / 16777216) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
