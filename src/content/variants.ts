// Scenario variants: parameters drawn from a seed and substituted as {{name}} in every string of the file.
// Pure and deterministic: the same seed gives the same values on every machine.

export type ParamValue = string | number;

/** A small seeded generator (mulberry32): the same seed gives the same numbers in [0, 1) everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The parameter values for a seed: no seed takes the first value of each; a seed draws one per parameter. */
export function drawParams(params: Readonly<Record<string, readonly ParamValue[]>>, seed: number | undefined): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const next = seed === undefined ? undefined : seededRandom(seed);
  for (const name of Object.keys(params).sort()) {
    const choices = params[name];
    out[name] = next ? choices[Math.floor(next() * choices.length)] : choices[0];
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders used in a string that are not parameters. */
export function unknownPlaceholders(text: string, params: Readonly<Record<string, unknown>>): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !(n in params));
}

function substituteString(s: string, values: Readonly<Record<string, ParamValue>>): string | number {
  const whole = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(s);
  if (whole && whole[1] in values) return values[whole[1]];
  return s.replace(PLACEHOLDER, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Substitutes every {{name}} in every string (keys included) of plain YAML data; a whole-string placeholder keeps a number a number. */
export function instantiate(data: unknown, values: Readonly<Record<string, ParamValue>>): unknown {
  if (typeof data === 'string') return substituteString(data, values);
  if (Array.isArray(data)) return data.map((d) => instantiate(d, values));
  if (data && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [String(substituteString(k, values)), instantiate(v, values)]));
  }
  return data;
}
