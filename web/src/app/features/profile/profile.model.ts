import {
  AFC_BANDS,
  AfcBand,
  AGE_BANDS,
  DelegateProfile,
  DISABILITY_ANSWERS,
  ETHNIC_CATEGORIES,
  EqualityMonitoring,
  PAY_SCHEME_LABELS,
  PAY_SCHEMES,
  PayScheme,
  SEX_ANSWERS,
  STAFF_GROUPS,
  StaffGroup,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { RadioOption } from '../../shared/form-field';
import { EMAIL_PATTERN } from '../../shared/validation';

export const PROFILE_FIELDS = [
  'jobTitle',
  'staffGroup',
  'payScheme',
  'payBand',
  'lineManagerName',
  'lineManagerEmail',
] as const;

export const PROFILE_MESSAGES = {
  jobTitleRequired: 'Enter your job title',
  jobTitleTooLong: 'Job title must be 200 characters or fewer',
  staffGroupRequired: 'Select your staff group',
  paySchemeRequired: 'Select your pay scheme',
  payBandRequired: 'Select your Agenda for Change band',
  lineManagerNameRequired: "Enter your line manager's name",
  lineManagerNameTooLong: "Line manager's name must be 200 characters or fewer",
  lineManagerEmailRequired: "Enter your line manager's work email address",
  lineManagerEmailInvalid: 'Enter an email address in the correct format, like name@example.com',
} as const;

export interface ProfileFormValue {
  jobTitle: string;
  staffGroup: string;
  payScheme: string | null;
  payBand: string;
  lineManagerName: string;
  lineManagerEmail: string;
}

export const AGENDA_FOR_CHANGE: PayScheme = 'agenda-for-change';

export const PAY_SCHEME_OPTIONS: RadioOption[] = PAY_SCHEMES.map((scheme) => ({
  value: scheme,
  label: PAY_SCHEME_LABELS[scheme],
  hint: scheme === AGENDA_FOR_CHANGE ? 'Most NHS staff, paid in bands 2 to 9' : undefined,
}));

export const STAFF_GROUP_OPTIONS = STAFF_GROUPS;
export const BAND_OPTIONS = AFC_BANDS.map((band) => ({ value: band, label: `Band ${band}` }));

/** Checks the form in plain English; the band is asked for (and sent) only for Agenda for Change. */
export function checkProfile(
  value: ProfileFormValue,
): { ok: true; profile: DelegateProfile } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const jobTitle = value.jobTitle.trim();
  const lineManagerName = value.lineManagerName.trim();
  const lineManagerEmail = value.lineManagerEmail.trim();
  const afc = value.payScheme === AGENDA_FOR_CHANGE;

  if (!jobTitle) errors.push({ field: 'jobTitle', text: PROFILE_MESSAGES.jobTitleRequired });
  else if (jobTitle.length > 200) errors.push({ field: 'jobTitle', text: PROFILE_MESSAGES.jobTitleTooLong });
  if (!(STAFF_GROUPS as readonly string[]).includes(value.staffGroup)) {
    errors.push({ field: 'staffGroup', text: PROFILE_MESSAGES.staffGroupRequired });
  }
  if (!value.payScheme || !(PAY_SCHEMES as readonly string[]).includes(value.payScheme)) {
    errors.push({ field: 'payScheme', text: PROFILE_MESSAGES.paySchemeRequired });
  } else if (afc && !(AFC_BANDS as readonly string[]).includes(value.payBand)) {
    errors.push({ field: 'payBand', text: PROFILE_MESSAGES.payBandRequired });
  }
  if (!lineManagerName) {
    errors.push({ field: 'lineManagerName', text: PROFILE_MESSAGES.lineManagerNameRequired });
  } else if (lineManagerName.length > 200) {
    errors.push({ field: 'lineManagerName', text: PROFILE_MESSAGES.lineManagerNameTooLong });
  }
  if (!lineManagerEmail) {
    errors.push({ field: 'lineManagerEmail', text: PROFILE_MESSAGES.lineManagerEmailRequired });
  } else if (!EMAIL_PATTERN.test(lineManagerEmail) || lineManagerEmail.length > 320) {
    errors.push({ field: 'lineManagerEmail', text: PROFILE_MESSAGES.lineManagerEmailInvalid });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    profile: {
      jobTitle,
      staffGroup: value.staffGroup as StaffGroup,
      payScheme: value.payScheme as PayScheme,
      payBand: afc ? (value.payBand as AfcBand) : null,
      lineManagerName,
      lineManagerEmail,
    },
  };
}

