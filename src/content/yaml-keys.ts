// Mapping keys that are collections (`? [a]: x`, `{{a}}`) are never part of a Kubernetes manifest or a
// content file, and the yaml package's conversion of them is super-linear in their depth (a 1 KB file of
// `? ? ? …` would take minutes). They are found on the syntax tree before any conversion.
import { isCollection, visit, type Document } from 'yaml';

/** The source offset of the first mapping key that is a collection, if any. */
export function collectionKeyOffset(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        found = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export const COLLECTION_KEY_MESSAGE = 'a mapping key must be a string, not a list or a mapping';
