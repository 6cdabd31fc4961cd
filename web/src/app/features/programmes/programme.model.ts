import {
  CompletionRule,
  Programme,
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
  confirmPairingBreak:
    'Confirm that answers given after the change will not be paired with those already given, or undo the change to anonymous evaluation',
} as const;

/**
 * Whose programme it is, for its NHS.UK tag: "Regional" (a journey shared across the region, changed by regional
 * leads only) or the short name of the one system it belongs to ("Coventry and Warwickshire").
 */
export function programmeScope(programme: Pick<Programme, 'system'>): { regional: boolean; label: string } {
  if (!programme.system) return { regional: true, label: 'Regional' };
  const short = programme.system.name
    .replace(/^NHS\s+/, '')
    .replace(/\s*Integrated Care Board$/i, '')
    .trim();
  return { regional: false, label: short || programme.system.odsCode };
}

/** "12 questionnaire responses" */
export function responsesText(count: number): string {
  return count === 1 ? '1 questionnaire response' : `${count} questionnaire responses`;
}

/**
 * Whether saving would switch anonymous evaluation on a programme that already has questionnaire responses: the
 * answers given after the switch cannot be paired with those, so the lead must confirm it.
 */
export function breaksPairing(
  programme: Pick<Programme, 'anonymousEvaluation' | 'evaluationResponseCount'>,
  anonymousEvaluation: boolean,
): boolean {
  return (
    anonymousEvaluation !== programme.anonymousEvaluation && (programme.evaluationResponseCount ?? 0) > 0
  );
}

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

export interface SettingsInput {
  requiresManagerApproval: boolean;
  offerHoldHours: string;
  anonymousEvaluation: boolean;
  confirmPairingBreak: boolean;
}

/**
 * Checks the settings form. `current` is the programme as loaded: switching anonymous evaluation once it has
 * questionnaire responses needs the confirmation box ticked, which is then sent as `confirmPairingBreak`.
 */
export function checkSettings(
  value: SettingsInput,
  current: Pick<Programme, 'anonymousEvaluation' | 'evaluationResponseCount'>,
): { ok: true; request: UpdateProgrammeSettingsRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  let hours: number | null = null;
  if (!value.offerHoldHours.trim()) {
    errors.push({ field: 'offerHoldHours', text: SETTINGS_MESSAGES.holdRequired });
  } else {
    hours = wholeNumber(value.offerHoldHours, 1, MAX_OFFER_HOLD_HOURS);
    if (hours === null) errors.push({ field: 'offerHoldHours', text: SETTINGS_MESSAGES.holdInvalid });
  }
  const confirmNeeded = breaksPairing(current, value.anonymousEvaluation);
  if (confirmNeeded && !value.confirmPairingBreak)
    errors.push({ field: 'confirmPairingBreak', text: SETTINGS_MESSAGES.confirmPairingBreak });
  if (errors.length || hours === null) return { ok: false, errors };
  return {
    ok: true,
    request: {
      requiresManagerApproval: value.requiresManagerApproval,
      offerHoldHours: hours,
      anonymousEvaluation: value.anonymousEvaluation,
      ...(confirmNeeded ? { confirmPairingBreak: true } : {}),
    },
  };
}
