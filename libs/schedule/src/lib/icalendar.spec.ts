import { buildCalendar, buildInvitation, escapeText, foldLine, formatUtcDateTime } from './icalendar';

describe('iCalendar writer', () => {
  it('writes UTC date-times in basic format', () => {
    expect(formatUtcDateTime(new Date('2027-03-30T08:00:00Z'))).toBe('20270330T080000Z');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('Leicester, LE1; room\\2\nfloor 1')).toBe('Leicester\\, LE1\\; room\\\\2\\nfloor 1');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('publishes a cancelled session with CRLF line endings, UID, SEQUENCE and STATUS:CANCELLED', () => {
    const text = buildCalendar([
      {
        uid: 'abc@upstand',
        sequence: 2,
        start: new Date('2027-03-25T09:00:00Z'),
        end: new Date('2027-03-25T16:30:00Z'),
        summary: 'Workshop day 1',
        stamp: new Date('2027-01-01T00:00:00Z'),
        status: 'CANCELLED',
      },
    ]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // A download has no attendee, so it is never an iTIP CANCEL (RFC 5546 requires ORGANIZER and ATTENDEE).
    expect(text).toContain('\r\nMETHOD:PUBLISH\r\n');
    expect(text).not.toContain('ORGANIZER');
    expect(text).toContain('\r\nUID:abc@upstand\r\nSEQUENCE:2\r\n');
    expect(text).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });
});

describe('buildInvitation', () => {
  const invitation = (method: 'REQUEST' | 'CANCEL') =>
    buildInvitation({
      method,
      event: {
        uid: 'session-1@upstand',
        sequence: 2,
        start: new Date('2027-03-25T09:00:00Z'),
        end: new Date('2027-03-25T16:30:00Z'),
        summary: 'Workshop, day 1',
        stamp: new Date('2027-03-01T12:00:00Z'),
      },
      organizer: { name: 'Upstand', email: 'no-reply@upstand.test' },
      attendee: { name: 'Smith, "Jo"', email: 'jo.smith@nhs.net' },
    });

  it('holds one event with the organizer and the attendee, who is not asked to reply', () => {
    const text = invitation('REQUEST').replace(/\r\n /g, '');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain('METHOD:REQUEST\r\n');
    expect(text).toContain('ORGANIZER;CN="Upstand":mailto:no-reply@upstand.test\r\n');
    expect(text).toContain(
      'ATTENDEE;CN="Smith, Jo";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:jo.smith@nhs.net\r\n',
    );
    expect(text).toContain('STATUS:CONFIRMED\r\n');
  });

  it('marks a cancellation cancelled', () => {
    const text = invitation('CANCEL');
    expect(text).toContain('METHOD:CANCEL\r\n');
    expect(text).toContain('STATUS:CANCELLED\r\n');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
