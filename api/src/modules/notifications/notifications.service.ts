import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { buildInvitation, CalendarEvent, CalendarPerson } from '@upstand/schedule';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { describeSlot, formatLondonDayTime } from '../cohorts/staffing.service';
import { NewMessage } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import { NotificationsRepository, Recipient, SessionForMail } from './notifications.repository';
import { BackgroundWork } from '../../common/background-work';

const REMINDERS = [
  { key: 'reminder-7d', label: 'next week', hoursBefore: 7 * 24, notWithinHours: 24 },
  { key: 'reminder-1d', label: 'tomorrow', hoursBefore: 24, notWithinHours: 0 },
] as const;

export function sessionEvent(session: SessionForMail): CalendarEvent {
  const location =
    session.mode === 'virtual'
      ? 'Online (Microsoft Teams or Zoom: the link is on your Upstand journey page)'
      : [session.venueName, session.venueAddress].filter(Boolean).join(', ') ||
        session.cohortVenue ||
        undefined;
  return {
    uid: session.calendarUid,
    sequence: session.calendarSequence,
    start: session.startsAt,
    end: session.endsAt,
    summary: `${session.title}${session.cohortName ? ` (${session.cohortName})` : ''}`,
    location,
    status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    stamp: session.updatedAt,
  };
}

/** "Upstand <no-reply@upstand.test>" as a calendar user; a bare address is named after the service. */
export function mailboxOf(from: string): CalendarPerson {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return match
    ? { name: match[1] || 'Upstand', email: match[2] as string }
    : { name: 'Upstand', email: from.trim() };
}

const line = (session: SessionForMail) =>
  `- ${session.title}: ${describeSlot(session.startsAt, session.endsAt)}${session.mode === 'virtual' ? ' (online)' : ''}`;

