import { isWallTime } from './iso-date';
import { utcToLondonWallClock } from './london-time';

/**
 * Dates and times written the NHS way (NHS digital service manual, "Dates" and "Times"), shared by the web app,
 * emails and the PDFs so that every surface says "6 December 2026, 3:40pm".
 */

/** Month names, January first, as the NHS style writes them in full. */
export const MONTH_NAMES: readonly string[] = [
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

/** An ISO date (YYYY-MM-DD, or the date part of a longer ISO string) as "1 April 2024", without time zones. */
export function formatNhsDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const month = MONTH_NAMES[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

/** "9:00am", "4:30pm", "midday", "midnight" for HH:MM. */
export function formatClockTime(time: string): string {
  if (!isWallTime(time)) return time;
  const hours = Number(time.slice(0, 2));
  const minutes = time.slice(3, 5);
  if (minutes === '00' && hours === 0) return 'midnight';
  if (minutes === '00' && hours === 12) return 'midday';
  const suffix = hours < 12 ? 'am' : 'pm';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}:${minutes}${suffix}`;
}

/** An instant as London reads it: "6 December 2026, 3:40pm" (whatever the server's time zone). */
export function formatLondonDateTime(instant: Date): string {
  const { date, time } = utcToLondonWallClock(instant);
  return `${formatNhsDate(date)}, ${formatClockTime(time)}`;
}

/** The London calendar date of an instant: "6 December 2026". */
export function formatLondonDate(instant: Date): string {
  return formatNhsDate(utcToLondonWallClock(instant).date);
}
