/** A minimal RFC 5545 writer for Upstand's sessions: one or more VEVENTs in a VCALENDAR. */

export interface CalendarEvent {
  uid: string;
  /** Rises on every change so calendar clients replace their copy (RFC 5545 §3.8.7.4). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: 'CONFIRMED' | 'CANCELLED';
  /** When this version of the event was last changed; DTSTAMP */
  stamp: Date;
}

/** A calendar user: a name and an email address (CAL-ADDRESS as a mailto: URI). */
export interface CalendarPerson {
  name: string;
  email: string;
}

/** One scheduling message (RFC 5546 iTIP) about one event, from the organizer to one attendee. */
export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  event: CalendarEvent;
  organizer: CalendarPerson;
  attendee: CalendarPerson;
}

export interface CalendarOptions {
  name?: string;
}

const CRLF = '\r\n';
const utf8 = new TextEncoder();

/** UTC date-time form: 20270325T090000Z */
export function formatUtcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line to at most 75 octets per line, continuing with CRLF and a space (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const character of line) {
    const bytes = utf8.encode(character).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += character;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A parameter value (RFC 5545 §3.2): quoted, as names hold commas and colons; DQUOTE cannot appear at all. */
function paramValue(value: string): string {
  return `"${value.replace(/["\r\n]/g, '').trim()}"`;
}

const mailto = (person: CalendarPerson) => `mailto:${person.email.trim()}`;

/**
 * An invitation or cancellation holding exactly one event, with ORGANIZER and ATTENDEE as RFC 5546 requires:
 * Outlook and NHSmail act on the first event only of a REQUEST holding several. The attendee is not asked to
 * reply (RSVP=FALSE): the booking is made in Upstand, the invite only puts it in their calendar. A CANCEL marks
 * the event STATUS:CANCELLED; its SEQUENCE must be higher than that of the request it cancels.
 */
export function buildInvitation(invitation: Invitation): string {
  const { event, organizer, attendee, method } = invitation;
  const cancelled = method === 'CANCEL' || event.status === 'CANCELLED';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Upstand//Active Bystander Programme//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtcDateTime(event.stamp)}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `ORGANIZER;CN=${paramValue(organizer.name)}:${mailto(organizer)}`,
    `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:${mailto(attendee)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * A calendar to download or subscribe to: always METHOD:PUBLISH. RFC 5546 requires ORGANIZER and ATTENDEE in a
 * REQUEST or CANCEL (those go by email, from buildInvitation); a download has no attendee, so a cancelled
 * session is published with STATUS:CANCELLED, which Outlook and Google show as cancelled.
 */
export function buildCalendar(events: CalendarEvent[], options: CalendarOptions = {}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Upstand//Active Bystander Programme//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${formatUtcDateTime(event.stamp)}`,
      `DTSTART:${formatUtcDateTime(event.start)}`,
      `DTEND:${formatUtcDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push(`STATUS:${event.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
