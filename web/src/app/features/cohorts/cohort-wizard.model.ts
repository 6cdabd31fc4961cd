import { Facilitator, REQUIRED_STAFFING } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { checkDateParts, DateParts, dateMessages } from '../../shared/date-parts';
import { CheckboxOption } from '../../shared/form-field';
import { wholeNumber, webAddress } from '../../shared/validation';

export const WIZARD_STEPS = ['details', 'people', 'check'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_TITLES: Record<WizardStep, string> = {
  details: 'Cohort details',
  people: 'People and places',
  check: 'Check the schedule',
};

export function toStep(value: string | null | undefined): WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value ?? '') ? (value as WizardStep) : 'details';
}

export const DEFAULT_CAPACITY = 24;
export const MAX_CAPACITY = 500;
export const NAME_MAX_LENGTH = 200;

export interface DetailsInput {
  programmeId: string;
  name: string;
  systemOdsCode: string;
  startDate: DateParts;
  capacity: string;
}

export interface Details {
  programmeId: string;
  name: string;
  systemOdsCode: string;
  startDate: string;
  capacity: number;
}

export interface PeopleInput {
  venueId: string;
  facilitatorIds: string[];
  joinUrl: string;
}

export interface People {
  venueId: string | null;
  facilitatorIds: string[];
  joinUrl: string | null;
}

/** The first workshop's date as its error messages name it. */
const START_DATE_NAME = 'date of the first workshop';

export const WIZARD_MESSAGES = {
  programmeRequired: 'Select the programme',
  nameRequired: 'Enter a name for the cohort',
  nameTooLong: `Cohort name must be ${NAME_MAX_LENGTH} characters or fewer`,
  systemRequired: 'Select the home system',
  startDateRequired: dateMessages(START_DATE_NAME).required,
  startDateInvalid: dateMessages(START_DATE_NAME).invalid,
  capacityRequired: 'Enter the number of places',
  capacityInvalid: `Number of places must be a whole number from 1 to ${MAX_CAPACITY}`,
  joinUrlInvalid: 'Enter the join link as a web address starting with https://',
} as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: ErrorItem[] };

export function checkDetails(input: DetailsInput): Checked<Details> {
  const errors: ErrorItem[] = [];
  const name = input.name.trim();
  if (!input.programmeId) errors.push({ field: 'programmeId', text: WIZARD_MESSAGES.programmeRequired });
  if (!name) errors.push({ field: 'name', text: WIZARD_MESSAGES.nameRequired });
  else if (name.length > NAME_MAX_LENGTH) errors.push({ field: 'name', text: WIZARD_MESSAGES.nameTooLong });
  if (!input.systemOdsCode) errors.push({ field: 'systemOdsCode', text: WIZARD_MESSAGES.systemRequired });
  const startDate = checkDateParts('startDate', START_DATE_NAME, input.startDate);
  if (!startDate.ok) errors.push(startDate.error);
  const capacity = wholeNumber(input.capacity, 1, MAX_CAPACITY);
  if (!input.capacity.trim()) errors.push({ field: 'capacity', text: WIZARD_MESSAGES.capacityRequired });
  else if (capacity === null) errors.push({ field: 'capacity', text: WIZARD_MESSAGES.capacityInvalid });
  if (errors.length || capacity === null || !startDate.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      programmeId: input.programmeId,
      name,
      systemOdsCode: input.systemOdsCode,
      startDate: startDate.iso,
      capacity,
    },
  };
}

export function checkPeople(input: PeopleInput): Checked<People> {
  const joinText = input.joinUrl.trim();
  const joinUrl = joinText ? webAddress(joinText) : null;
  if (joinText && !joinUrl) {
    return { ok: false, errors: [{ field: 'joinUrl', text: WIZARD_MESSAGES.joinUrlInvalid }] };
  }
  return {
    ok: true,
    value: { venueId: input.venueId || null, facilitatorIds: [...input.facilitatorIds], joinUrl },
  };
}

const LEVEL_ORDER = { 'lead-facilitator': 0, 'co-facilitator': 1, trainee: 2 } as const;

/** Active facilitators who may run workshops, lead facilitators first, as checkbox options. */
export function workshopFacilitatorOptions(
  facilitators: readonly Facilitator[],
  levelLabels: Record<Facilitator['level'], string>,
): CheckboxOption[] {
  return facilitators
    .filter((facilitator) => facilitator.active && facilitator.sessionKinds.includes('workshop'))
    .sort(
      (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.fullName.localeCompare(b.fullName, 'en-GB'),
    )
    .map((facilitator) => ({
      value: facilitator.id,
      label: facilitator.fullName,
      hint: [levelLabels[facilitator.level], facilitator.organisationName].filter(Boolean).join(', '),
    }));
}

const WORKSHOP = REQUIRED_STAFFING.workshop;
export const WORKSHOP_STAFFING_HINT =
  `A workshop needs ${WORKSHOP.total} facilitators, at least ${WORKSHOP.leads} of them a lead facilitator: ` +
  'choose them all now, or none and add them later for each session.';
