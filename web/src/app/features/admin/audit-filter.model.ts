import { AuditEventQuery } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { DateParts, datePartsToIso } from '../../shared/date-parts';

export interface AuditFilterValue {
  actor: string;
  action: string;
  from: DateParts;
  to: DateParts;
}

export const AUDIT_FILTER_MESSAGES = {
  fromInvalid: 'The first day must be a real date, like 25 3 2027',
  toInvalid: 'The last day must be a real date, like 25 3 2027',
  order: 'The last day must be the same as or after the first day',
  action: 'An action is written like user.invited: letters, numbers, dots and dashes',
} as const;

/** The audit log filters as the API takes them (only those given), or the errors to show on the form. */
export function checkAuditFilter(
  value: AuditFilterValue,
): { ok: true; query: AuditEventQuery } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const from = datePartsToIso(value.from);
  const to = datePartsToIso(value.to);
  const action = value.action.trim().toLowerCase();
  if (action && !/^[a-z0-9._-]{1,64}$/.test(action))
    errors.push({ field: 'action', text: AUDIT_FILTER_MESSAGES.action });
  if (from === null) errors.push({ field: 'from', text: AUDIT_FILTER_MESSAGES.fromInvalid });
  if (to === null) errors.push({ field: 'to', text: AUDIT_FILTER_MESSAGES.toInvalid });
  else if (from && to && to < from) errors.push({ field: 'to', text: AUDIT_FILTER_MESSAGES.order });
  if (errors.length > 0) return { ok: false, errors };
  const query: AuditEventQuery = {};
  if (value.actor.trim()) query.actor = value.actor.trim();
  if (action) query.action = action;
  if (from) query.from = from;
  if (to) query.to = to;
  return { ok: true, query };
}
