import { ReceivedMail } from './smtp-sink';

/** A property of an iCalendar object: NAME;PARAM=value:VALUE, unfolded. */
export interface ICalProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface ICalComponent {
  name: string;
  properties: ICalProperty[];
  components: ICalComponent[];
}

/** The one event of an RFC 5546 scheduling message, as a calendar client reads it. */
export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  status: string;
  organizer: string;
  attendee: string;
}

const CONTENT_LINE =
  /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/;
const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;

/**
 * A deliberately strict reader of RFC 5545 text: every line ends in CRLF, no physical line is longer than 75
 * octets, continuation lines start with a space or tab, components nest properly. Throws on any breach, so a
 * test that reads an invite also proves it is well formed.
 */
export function parseICalendar(text: string): ICalComponent {
  if (!text.endsWith('\r\n')) throw new Error('iCalendar text must end with CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('Every iCalendar line must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const lines: string[] = [];
  for (const line of physical) {
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`Line longer than 75 octets: ${line}`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new Error('A continuation line cannot come first');
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: ICalComponent[] = [];
  let root: ICalComponent | null = null;
  for (const line of lines) {
    const match = CONTENT_LINE.exec(line);
    if (!match) throw new Error(`Not a content line: ${line}`);
    const [, rawName, rawParams, value] = match as unknown as [string, string, string, string];
    const name = rawName.toUpperCase();
    const params: Record<string, string> = {};
    for (const param of rawParams.match(/;[^;=]+=(?:"[^"]*"|[^";]*)/g) ?? []) {
      const [key, ...rest] = param.slice(1).split('=');
      params[(key as string).toUpperCase()] = rest.join('=').replace(/^"(.*)"$/, '$1');
    }
    if (name === 'BEGIN') {
      const component: ICalComponent = { name: value.toUpperCase(), properties: [], components: [] };
      if (stack.length > 0) stack[stack.length - 1]!.components.push(component);
      else if (root) throw new Error('Only one VCALENDAR per file');
      else root = component;
      stack.push(component);
    } else if (name === 'END') {
      const open = stack.pop();
      if (open?.name !== value.toUpperCase()) throw new Error(`END:${value} does not close ${open?.name}`);
    } else {
      if (stack.length === 0) throw new Error(`Property outside any component: ${line}`);
      stack[stack.length - 1]!.properties.push({ name, params, value });
    }
  }
  if (stack.length > 0 || !root) throw new Error('Unclosed component');
  if (root.name !== 'VCALENDAR') throw new Error('The outer component must be VCALENDAR');
  return root;
}

function single(component: ICalComponent, name: string): ICalProperty {
  const found = component.properties.filter((property) => property.name === name);
  if (found.length !== 1)
    throw new Error(`${component.name} must have exactly one ${name} (has ${found.length})`);
  return found[0]!;
}

function utc(property: ICalProperty, calendar: ICalComponent): Date {
  if (property.params['TZID']) {
    if (!calendar.components.some((component) => component.name === 'VTIMEZONE'))
      throw new Error(`${property.name} names TZID ${property.params['TZID']} with no VTIMEZONE`);
    throw new Error('TZID times are not read by this test');
  }
  if (!UTC_DATE_TIME.test(property.value)) throw new Error(`${property.name} is not a UTC date-time`);
  const v = property.value;
  return new Date(
    `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}Z`,
  );
}

/**
 * Checks an email's calendar part against the RFC 5546 rules Outlook and NHSmail rely on, and returns its event:
 * METHOD REQUEST or CANCEL (also in the MIME type), exactly one VEVENT, UID, SEQUENCE, DTSTAMP, DTSTART,
 * an ORGANIZER (the programme's mailbox) and the recipient as the only ATTENDEE, not asked to reply; a CANCEL
 * marks the event cancelled.
 */
export function readInvitation(mail: ReceivedMail, organizerEmail: string): Invitation {
  if (!mail.calendar) throw new Error(`"${mail.subject}" has no calendar part`);
  const calendar = parseICalendar(mail.calendar);
  if (single(calendar, 'VERSION').value !== '2.0') throw new Error('VERSION must be 2.0');
  single(calendar, 'PRODID');
  const method = single(calendar, 'METHOD').value;
  if (method !== 'REQUEST' && method !== 'CANCEL') throw new Error(`Unexpected METHOD:${method}`);
  if (!new RegExp(`method="?${method}"?`, 'i').test(mail.calendarContentType ?? ''))
    throw new Error(`The MIME type (${mail.calendarContentType}) must carry method=${method}`);
  const events = calendar.components.filter((component) => component.name === 'VEVENT');
  if (events.length !== 1)
    throw new Error(`A ${method} must hold exactly one VEVENT (holds ${events.length})`);
  const event = events[0]!;
  const sequence = single(event, 'SEQUENCE').value;
  if (!/^\d+$/.test(sequence)) throw new Error('SEQUENCE must be a non-negative integer');
  utc(single(event, 'DTSTAMP'), calendar);
  const start = utc(single(event, 'DTSTART'), calendar);
  const end = utc(single(event, 'DTEND'), calendar);
  if (end <= start) throw new Error('DTEND must be after DTSTART');
  const organizer = single(event, 'ORGANIZER');
  if (organizer.value.toLowerCase() !== `mailto:${organizerEmail}`.toLowerCase())
    throw new Error(`ORGANIZER must be mailto:${organizerEmail}, is ${organizer.value}`);
  const attendee = single(event, 'ATTENDEE');
  const recipient = /<([^>]+)>/.exec(mail.to)?.[1] ?? mail.to;
  if (attendee.value.toLowerCase() !== `mailto:${recipient}`.toLowerCase())
    throw new Error(`ATTENDEE must be the recipient (${recipient}), is ${attendee.value}`);
  for (const [param, expected] of [
    ['RSVP', 'FALSE'],
    ['PARTSTAT', 'NEEDS-ACTION'],
    ['ROLE', 'REQ-PARTICIPANT'],
  ] as const)
    if (attendee.params[param] !== expected) throw new Error(`ATTENDEE needs ${param}=${expected}`);
  const status = single(event, 'STATUS').value;
  if (method === 'CANCEL' && status !== 'CANCELLED') throw new Error('A CANCEL must have STATUS:CANCELLED');
  if (method === 'REQUEST' && status === 'CANCELLED') throw new Error('A REQUEST cannot be cancelled');
  return {
    method,
    uid: single(event, 'UID').value,
    sequence: Number(sequence),
    start,
    status,
    organizer: organizer.value,
    attendee: attendee.value,
  };
}
