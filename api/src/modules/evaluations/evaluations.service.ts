import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  EvaluationDue,
  EvaluationForm,
  EvaluationStage,
  FieldError,
  Instrument,
  InstrumentItem,
  SessionFeedbackDue,
  SessionFeedbackForm,
} from '@upstand/contracts';
import { randomUUID } from 'crypto';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { validateAnswers } from './answer-validation';
import { DEFAULT_INSTRUMENTS } from './default-instruments';
import { evaluationWindow, sessionFeedbackWindow, windowState } from './evaluation-windows';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ProgrammesService } from '../programmes/programmes.service';
import {
  AttendedSession,
  EnrolmentTimes,
  EvaluationsRepository,
  ResponseToSave,
} from './evaluations.repository';
import { InstrumentEntity } from './instrument.entity';
import { SubmitEvaluationDto, SubmitSessionFeedbackDto } from './dto/evaluation.dto';
import { codePairingKey, normaliseSelfGeneratedCode, SELF_GENERATED_CODE_HELP } from './self-generated-code';

export type JourneyStage = Exclude<EvaluationStage, 'session-feedback'>;
export const JOURNEY_STAGES: JourneyStage[] = ['pre', 'post', 'follow-up'];

const toInstrument = (entity: InstrumentEntity): Instrument => ({
  id: entity.id,
  programmeId: entity.programmeId,
  stage: entity.stage,
  version: entity.version,
  title: entity.title,
  items: entity.items,
  publishedAt: entity.publishedAt.toISOString(),
});

/**
 * Rules across items that the DTO cannot check, each naming the item's field (`items.2.code`): codes unique
 * within the questionnaire, and single-choice items with at least two different options.
 */
