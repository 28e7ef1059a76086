// Positions in a YAML content file: where a path like steps[3].choices is, and where line k of an embedded
// block scalar (a manifest inside a lesson) lands in the file.
import { isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

export type ContentPath = readonly (string | number)[];

export interface Position { readonly line: number; readonly col: number }

/** steps[3].choices */
export function pathText(path: ContentPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

/** The deepest node on `path` that exists, and the offset to report (the key itself when keyPos). */
export function walk(doc: Document, path: ContentPath, keyPos: boolean): { node: unknown; offset: number; complete: boolean } {
  let offset = doc.contents?.range?.[0] ?? 0;
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node, offset, complete: false };
      const keyNode = pair.key as YamlNode;
      if (i === path.length - 1 && keyPos && keyNode.range) return { node: pair.value, offset: keyNode.range[0], complete: true };
      node = pair.value;
      const r = (pair.value as YamlNode | null)?.range ?? keyNode.range;
      if (r) offset = r[0];
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) return { node, offset, complete: false };
      node = item;
      if (item.range) offset = item.range[0];
    } else return { node, offset, complete: false };
  }
  return { node, offset, complete: true };
}

/** Positions inside one parsed YAML document. */
export class SourceMap {
  constructor(private readonly doc: Document, private readonly lc: LineCounter, private readonly text: string) {}

  /** Line and column of the value at `path` (or of its key when keyPos), or of its deepest existing parent. */
  at(path: ContentPath, keyPos = false): Position {
    const { offset } = walk(this.doc, path, keyPos);
    return this.lc.linePos(offset);
  }

  /**
   * Where line `line`, column `col` (1-based) of the string at `path` is in the file. Exact for literal and
   * folded block scalars (`|`, `>`); other scalars map to their start.
   */
  inside(path: ContentPath, line: number, col: number): Position {
    const { node, offset, complete } = walk(this.doc, path, false);
    const start = this.lc.linePos(offset);
    if (!complete || !isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED)) return start;
    // The header (`|`, `|-`, `>2`…) is on the start line; content begins on the next line at the block's indent.
    const lines = this.text.split('\n');
    let indent = 0;
    for (let i = start.line; i < lines.length; i++) {
      const l = lines[i];
      if (l.trim() === '') continue;
      indent = l.length - l.trimStart().length;
      break;
    }
    return { line: start.line + line, col: indent + col };
  }
}
