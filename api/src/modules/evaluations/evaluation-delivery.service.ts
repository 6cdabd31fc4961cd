import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { describeSlot, formatLondonDay, formatLondonDayTime } from '../cohorts/staffing.service';
import { NewMessage } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import { evaluationWindow, sessionFeedbackWindow, windowState } from './evaluation-windows';
import { EvaluationsRepository, JourneyRecipient } from './evaluations.repository';
import { JOURNEY_STAGES, JourneyStage } from './evaluations.service';
import { BackgroundWork } from '../../common/background-work';

const DAY = 24 * 3_600_000;
export const REMINDER_DAYS_BEFORE_CLOSE = 3;
const FEEDBACK_KEY = 'session-feedback';

const INVITATION: Record<JourneyStage, { name: string; subject: string; why: string }> = {
  pre: {
    name: 'Before the programme',
    subject: 'Before your workshop: a short questionnaire',
    why: 'Before your workshop, please tell us how confident you feel today about stepping in when you see bullying, harassment or discrimination.',
  },
  post: {
    name: 'After the programme',
    subject: 'You have finished the programme: a short questionnaire',
    why: 'You have finished your action learning sets. Please tell us how confident you feel now, so we can see what the programme changed.',
  },
  'follow-up': {
    name: 'Three months on',
    subject: 'Three months on: a short questionnaire',
    why: 'It is three months since you finished the programme. Please tell us how things are going now.',
  },
};

interface Planned {
  key: string;
  message: NewMessage;
  /** Queue only if this key was queued before this time (a reminder follows an invitation sent in time). */
  after?: { key: string; before: Date };
}

/**
 * Questionnaire emails: an invitation when post and follow-up open (pre's is in the confirmation email), one
 * reminder three days before a questionnaire closes while it is unanswered, and a feedback request after each
 * session a delegate attended. Idempotent and safe on several instances: every email has a dedupe key.
 */
@Injectable()
export class EvaluationDeliveryService {
  private readonly logger = new Logger(EvaluationDeliveryService.name);

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EvaluationsRepository,
    private readonly mail: MailService,
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'evaluation-mail' })
  async queueEvaluationMail(now: Date = new Date()): Promise<number> {
    return this.background.job('evaluation-mail', async () => {
      const planned = [
        ...(await this.repository.journeyRecipients(now)).flatMap((recipient) => this.plan(recipient, now)),
      ];
      const queued = await this.repository.queuedAt(
        planned.flatMap((item) => [item.key, ...(item.after ? [item.after.key] : [])]),
      );
      const journey = planned.filter((item) => {
        if (queued.has(item.key)) return false;
        if (!item.after) return true;
        const previous = queued.get(item.after.key);
        return previous !== undefined && previous < item.after.before;
      });
      const feedback = await this.repository.feedbackRecipients(now, FEEDBACK_KEY);
      const messages = [
        ...journey.map((item) => item.message),
        ...feedback.map((row): NewMessage => {
          const closesAt = sessionFeedbackWindow(row.endsAt).closesAt as Date;
          return {
            toAddress: row.email,
            subject: `How was ${row.title}?`,
            textBody: [
              `Dear ${row.fullName},`,
              '',
              `Thank you for coming to ${row.title} (${row.cohortName}) on ${describeSlot(row.startsAt, row.endsAt)}.`,
              'Please tell us how it went: two questions, a minute or two. The facilitators read every answer.',
              '',
              `${this.config.publicBaseUrl}/journey/session-feedback/${row.sessionId}`,
              '',
              `You can give feedback until ${formatLondonDayTime(closesAt)}.`,
            ].join('\n'),
            dedupeKey: `${FEEDBACK_KEY}:${row.sessionId}:${row.enrolmentId}`,
          };
        }),
      ];
      await this.mail.enqueue(messages);
      if (messages.length > 0) this.logger.log(`Queued ${messages.length} questionnaire emails`);
      return messages.length;
    });
  }

  /** What this delegate may need now: an invitation to an open questionnaire, or its reminder near the end. */
  private plan(recipient: JourneyRecipient, now: Date): Planned[] {
    return JOURNEY_STAGES.flatMap((stage) => {
      if (recipient.completed.includes(stage)) return [];
      const window = evaluationWindow(stage, {
        enrolledAt: recipient.createdAt,
        firstStart: recipient.firstStart,
        lastSetEnd: recipient.lastSetEnd,
        lastEnd: recipient.lastEnd,
      });
      if (windowState(window, now) !== 'open') return [];
      const link = `${this.config.publicBaseUrl}/journey/questionnaires/${stage}`;
      const until = window.closesAt ? ` It is open until ${formatLondonDay(window.closesAt)}.` : '';
      const code = recipient.anonymous
        ? 'Your answers are anonymous. You will be asked for a code you make up from facts that do not change; use the same code for every questionnaire so your answers can be compared.'
        : '';
      const key = (kind: string) =>
        `evaluation-${kind}:${stage}:${recipient.programmeId}:${recipient.delegateUserId}`;
      const planned: Planned[] = [];
      // Pre's invitation is part of the confirmation email (it opens when the place is confirmed).
      if (stage !== 'pre')
        planned.push({
          key: key('invite'),
          message: {
            toAddress: recipient.email,
            subject: INVITATION[stage].subject,
            textBody: [
              `Dear ${recipient.fullName},`,
              '',
              `${INVITATION[stage].why} It takes about five minutes.${until}`,
              ...(code ? ['', code] : []),
              '',
              link,
            ].join('\n'),
            dedupeKey: key('invite'),
          },
        });
      if (!window.closesAt || !window.opensAt) return planned;
      const remindFrom = new Date(window.closesAt.getTime() - REMINDER_DAYS_BEFORE_CLOSE * DAY);
      // No reminder when the invitation itself came within the last three days: it already gave the date.
      const invitedInTime = stage === 'pre' ? window.opensAt < remindFrom : true;
      if (now >= remindFrom && invitedInTime)
        planned.push({
          key: key('reminder'),
          message: {
            toAddress: recipient.email,
            subject: `Reminder: your questionnaire closes on ${formatLondonDay(window.closesAt)}`,
            textBody: [
              `Dear ${recipient.fullName},`,
              '',
              `A reminder that your questionnaire "${INVITATION[stage].name}" (${recipient.cohortName}) closes on ${formatLondonDayTime(window.closesAt)}. It takes about five minutes and helps us show what the programme changes.`,
              ...(code ? ['', code] : []),
              '',
              link,
            ].join('\n'),
            dedupeKey: key('reminder'),
          },
          after: stage === 'pre' ? undefined : { key: key('invite'), before: remindFrom },
        });
      return planned;
    });
  }
}
