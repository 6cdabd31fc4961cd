import { AttendanceStatus, ENROLMENT_STATUS_LABELS, EnrolmentStatus } from '@upstand/contracts';

/** NHS tag colour of each enrolment status. */
export const ENROLMENT_STATUS_TAGS: Record<EnrolmentStatus, string> = {
  'pending-approval': 'nhsuk-tag--yellow',
  confirmed: 'nhsuk-tag--blue',
  waitlisted: 'nhsuk-tag--purple',
  offered: 'nhsuk-tag--orange',
  declined: 'nhsuk-tag--grey',
  withdrawn: 'nhsuk-tag--grey',
  completed: 'nhsuk-tag--green',
  'did-not-complete': 'nhsuk-tag--red',
};

export function enrolmentStatusLabel(status: EnrolmentStatus): string {
  return ENROLMENT_STATUS_LABELS[status] ?? status;
}

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  late: 'Late',
  absent: 'Absent',
  apologies: 'Apologies',
};

export const ATTENDANCE_TAGS: Record<AttendanceStatus, string> = {
  present: 'nhsuk-tag--green',
  late: 'nhsuk-tag--yellow',
  absent: 'nhsuk-tag--red',
  apologies: 'nhsuk-tag--grey',
};
