import { CompletionRule, SessionKind } from '@upstand/contracts';

export interface KindProgress {
  kind: SessionKind;
  held: number;
  attended: number;
}

/**
 * Whether attendance meets the template's completion rule: for each kind named, every session held ('all')
 * or at least the number given (capped by how many were held, so a cancelled session cannot block anyone).
 */
export function meetsCompletionRule(rule: CompletionRule, progress: KindProgress[]): boolean {
  return Object.entries(rule).every(([kind, needed]) => {
    const row = progress.find((candidate) => candidate.kind === kind) ?? { held: 0, attended: 0 };
    if (row.held === 0) return false;
    const required = needed === 'all' ? row.held : Math.min(needed ?? 0, row.held);
    return row.attended >= required;
  });
}