/** The journey's emails, composed here and queued in the caller's transaction (outbox pattern). */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: NotificationsRepository,
    private readonly mail: MailService,
  ) {}

  /** After sign-up or acceptance: what happens next, and every session as a calendar invite when confirmed. */
  async enrolmentStatus(enrolmentId: string, manager: EntityManager): Promise<void> {
    const enrolment = await this.repository.enrolment(enrolmentId, manager);
    if (!enrolment) return;
    const journey = `${this.config.publicBaseUrl}/journey`;
    const message: NewMessage = { toAddress: enrolment.email, subject: '', textBody: '' };
    if (enrolment.status === 'confirmed') {
      const sessions = (await this.repository.sessionsOfEnrolment(enrolmentId, manager)).filter(
        (session) => session.status === 'scheduled',
      );
      const invited = sessions.filter((session) => session.startsAt > new Date());
      message.subject = `Your place on ${enrolment.cohortName} is confirmed`;
      message.textBody = [
        `Dear ${enrolment.fullName},`,
        '',
        `Your place on the ${enrolment.programmeName} (${enrolment.cohortName}) is confirmed. Your sessions:`,
        '',
        ...sessions.map(line),
        '',
        ...(invited.length > 0
          ? [
              `Each session ${invited.length === sessions.length ? '' : 'still to come '}also comes in its own email as a calendar invitation, so that your calendar shows every one.`,
              '',
            ]
          : []),
        `To add all your sessions to your calendar at once, or to subscribe to a calendar feed that stays up to date, go to "Your calendar" on your journey page: ${journey}#calendar`,
        '',
        `Join links for online sessions and what comes next are on your journey page: ${journey}`,
        // The "before the programme" questionnaire opens with the place and closes when the workshop starts.
        ...(sessions.length === 0 || (sessions[0] as SessionForMail).startsAt > new Date()
          ? [
              '',
              `Before the workshop, please answer a short questionnaire about how confident you feel today (about five minutes): ${journey}/questionnaires/pre`,
            ]
          : []),
      ].join('\n');
      await this.mail.enqueue([message, ...this.invitations(enrolment, invited)], manager);
      return;
    } else if (enrolment.status === 'waitlisted') {
      message.subject = `You are on the waiting list for ${enrolment.cohortName}`;
      message.textBody = `Dear ${enrolment.fullName},\n\n${enrolment.cohortName} is full, so you are on its waiting list. If a place comes up we will email you and hold it for you.\n\nYour journey page: ${journey}`;
    } else if (enrolment.status === 'pending-approval') {
      message.subject = `We have asked your line manager to approve your place on ${enrolment.cohortName}`;
      message.textBody = `Dear ${enrolment.fullName},\n\nThanks for signing up. Your line manager has been asked to approve your place; we will email you when they do.\n\nYour journey page: ${journey}`;
    } else if (enrolment.status === 'declined') {
      message.subject = `Your place on ${enrolment.cohortName} was not approved`;
      message.textBody = `Dear ${enrolment.fullName},\n\nYour line manager did not approve your place on ${enrolment.cohortName} this time. Please talk to them about a later cohort.\n\nOpen cohorts: ${this.config.publicBaseUrl}/cohorts/open`;
    } else {
      return;
    }
    await this.mail.enqueue([message], manager);
  }

  /** After sets are made: each delegate's own set sessions as calendar invites. */
  async learningSetAssigned(enrolmentId: string, setNumber: number, manager: EntityManager): Promise<void> {
    const enrolment = await this.repository.enrolment(enrolmentId, manager);
    if (!enrolment) return;
    const sessions = (await this.repository.sessionsOfEnrolment(enrolmentId, manager)).filter(
      (session) => session.setId !== null && session.status === 'scheduled',
    );
    await this.mail.enqueue(
      [
        {
          toAddress: enrolment.email,
          subject: `Your action learning set: set ${setNumber} (${enrolment.cohortName})`,
          textBody: [
            `Dear ${enrolment.fullName},`,
            '',
            `You are in action learning set ${setNumber}. Its sessions (each comes in its own email as a calendar invitation):`,
            '',
            ...sessions.map(line),
          ].join('\n'),
          dedupeKey: `set-assigned:${enrolmentId}:${setNumber}`,
        },
        ...this.invitations(
          enrolment,
          sessions.filter((session) => session.startsAt > new Date()),
        ),
      ],
      manager,
    );
  }

  async placeOffered(enrolmentId: string, manager: EntityManager): Promise<void> {
    const enrolment = await this.repository.enrolment(enrolmentId, manager);
    if (!enrolment?.offerExpiresAt) return;
    const deadline = formatLondonDayTime(enrolment.offerExpiresAt);
    await this.mail.enqueue(
      [
        {
          toAddress: enrolment.email,
          subject: `A place on ${enrolment.cohortName} is yours if you want it`,
          textBody: `Dear ${enrolment.fullName},\n\nA place has come up on ${enrolment.cohortName}. It is held for you until ${deadline}. Accept or decline it on your journey page: ${this.config.publicBaseUrl}/journey\n\nIf you do nothing, it passes to the next person on the waiting list.`,
          dedupeKey: `offer:${enrolmentId}:${enrolment.offerExpiresAt.toISOString()}`,
        },
      ],
      manager,
    );
  }

  /**
   * A lead of another system offered to transfer a delegate into one of this system's cohorts: its leads decide.
   * Names only the delegate and the cohorts; the rest is on the cohorts page.
   */
  async transferOffered(
    offer: { id: string; delegateName: string; fromName: string; fromSystemName: string; toName: string },
    recipients: { email: string; fullName: string }[],
    manager: EntityManager,
  ): Promise<void> {
    await this.mail.enqueue(
      recipients.map((recipient) => ({
        toAddress: recipient.email,
        subject: `Transfer waiting: ${offer.delegateName} to ${offer.toName}`,
        textBody: `Dear ${recipient.fullName},\n\n${offer.fromSystemName} would like to move ${offer.delegateName} from ${offer.fromName} to ${offer.toName}. They join only if you accept.\n\nAccept or decline it under "Transfers waiting" on your cohorts page: ${this.config.publicBaseUrl}/cohorts`,
        dedupeKey: `transfer-offer:${offer.id}:${recipient.email}`,
      })),
      manager,
    );
  }

  /** A moved, re-placed or cancelled session: an updated invite (same UID, higher SEQUENCE) to everyone booked. */
  async sessionChanged(sessionId: string, manager: EntityManager): Promise<void> {
    const session = await this.repository.session(sessionId, manager);
    if (!session) return;
    const recipients = await this.repository.recipientsOfSession(sessionId, manager);
    const cancelled = session.status === 'cancelled';
    const method = cancelled ? ('CANCEL' as const) : ('REQUEST' as const);
    await this.mail.enqueue(
      recipients.map((recipient) => ({
        toAddress: recipient.email,
        subject: cancelled ? `Cancelled: ${session.title}` : `Changed: ${session.title}`,
        textBody: cancelled
          ? `Dear ${recipient.fullName},\n\n${session.title}${session.cohortName ? ` (${session.cohortName})` : ''} on ${describeSlot(session.startsAt, session.endsAt)} is cancelled. The attached update removes it from your calendar.`
          : `Dear ${recipient.fullName},\n\n${session.title}${session.cohortName ? ` (${session.cohortName})` : ''} has changed. It is now on ${describeSlot(session.startsAt, session.endsAt)}${session.mode === 'in-person' && session.venueName ? ` at ${session.venueName}` : ''}. The attached update changes it in your calendar.`,
        ics: this.invitation(method, session, recipient),
        icsMethod: method,
        dedupeKey: `change:${sessionId}:${session.calendarSequence}:${recipient.enrolmentId}`,
      })),
      manager,
    );
  }

  /**
   * A delegate left a cohort (withdrew, or was transferred out): a cancellation for every session still to come
   * that they were invited to, so it leaves their calendar. The session's SEQUENCE rises first, as RFC 5546
   * requires of a CANCEL, and so that an invitation sent later (should they come back) outranks it.
   */
  async leftCohort(enrolmentId: string, manager: EntityManager): Promise<void> {
    const enrolment = await this.repository.enrolment(enrolmentId, manager);
    if (!enrolment) return;
    const now = new Date();
    const future = (await this.repository.sessionsOfEnrolment(enrolmentId, manager)).filter(
      (session) => session.status === 'scheduled' && session.startsAt > now,
    );
    if (future.length === 0) return;
    const sequences = await this.repository.raiseSequences(
      future.map((session) => session.id),
      manager,
    );
    await this.mail.enqueue(
      future.map((session) => {
        const raised = {
          ...session,
          calendarSequence: sequences.get(session.id) ?? session.calendarSequence + 1,
        };
        return {
          toAddress: enrolment.email,
          subject: `Removed from your calendar: ${session.title}`,
          textBody: `Dear ${enrolment.fullName},\n\nYou are no longer booked on ${session.title}${session.cohortName ? ` (${session.cohortName})` : ''} on ${describeSlot(session.startsAt, session.endsAt)}. The attached cancellation removes it from your calendar.\n\nYour journey page: ${this.config.publicBaseUrl}/journey`,
          ics: this.invitation('CANCEL', raised, enrolment),
          icsMethod: 'CANCEL' as const,
          dedupeKey: `left:${session.id}:${enrolmentId}`,
        };
      }),
      manager,
    );
  }

  /** One email per session, each with its own single-event invitation (see buildInvitation for why). */
  private invitations(recipient: Recipient, sessions: SessionForMail[]): NewMessage[] {
    return sessions.map((session) => ({
      toAddress: recipient.email,
      subject: `Invitation: ${session.title}, ${describeSlot(session.startsAt, session.endsAt)}`,
      textBody: `Dear ${recipient.fullName},\n\nYou are booked on ${session.title}${session.cohortName ? ` (${session.cohortName})` : ''} on ${describeSlot(session.startsAt, session.endsAt)}${session.mode === 'virtual' ? ', online: the join link is on your journey page' : ''}. The attached invitation adds it to your calendar; there is no need to reply.\n\nYour journey page: ${this.config.publicBaseUrl}/journey`,
      ics: this.invitation('REQUEST', session, recipient),
      icsMethod: 'REQUEST' as const,
      dedupeKey: `invite:${session.id}:${session.calendarSequence}:${recipient.enrolmentId}`,
    }));
  }

  private invitation(method: 'REQUEST' | 'CANCEL', session: SessionForMail, recipient: Recipient): string {
    return buildInvitation({
      method,
      // DTSTAMP of a scheduling message is when the message was made (RFC 5545 §3.8.7.2).
      event: { ...sessionEvent(session), stamp: new Date() },
      organizer: mailboxOf(this.config.mail.from),
      attendee: { name: recipient.fullName, email: recipient.email },
    });
  }

  /**
   * Reminders 7 days and 1 day before each session. Idempotent and safe on several instances: each reminder
   * has a dedupe key, so a second run (or a second instance) queues nothing new.
   */
  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'session-reminders' })
  async queueReminders(now: Date = new Date()): Promise<number> {
    return this.background.job('session-reminders', async () => {
      let queued = 0;
      for (const reminder of REMINDERS) {
        const from = new Date(now.getTime() + reminder.notWithinHours * 3_600_000);
        const to = new Date(now.getTime() + reminder.hoursBefore * 3_600_000);
        const due = await this.repository.dueReminders(from, to, reminder.key);
        await this.mail.enqueue(
          due.map((row) => ({
            toAddress: row.email,
            subject: `Reminder: ${row.title} ${reminder.label}`,
            textBody: `Dear ${row.fullName},\n\nA reminder that ${row.title}${row.cohortName ? ` (${row.cohortName})` : ''} is on ${describeSlot(row.startsAt, row.endsAt)}${row.mode === 'virtual' ? ', online: the join link is on your journey page' : row.venueName ? ` at ${row.venueName}` : ''}.\n\nYour journey page: ${this.config.publicBaseUrl}/journey`,
            dedupeKey: `${reminder.key}:${row.id}:${row.enrolmentId}`,
          })),
        );
        queued += due.length;
      }
      if (queued > 0) this.logger.log(`Queued ${queued} session reminders`);
      return queued;
    });
  }
}
