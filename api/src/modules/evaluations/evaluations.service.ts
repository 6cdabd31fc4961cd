import { Injectable } from '@nestjs/common';
import {
  EvaluationDue,
  EvaluationForm,
  EvaluationStage,
  Instrument,
  InstrumentItem,
} from '@upstand/contracts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { validateAnswers } from './answer-validation';
import { DEFAULT_INSTRUMENTS } from './default-instruments';
import { evaluationWindow, windowState } from './evaluation-windows';
import { EvaluationsRepository } from './evaluations.repository';
import { InstrumentEntity } from './instrument.entity';
import { SubmitEvaluationDto } from './dto/evaluation.dto';

type JourneyStage = Exclude<EvaluationStage, 'session-feedback'>;
const JOURNEY_STAGES: JourneyStage[] = ['pre', 'post', 'follow-up'];

const toInstrument = (entity: InstrumentEntity): Instrument => ({
  id: entity.id,
  programmeId: entity.programmeId,
  stage: entity.stage,
  version: entity.version,
  title: entity.title,
  items: entity.items,
  publishedAt: entity.publishedAt.toISOString(),
});

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly repository: EvaluationsRepository,
    private readonly audit: AuditService,
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

  async instruments(programmeId: string): Promise<Instrument[]> {
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
    actorUserId: string,
  ): Promise<Instrument> {
    const codes = items.map((item) => item.code);
    const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
    if (duplicate) throw InvalidInputError.field('items', `Item code ${duplicate} is used twice`);
    const missingOptions = items.findIndex(
      (item) => item.type === 'single-choice' && (item.options ?? []).length < 2,
    );
    if (missingOptions >= 0)
      throw InvalidInputError.field(
        `items.${missingOptions}.options`,
        'A single-choice item needs at least two options',
      );
    await this.instrument(programmeId, stage);
    const published = await this.repository.publish(programmeId, stage, title, items, actorUserId);
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
    const submitted = await this.repository.submittedAt(times.enrolmentId);
    return Promise.all(
      JOURNEY_STAGES.map(async (stage) => {
        const window = evaluationWindow(stage, {
          enrolledAt: times.createdAt,
          firstStart: times.firstStart,
          lastSetEnd: times.lastSetEnd,
          lastEnd: times.lastEnd,
        });
        return {
          stage,
          title: (await this.instrument(times.programmeId, stage)).title,
          opensAt: window.opensAt?.toISOString() ?? null,
          closesAt: window.closesAt?.toISOString() ?? null,
          state: windowState(window, now),
          submittedAt: submitted.get(stage)?.toISOString() ?? null,
        };
      }),
    );
  }

  async form(delegateUserId: string, stage: JourneyStage, now: Date = new Date()): Promise<EvaluationForm> {
    const times = await this.repository.enrolmentTimes(delegateUserId);
    if (!times) throw new NotFoundError('Confirmed place for user', delegateUserId);
    const due = (await this.due(delegateUserId, now)).find(
      (candidate) => candidate.stage === stage,
    ) as EvaluationDue;
    return {
      due,
      instrument: toInstrument(await this.instrument(times.programmeId, stage)),
      answers: await this.repository.answers(times.enrolmentId, stage),
    };
  }

  /** Saves (or replaces, while the window is open) the delegate's answers for a stage. */
  async submit(
    delegateUserId: string,
    stage: JourneyStage,
    request: SubmitEvaluationDto,
    now: Date = new Date(),
  ): Promise<EvaluationForm> {
    const times = await this.repository.enrolmentTimes(delegateUserId);
    if (!times) throw new ConflictError('Questionnaires are for delegates with a confirmed place');
    const due = (await this.due(delegateUserId, now)).find(
      (candidate) => candidate.stage === stage,
    ) as EvaluationDue;
    if (due.state !== 'open')
      throw new ConflictError(
        due.state === 'closed' ? 'This questionnaire has closed' : 'This questionnaire is not open yet',
      );
    const instrument = await this.instrument(times.programmeId, stage);
    const errors = validateAnswers(instrument.items, request.answers);
    if (errors.length > 0) throw new InvalidInputError(errors);
    await this.repository.transaction((manager) =>
      this.repository.saveResponse(times.enrolmentId, stage, instrument.id, request.answers, manager),
    );
    await this.audit.record({
      actorUserId: delegateUserId,
      action: 'evaluation.submitted',
      entityType: 'enrolment',
      entityId: times.enrolmentId,
      details: { stage },
    });
    return this.form(delegateUserId, stage, now);
  }
}