export function checkInstrumentItems(items: InstrumentItem[]): FieldError[] {
  const errors: FieldError[] = [];
  const firstByCode = new Map<string, number>();
  items.forEach((item, index) => {
    const first = firstByCode.get(item.code);
    if (first === undefined) firstByCode.set(item.code, index);
    else
      errors.push({
        field: `items.${index}.code`,
        message: `code ${item.code} is already used by question ${first + 1}: each question needs its own code`,
      });
    if (item.type !== 'single-choice') return;
    const options = (item.options ?? []).map((option) => option.trim().toLowerCase());
    if (options.length < 2)
      errors.push({
        field: `items.${index}.options`,
        message: 'A single-choice item needs at least two options',
      });
    else if (new Set(options).size < options.length)
      errors.push({ field: `items.${index}.options`, message: 'options must all be different' });
  });
  return errors;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repository: EvaluationsRepository,
    private readonly programmes: ProgrammesService,
    private readonly programmeSettings: ProgrammesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current version for a stage; a programme without one gets the default Active Bystander questionnaire. */
  async instrument(programmeId: string, stage: EvaluationStage): Promise<InstrumentEntity> {
    const current = await this.repository.currentInstrument(programmeId, stage);
    if (current) return current;
    const fallback = DEFAULT_INSTRUMENTS.find((instrument) => instrument.stage === stage);
    if (!fallback) throw new NotFoundError('Questionnaire for stage', stage);
    try {
      return await this.repository.publish(programmeId, stage, fallback.title, fallback.items, null);
    } catch {
      // Another request published version 1 at the same moment: use theirs.
      return (await this.repository.currentInstrument(programmeId, stage)) as InstrumentEntity;
    }
  }

  /**
   * The current version for each of these stages, read together: a delegate's questionnaires page names all three
   * stages, and a submission read each of them twice, and its own once more, one query at a time.
   */
  private async instrumentsFor(
    programmeId: string,
    stages: EvaluationStage[],
  ): Promise<Map<EvaluationStage, InstrumentEntity>> {
    const current = new Map(
      (await this.repository.currentInstruments(programmeId, stages)).map((entity) => [entity.stage, entity]),
    );
    for (const stage of stages)
      if (!current.has(stage)) current.set(stage, await this.instrument(programmeId, stage));
    return current;
  }

  async instruments(programmeId: string, viewer: AuthenticatedUser): Promise<Instrument[]> {
    await this.programmes.requireVisible(programmeId, viewer);
    return Promise.all(
      (['pre', 'post', 'follow-up', 'session-feedback'] as EvaluationStage[]).map(async (stage) =>
        toInstrument(await this.instrument(programmeId, stage)),
      ),
    );
  }

  async publish(
    programmeId: string,
    stage: EvaluationStage,
    title: string,
    items: InstrumentItem[],
    actor: AuthenticatedUser,
  ): Promise<Instrument> {
    const actorUserId = actor.id;
    // A regional programme's questionnaires are shared across the region, like its template.
    await this.programmes.requireChangeable(programmeId, actor, ['programme-lead']);
    const errors = checkInstrumentItems(items);
    if (errors.length > 0) throw new InvalidInputError(errors);
    // Options only mean something for single-choice items: drop any sent with other types.
    // A blank short label means "use the wording": stored as absent, not as "".
    const cleaned = items.map(({ options, shortLabel, ...rest }) => {
      const item: InstrumentItem = shortLabel?.trim() ? { ...rest, shortLabel: shortLabel.trim() } : rest;
      return item.type === 'single-choice'
        ? { ...item, options: options?.map((option) => option.trim()) }
        : item;
    });
    await this.instrument(programmeId, stage);
    const published = await this.repository.publish(programmeId, stage, title, cleaned, actorUserId);
    await this.audit.record({
      actorUserId,
      action: 'instrument.published',
      entityType: 'programme',
      entityId: programmeId,
      details: { stage, version: published.version },
    });
    return toInstrument(published);
  }

  /** The delegate's questionnaires with their windows (pre, post, follow-up). */
  async due(delegateUserId: string, now: Date = new Date()): Promise<EvaluationDue[]> {
    const times = await this.repository.enrolmentTimes(delegateUserId);
    if (!times) return [];
    return this.dueFor(
      delegateUserId,
      times,
      await this.instrumentsFor(times.programmeId, JOURNEY_STAGES),
      now,
    );
  }

  private async dueFor(
    delegateUserId: string,
    times: EnrolmentTimes,
    instruments: Map<EvaluationStage, InstrumentEntity>,
    now: Date,
  ): Promise<EvaluationDue[]> {
    const completed = await this.repository.completedAt(delegateUserId, times.programmeId);
    return JOURNEY_STAGES.map((stage) => {
      const window = evaluationWindow(stage, {
        enrolledAt: times.createdAt,
        firstStart: times.firstStart,
        lastSetEnd: times.lastSetEnd,
        lastEnd: times.lastEnd,
      });
      return {
        stage,
        title: (instruments.get(stage) as InstrumentEntity).title,
        opensAt: window.opensAt?.toISOString() ?? null,
        closesAt: window.closesAt?.toISOString() ?? null,
        state: windowState(window, now),
        submittedAt: completed.get(stage)?.toISOString() ?? null,
        anonymous: times.anonymous,
      };
    });
  }

  async form(delegateUserId: string, stage: JourneyStage, now: Date = new Date()): Promise<EvaluationForm> {
    const times = await this.repository.enrolmentTimes(delegateUserId);
    if (!times) throw new NotFoundError('Confirmed place for user', delegateUserId);
    return this.formFor(
      delegateUserId,
      times,
      await this.instrumentsFor(times.programmeId, JOURNEY_STAGES),
      stage,
      now,
    );
  }

  private async formFor(
    delegateUserId: string,
    times: EnrolmentTimes,
    instruments: Map<EvaluationStage, InstrumentEntity>,
    stage: JourneyStage,
    now: Date,
  ): Promise<EvaluationForm> {
    const due = (await this.dueFor(delegateUserId, times, instruments, now)).find(
      (candidate) => candidate.stage === stage,
    ) as EvaluationDue;
    return {
      due,
      instrument: toInstrument(instruments.get(stage) as InstrumentEntity),
      answers: times.anonymous
        ? []
        : await this.repository.answers(times.programmeId, stage, delegateUserId, ''),
      anonymous: times.anonymous,
    };
  }

  /**
   * Saves (or replaces, while the window is open) the delegate's answers for a stage, and records that they have
   * answered. In anonymous mode the answers are stored under a hash of their self-generated code instead of
   * their identity; a later submission for the same stage must use the same code.
   */
  async submit(
    delegateUserId: string,
    stage: JourneyStage,
    request: SubmitEvaluationDto,
    now: Date = new Date(),
  ): Promise<EvaluationForm> {
    const times = await this.repository.enrolmentTimes(delegateUserId);
    if (!times) throw new ConflictError('Questionnaires are for delegates with a confirmed place');
    const code = times.anonymous ? checkCode(request.selfGeneratedCode) : null;
    const instruments = await this.instrumentsFor(times.programmeId, JOURNEY_STAGES);
    const due = (await this.dueFor(delegateUserId, times, instruments, now)).find(
      (candidate) => candidate.stage === stage,
    ) as EvaluationDue;
    if (due.state !== 'open')
      throw new ConflictError(
        due.state === 'closed' ? 'This questionnaire has closed' : 'This questionnaire is not open yet',
      );
    const instrument = instruments.get(stage) as InstrumentEntity;
    const errors = [...(code?.errors ?? []), ...validateAnswers(instrument.items, request.answers)];
    if (errors.length > 0) throw new InvalidInputError(errors);
    const pairingKey = code
      ? codePairingKey(times.programmeId, code.code, this.config.evaluation.codeSecret)
      : delegateUserId;
    await this.repository.transaction(async (manager) => {
      await this.repository.lockEnrolment(times.enrolmentId, manager);
      const anonymousNow = await this.programmeSettings.lockEvaluationMode(
        times.programmeId,
        manager,
        'share',
      );
      if (anonymousNow !== times.anonymous)
        throw new ConflictError(
          'How this questionnaire is linked to your earlier answers has just changed. Reload the page and answer again.',
        );
      const response: ResponseToSave = {
        programmeId: times.programmeId,
        cohortId: times.cohortId,
        stage,
        sessionKey: '',
        pairingKey,
        identity: times.anonymous ? null : { enrolmentId: times.enrolmentId, delegateUserId },
        instrumentId: instrument.id,
      };
      if (!times.anonymous) {
        await this.repository.saveResponse(response, request.answers, true, manager);
      } else if (await this.repository.isCompleted(delegateUserId, times.programmeId, stage, '', manager)) {
        // Answered before: only the response under the same code may be replaced, never a second one added.
        const known = await this.repository.codeResponseExists(
          delegateUserId,
          times.programmeId,
          stage,
          pairingKey,
          manager,
        );
        if (!known) throw InvalidInputError.field('selfGeneratedCode', 'Use the same code you used before');
        await this.repository.saveResponse(response, request.answers, true, manager);
      } else if (!(await this.repository.saveResponse(response, request.answers, false, manager))) {
        throw InvalidInputError.field(
          'selfGeneratedCode',
          'Someone else has already used this selfGeneratedCode. Add the last two digits of the year you were born to the end, and use that code for every questionnaire',
        );
      }
      await this.repository.recordCompletion(times.enrolmentId, stage, '', manager);
      await this.audit.record(
        {
          actorUserId: delegateUserId,
          action: 'evaluation.submitted',
          entityType: 'enrolment',
          entityId: times.enrolmentId,
          details: { stage },
        },
        manager,
      );
    });
    // The same place and questionnaires (the place was locked while saving); what was answered is read afresh.
    return this.formFor(delegateUserId, times, instruments, stage, now);
  }

  /** Sessions the delegate attended that have ended, latest first, with their feedback windows. */
  async sessionFeedbackDue(delegateUserId: string, now: Date = new Date()): Promise<SessionFeedbackDue[]> {
    return (await this.repository.attendedSessions(delegateUserId, now)).map((session) =>
      toSessionFeedbackDue(session, now),
    );
  }

  async sessionFeedbackForm(
    delegateUserId: string,
    sessionId: string,
    now: Date = new Date(),
  ): Promise<SessionFeedbackForm> {
    const [session] = await this.repository.attendedSessions(delegateUserId, now, sessionId);
    if (!session) throw new NotFoundError('Session you attended', sessionId);
    return {
      due: toSessionFeedbackDue(session, now),
      instrument: toInstrument(await this.instrument(session.programmeId, 'session-feedback')),
      answers: session.anonymous
        ? []
        : await this.repository.answers(session.programmeId, 'session-feedback', delegateUserId, sessionId),
    };
  }

  /**
   * Feedback on a session the delegate attended, from its end for 14 days. Identified: one response per delegate
   * and session, replaced on resubmission. Anonymous: stored under a random key and given once.
   */
  async submitSessionFeedback(
    delegateUserId: string,
    sessionId: string,
    request: SubmitSessionFeedbackDto,
    now: Date = new Date(),
  ): Promise<SessionFeedbackForm> {
    const [session] = await this.repository.attendedSessions(delegateUserId, now, sessionId);
    if (!session) {
      if (!(await this.repository.sessionExists(sessionId))) throw new NotFoundError('Session', sessionId);
      throw new ConflictError(
        'Feedback is for sessions you attended, and opens when the session has ended',
        'sessionId',
      );
    }
    if (toSessionFeedbackDue(session, now).state === 'closed')
      throw new ConflictError('Feedback on this session has closed');
    const instrument = await this.instrument(session.programmeId, 'session-feedback');
    const errors = validateAnswers(instrument.items, request.answers);
    if (errors.length > 0) throw new InvalidInputError(errors);
    await this.repository.transaction(async (manager) => {
      await this.repository.lockEnrolment(session.enrolmentId, manager);
      if (session.anonymous) {
        const given = await this.repository.isCompleted(
          delegateUserId,
          session.programmeId,
          'session-feedback',
          sessionId,
          manager,
        );
        if (given) throw new ConflictError('You have already given feedback on this session');
      }
      await this.repository.saveResponse(
        {
          programmeId: session.programmeId,
          cohortId: session.cohortId,
          stage: 'session-feedback',
          sessionKey: sessionId,
          pairingKey: session.anonymous ? `anon:${randomUUID()}` : delegateUserId,
          identity: session.anonymous ? null : { enrolmentId: session.enrolmentId, delegateUserId },
          instrumentId: instrument.id,
        },
        request.answers,
        true,
        manager,
      );
      await this.repository.recordCompletion(session.enrolmentId, 'session-feedback', sessionId, manager);
      await this.audit.record(
        {
          actorUserId: delegateUserId,
          action: 'session-feedback.submitted',
          entityType: 'session',
          entityId: sessionId,
        },
        manager,
      );
    });
    return this.sessionFeedbackForm(delegateUserId, sessionId, now);
  }
}

function checkCode(raw: string | undefined): { code: string; errors: FieldError[] } {
  const fail = (message: string) => ({ code: '', errors: [{ field: 'selfGeneratedCode', message }] });
  if (raw === undefined || raw.trim() === '')
    return fail(`Enter your selfGeneratedCode: ${SELF_GENERATED_CODE_HELP}`);
  const code = normaliseSelfGeneratedCode(raw);
  if (!code) return fail(`selfGeneratedCode must be 4 to 12 letters or digits, ${SELF_GENERATED_CODE_HELP}`);
  return { code, errors: [] };
}

function toSessionFeedbackDue(session: AttendedSession, now: Date): SessionFeedbackDue {
  const window = sessionFeedbackWindow(session.endsAt);
  return {
    sessionId: session.sessionId,
    title: session.title,
    kind: session.kind,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    closesAt: (window.closesAt as Date).toISOString(),
    state: windowState(window, now) === 'closed' ? 'closed' : 'open',
    submittedAt: session.completedAt?.toISOString() ?? null,
    anonymous: session.anonymous,
  };
}