// ── Equality monitoring ──

export const EQUALITY_FIELDS = ['ethnicCategory', 'disability', 'sex', 'ageBand'] as const;

export const PREFER_NOT_TO_SAY = 'I prefer not to say';

/** NHS Data Dictionary headings: "White: British" is shown as "British" under the heading "White". */
const ETHNIC_GROUP_HEADINGS: Record<string, string> = {
  White: 'White',
  Mixed: 'Mixed or multiple ethnic groups',
  'Asian or Asian British': 'Asian or Asian British',
  'Black or Black British': 'Black, Black British, Caribbean or African',
  'Other ethnic group': 'Other ethnic group',
};

export const ETHNICITY_OPTIONS: RadioOption[] = ETHNIC_CATEGORIES.map((category) => {
  const split = category.label.indexOf(': ');
  if (category.code === 'Z' || split < 0) {
    return { value: category.code, label: PREFER_NOT_TO_SAY, divider: 'or' };
  }
  const heading = category.label.slice(0, split);
  const label = category.label.slice(split + 2);
  return {
    value: category.code,
    label: label.charAt(0).toUpperCase() + label.slice(1),
    group: ETHNIC_GROUP_HEADINGS[heading] ?? heading,
  };
});

const DISABILITY_LABELS: Record<(typeof DISABILITY_ANSWERS)[number], string> = {
  yes: 'Yes',
  no: 'No',
  'prefer-not-to-say': PREFER_NOT_TO_SAY,
};
export const DISABILITY_OPTIONS: RadioOption[] = DISABILITY_ANSWERS.map((answer) => ({
  value: answer,
  label: DISABILITY_LABELS[answer],
}));

const SEX_LABELS: Record<(typeof SEX_ANSWERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  'prefer-not-to-say': PREFER_NOT_TO_SAY,
};
export const SEX_OPTIONS: RadioOption[] = SEX_ANSWERS.map((answer) => ({
  value: answer,
  label: SEX_LABELS[answer],
}));

const AGE_LABELS: Record<(typeof AGE_BANDS)[number], string> = {
  '16-24': '16 to 24',
  '25-34': '25 to 34',
  '35-44': '35 to 44',
  '45-54': '45 to 54',
  '55-64': '55 to 64',
  '65-plus': '65 or over',
  'prefer-not-to-say': PREFER_NOT_TO_SAY,
};
export const AGE_OPTIONS: RadioOption[] = AGE_BANDS.map((band) => ({ value: band, label: AGE_LABELS[band] }));

export interface EqualityFormValue {
  ethnicCategory: string | null;
  disability: string | null;
  sex: string | null;
  ageBand: string | null;
}

/** Every question is optional: an unanswered one is sent as null. */
export function toEqualityAnswers(value: EqualityFormValue): EqualityMonitoring {
  return {
    ethnicCategory: value.ethnicCategory || null,
    disability: (value.disability || null) as EqualityMonitoring['disability'],
    sex: (value.sex || null) as EqualityMonitoring['sex'],
    ageBand: (value.ageBand || null) as EqualityMonitoring['ageBand'],
  };
}

export function hasAnswers(answers: EqualityMonitoring): boolean {
  return Object.values(answers).some((answer) => answer !== null);
}
