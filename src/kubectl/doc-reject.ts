// One document of a -f file that the strict parser refused: what the API server would do with it.
// Unknown fields are a BadRequest (or, with --validate=warn/ignore, dropped and the rest applied);
// validation problems are one Invalid error with all causes; an unknown kind/version is a mapping error.
import { readManifestDocs } from '../content/manifest-docs.ts';
import { formatError, parseManifests, type ManifestError, type ParsedManifests } from '../content/manifests.ts';
import { isObjectKind } from './admit.ts';
import { dropField, mappingError, parseFieldPath, type CommandError, type RejectedDoc, type Validate } from './doc-errors.ts';
import { obj, str } from './json.ts';

export type Rejection =
  | { readonly kind: 'fatal'; readonly error: string }
  | { readonly kind: 'mapping'; readonly error: CommandError }
  | { readonly kind: 'rejected'; readonly doc: RejectedDoc }
  | { readonly kind: 'stripped'; readonly value: ParsedManifests; readonly warnings: readonly string[] };

export interface Chunk { readonly start: number; readonly lines: readonly string[] }

/** The text split at `---` lines; `start` is the 0-based line where each piece begins. */
export function documentChunks(text: string): Chunk[] {
  const lines = text.split('\n');
  const starts = [0];
  for (let i = 1; i < lines.length; i++) if (/^---(\s|$)/.test(lines[i])) starts.push(i);
  return starts.map((s, k) => ({ start: s, lines: lines.slice(s, starts[k + 1] ?? lines.length) }));
}

/** Index of the chunk holding 1-based `line`. */
export function chunkAt(chunks: readonly Chunk[], line: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= line - 1) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur = root;
  for (const p of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

const UNKNOWN = /^strict decoding error: unknown field "(.*)"(?: \(did you mean "(.*)"\?\))?$/;

/** The API server's own wording where the shared schema words it differently. */
function serverWords(cause: string, doc: unknown): string {
  const named = /^(\S+): Invalid value: may not be specified when `port` is not a number$/.exec(cause);
  if (named) return `${named[1]}: Invalid value: ${JSON.stringify(valueAt(doc, parseFieldPath(named[1])))}: may not be specified when \`port\` is non-numeric`;
  return cause.replace('Forbidden: may not specify more than 1 peer type: ipBlock cannot be combined with podSelector or namespaceSelector',
    'Forbidden: may not specify both ipBlock and another peer');
}

export function rejectDoc(chunk: string, errors: readonly ManifestError[], file: string, namespace: string, validate: Validate, positions = true): Rejection {
  const value = obj(readManifestDocs(chunk).find((d) => d.value !== null && typeof d.value === 'object')?.value);
  const kind = value.kind;
  const meta = obj(value.metadata);
  const where = (e: ManifestError) => `${file}:${e.line}:${e.col}`;
  const first = errors[0];
  const fatal = errors.find((e) => e.message.startsWith('error validating data'));
  if (fatal) {
    const detail = fatal.message.replace(/^error validating data: \[([^,\]]*)\]$/, 'error validating data: $1');
    return { kind: 'fatal', error: `error: error validating "${file}": ${detail}; if you choose to ignore these errors, turn validation off with --validate=false` };
  }
  const noMatch = errors.map((e) => /^no matches for kind "(.*)" in version "(.*?)"(?: \((.*)\))?$/.exec(e.message)).find((m) => m);
  if (noMatch && first) {
    return { kind: 'mapping', error: mappingError(str(meta.name) ?? '', str(meta.namespace) ?? '', file, noMatch[1], noMatch[2], positions && noMatch[3] ? `${where(first)}: ${noMatch[3]}` : undefined) };
  }
  if (!isObjectKind(kind) || !first) return { kind: 'fatal', error: errors.map((e) => `error: ${formatError(e)}`).join('\n') };
  const base = { rejected: true as const, kind, namespace: kind === 'Namespace' ? '' : str(meta.namespace) ?? namespace, name: str(meta.name) ?? '', file };
  const unknown = errors.flatMap((e) => {
    const m = UNKNOWN.exec(e.message);
    return m ? [{ field: m[1], hint: m[2], at: where(e) }] : [];
  });
  if (unknown.length && validate === 'strict') {
    const hints = positions ? unknown.map((u) => `${u.at}: ${u.hint ? `did you mean "${u.hint}"?` : `"${u.field}" is not a field of ${kind}`}`) : [];
    return { kind: 'rejected', doc: { ...base, reason: 'BadRequest', causes: unknown.map((u) => `unknown field "${u.field}"`), hints } };
  }
  if (unknown.length) {
    let stripped: unknown = value;
    for (const u of unknown) stripped = dropField(stripped, parseFieldPath(u.field));
    const warnings = validate === 'warn' ? unknown.map((u) => `Warning: unknown field "${u.field}"`) : [];
    const text = JSON.stringify(stripped);
    const again = parseManifests(text, file, namespace);
    if (again.ok) return { kind: 'stripped', value: again.value, warnings };
    const r = rejectDoc(text, again.errors, file, namespace, 'strict', false);
    return r.kind === 'stripped' ? { ...r, warnings: [...warnings, ...r.warnings] } : r;
  }
  const causes = errors.map((e) => serverWords(e.message.replace(/^The \S+ (?:".*?" )?is invalid: /, ''), value));
  return { kind: 'rejected', doc: { ...base, reason: 'Invalid', causes, hints: positions ? [where(first)] : [] } };
}
