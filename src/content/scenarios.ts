// The scenario catalogue: scenario files → scenarios by id (built-in first, then packs), with every problem
// reported as a content error. Pure: load.ts reads the files.
import type { LoadedText } from './load.ts';
import type { ContentError } from './lesson-parse.ts';
import { parseScenarioSource } from './scenario-parse.ts';
import type { Scenario } from './scenario-types.ts';

export interface Catalogue {
  readonly scenarios: readonly Scenario[];
  readonly errors: readonly ContentError[];
}

export function assembleScenarios(files: readonly LoadedText[]): Catalogue {
  const scenarios: Scenario[] = [];
  const errors: ContentError[] = [];
  const taken = new Map<string, string>();
  for (const f of files) {
    const r = parseScenarioSource(f.text, f.file);
    if (!r.ok) { for (const e of r.errors) errors.push(e); continue; }
    const sc = r.value.scenario;
    const prev = taken.get(sc.id);
    if (prev) { errors.push({ file: f.file, ...r.value.map.at(['id']), path: 'id', message: `duplicate scenario id "${sc.id}" (already used by ${prev})` }); continue; }
    taken.set(sc.id, f.file);
    scenarios.push(sc);
  }
  return { scenarios, errors };
}

/** Parses one scenario again for a variant seed (the catalogue holds the no-seed instances). */
export function scenarioForSeed(files: readonly LoadedText[], id: string, seed: number | undefined): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const find = (list: readonly LoadedText[]) => {
    for (const f of list) {
      const r = parseScenarioSource(f.text, f.file, seed);
      if (r.ok && r.value.scenario.id === id) return r.value.scenario;
    }
    return undefined;
  };
  // Parse only the files whose `id:` line names the scenario (an exam opens sixteen of forty); a file that
  // spells its id some other way is still found by the full scan.
  const idLine = new RegExp(`^id:[ \t]*(["']?)${id.replace(/[^a-z0-9-]/g, '')}\\1[ \t]*(#.*)?$`, 'm');
  const scenario = find(files.filter((f) => idLine.test(f.text))) ?? find(files);
  return scenario ? { ok: true, scenario } : { ok: false, error: `no scenario with id "${id}"` };
}
