import {
  CreateFacilitatorRequest,
  FACILITATOR_LEVELS,
  FacilitatorLevel,
  SESSION_KINDS,
  SessionKind,
  UpdateFacilitatorRequest,
} from '@upstand/contracts';
import { isIsoDate } from '@upstand/schedule';
import { ErrorItem } from '../../core/api-error';
import { EMAIL_PATTERN } from '../../shared/validation';

export interface FacilitatorFormValue {
  email: string;
  level: string;
  sessionKinds: string[];
  active: boolean;
  unavailableDates: string;
}

export const FACILITATOR_MESSAGES = {
  emailRequired: 'Enter the email address of their Upstand account',
  emailInvalid: 'Enter an email address in the correct format, like name@example.com',
  levelRequired: 'Select their level',
  kindsRequired: 'Select at least one kind of session they can run',
} as const;

const isLevel = (value: string): value is FacilitatorLevel =>
  (FACILITATOR_LEVELS as readonly string[]).includes(value);
const isKind = (value: string): value is SessionKind => (SESSION_KINDS as readonly string[]).includes(value);

/** One date a line (YYYY-MM-DD); blank lines are ignored; the result is sorted without repeats. */
export function parseDates(text: string): { dates: string[]; error: string | null } {
  const dates = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    if (!isIsoDate(line)) {
      return {
        dates: [],
        error: `Line ${i + 1} ("${line}") is not a date. Enter dates like 2027-03-25, one a line`,
      };
    }
    dates.add(line);
  }
  return { dates: [...dates].sort(), error: null };
}

function common(value: FacilitatorFormValue, errors: ErrorItem[]) {
  const level = isLevel(value.level) ? value.level : null;
  if (!level) errors.push({ field: 'level', text: FACILITATOR_MESSAGES.levelRequired });
  const sessionKinds = value.sessionKinds.filter(isKind);
  if (!sessionKinds.length) errors.push({ field: 'sessionKinds', text: FACILITATOR_MESSAGES.kindsRequired });
  return { level, sessionKinds };
}

export function checkNewFacilitator(
  value: FacilitatorFormValue,
): { ok: true; request: CreateFacilitatorRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const email = value.email.trim();
  if (!email) errors.push({ field: 'email', text: FACILITATOR_MESSAGES.emailRequired });
  else if (!EMAIL_PATTERN.test(email))
    errors.push({ field: 'email', text: FACILITATOR_MESSAGES.emailInvalid });
  const { level, sessionKinds } = common(value, errors);
  if (errors.length || !level) return { ok: false, errors };
  return { ok: true, request: { email, level, sessionKinds } };
}

export function checkFacilitatorChanges(
  value: FacilitatorFormValue,
): { ok: true; request: UpdateFacilitatorRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const { level, sessionKinds } = common(value, errors);
  const parsed = parseDates(value.unavailableDates);
  if (parsed.error) errors.push({ field: 'unavailableDates', text: parsed.error });
  if (errors.length || !level) return { ok: false, errors };
  return { ok: true, request: { level, sessionKinds, active: value.active, unavailableDates: parsed.dates } };
}
