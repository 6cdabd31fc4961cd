import {
  CompletionRule,
  SESSION_KIND_LABELS,
  SessionKind,
  UpdateProgrammeSettingsRequest,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { wholeNumber } from '../../shared/validation';

/** The API's limit: two weeks. */
export const MAX_OFFER_HOLD_HOURS = 24 * 14;

export const SETTINGS_MESSAGES = {
  holdRequired: 'Enter how many hours a waiting-list offer is held',
  holdInvalid: `Hours must be a whole number from 1 to ${MAX_OFFER_HOLD_HOURS}`,
} as const;

/** "All workshops and 4 action learning sets" */
export function describeCompletionRule(rule: CompletionRule): string {
  const parts = (Object.entries(rule) as [SessionKind, 'all' | number][]).map(([kind, need]) => {
    const label = SESSION_KIND_LABELS[kind]?.toLowerCase() ?? kind;
    const plural = label.endsWith('s') ? label : `${label}s`;
    if (need === 'all') return `all ${plural}`;
    return `${need} ${need === 1 ? label : plural}`;
  });
  if (!parts.length) return 'No attendance needed';
  const text =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function checkSettings(value: {
  requiresManagerApproval: boolean;
  offerHoldHours: string;
}): { ok: true; request: UpdateProgrammeSettingsRequest } | { ok: false; errors: ErrorItem[] } {
  if (!value.offerHoldHours.trim()) {
    return { ok: false, errors: [{ field: 'offerHoldHours', text: SETTINGS_MESSAGES.holdRequired }] };
  }
  const hours = wholeNumber(value.offerHoldHours, 1, MAX_OFFER_HOLD_HOURS);
  if (hours === null)
    return { ok: false, errors: [{ field: 'offerHoldHours', text: SETTINGS_MESSAGES.holdInvalid }] };
  return {
    ok: true,
    request: { requiresManagerApproval: value.requiresManagerApproval, offerHoldHours: hours },
  };
}
