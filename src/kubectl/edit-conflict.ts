// kubectl edit without holding the cluster while the editor is open: when the learner saves, the objects
// being edited must still be the ones the editor was given (same uid and resourceVersion), else the API
// server's optimistic concurrency check fails. Pure.
import { obj, str } from './json.ts';
import { findObject, serverName, type ObjectRef, type Sandbox } from './sandbox.ts';

/** The error for the first edited object that changed or went away between `base` and `latest`. */
export function editConflict(base: Sandbox, latest: Sandbox, targets: readonly ObjectRef[]): string | undefined {
  for (const t of targets) {
    const before = findObject(base, t);
    const now = findObject(latest, t);
    if (!before) continue;
    if (!now) return `Error from server (NotFound): ${serverName(t)} not found`;
    const a = obj(before.manifest.metadata);
    const b = obj(now.manifest.metadata);
    if (str(a.uid) !== str(b.uid) || str(a.resourceVersion) !== str(b.resourceVersion)) {
      return `error: Operation cannot be fulfilled on ${serverName(t)}: the object has been modified; please apply your changes to the latest version and try again`;
    }
  }
  return undefined;
}
