// A goal in words, for checklists (lesson exercises, drills, reports).
import type { Goal } from './task-types.ts';

export function goalText(g: Goal): string {
  if (g.description) return g.description;
  switch (g.kind) {
    case 'reach': return `${g.from} → ${g.to} on ${g.port}/${g.protocol} is ${g.allowed ? 'allowed' : 'denied'}`;
    case 'dns': return `${g.from} ${g.resolves ? 'can' : 'cannot'} resolve ${g.name}`;
    case 'policy-exists': return `a NetworkPolicy ${g.namespace}/${g.name} exists`;
    case 'unchanged': return `${g.object.kind} ${g.object.namespace ? `${g.object.namespace}/` : ''}${g.object.name} is left as it was`;
    case 'labels': return `${g.object.kind} ${g.object.namespace ? `${g.object.namespace}/` : ''}${g.object.name} carries ${Object.entries(g.labels).map(([k, v]) => (v === null ? `no ${k}` : `${k}=${v}`)).join(', ')}`;
    case 'absent': return `${g.object.kind} ${g.object.namespace ? `${g.object.namespace}/` : ''}${g.object.name} no longer exists`;
    case 'only-policies': return `the NetworkPolicies in ${g.namespace} are exactly ${g.names.join(', ') || 'none'}`;
    case 'answer-file': return `${g.path} holds the answer`;
    default: {
      const never: never = g;
      throw new Error(`unknown goal ${String(never)}`);
    }
  }
}
