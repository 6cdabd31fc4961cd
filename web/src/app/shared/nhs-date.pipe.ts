import { Pipe, PipeTransform } from '@angular/core';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Formats an ISO date (YYYY-MM-DD) the NHS way, "1 April 2024", without time-zone surprises. */
export function formatNhsDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

@Pipe({ name: 'nhsDate' })
export class NhsDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatNhsDate(value);
  }
}
