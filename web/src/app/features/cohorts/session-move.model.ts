import { isWallTime } from '@upstand/schedule';
import { MoveSessionRequest } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { checkDateParts, DateParts, dateMessages } from '../../shared/date-parts';
import { londonIso } from '../../shared/london-time';

export interface MoveInput {
  date: DateParts;
  startTime: string;
  endTime: string;
  reason: string;
}

export const MOVE_MESSAGES = {
  dateRequired: dateMessages('new date').required,
  dateInvalid: dateMessages('new date').invalid,
  startRequired: 'Enter the start time',
  startInvalid: 'Enter the start time as hours and minutes, like 09:30',
  endRequired: 'Enter the end time',
  endInvalid: 'Enter the end time as hours and minutes, like 16:30',
  endBeforeStart: 'The end time must be after the start time',
  reasonTooLong: 'The reason must be 500 characters or fewer',
} as const;

/**
 * Checks the move form and turns the London date and wall-clock times into instants with London's offset on that
 * day (+00:00 in winter, +01:00 in summer), as the API expects.
 */
export function buildMoveRequest(
  input: MoveInput,
): { ok: true; request: MoveSessionRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const date = checkDateParts('date', 'new date', input.date);
  if (!date.ok) errors.push(date.error);
  const start = input.startTime.slice(0, 5);
  const end = input.endTime.slice(0, 5);
  if (!input.startTime) errors.push({ field: 'startTime', text: MOVE_MESSAGES.startRequired });
  else if (!isWallTime(start)) errors.push({ field: 'startTime', text: MOVE_MESSAGES.startInvalid });
  if (!input.endTime) errors.push({ field: 'endTime', text: MOVE_MESSAGES.endRequired });
  else if (!isWallTime(end)) errors.push({ field: 'endTime', text: MOVE_MESSAGES.endInvalid });
  else if (isWallTime(start) && end <= start)
    errors.push({ field: 'endTime', text: MOVE_MESSAGES.endBeforeStart });
  const reason = input.reason.trim();
  if (reason.length > 500) errors.push({ field: 'reason', text: MOVE_MESSAGES.reasonTooLong });
  if (errors.length || !date.ok) return { ok: false, errors };
  return {
    ok: true,
    request: {
      startsAt: londonIso(date.iso, start),
      endsAt: londonIso(date.iso, end),
      ...(reason ? { reason } : {}),
    },
  };
}

/** API field names → the inputs of the move form. */
export const MOVE_FIELD_FOR: Record<string, string> = { startsAt: 'startTime', endsAt: 'endTime' };
