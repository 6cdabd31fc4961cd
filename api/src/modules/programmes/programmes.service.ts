import { Inject, Injectable } from '@nestjs/common';
import {
  CompletionRule,
  Programme,
  TemplateStageBody,
  UpdateProgrammeSettingsRequest,
} from '@upstand/contracts';
import { DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, JourneyTemplateError, validateTemplate } from '@upstand/schedule';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CreateProgrammeDto } from './dto/template.dto';
import { JourneyTemplateEntity } from './journey-template.entity';
import { toProgramme } from './programme.mapper';
import { ProgrammesRepository } from './programmes.repository';

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly repository: ProgrammesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  exists(id: string): Promise<boolean> {
    return this.repository.exists(id);
  }

  /** Throws NotFoundError (404) when there is no such programme. */
  async requireExists(id: string): Promise<void> {
    if (!(await this.repository.exists(id))) throw new NotFoundError('Programme', id);
  }

  async list(): Promise<Programme[]> {
    const programmes = await this.repository.list();
    const templates = await this.repository.currentTemplates(programmes.map((programme) => programme.id));
    return programmes.flatMap((programme) => {
      const template = templates.get(programme.id);
      return template ? [toProgramme(programme, template)] : [];
    });
  }

  async get(id: string): Promise<Programme> {
    const programme = await this.repository.findById(id);
    if (!programme) throw new NotFoundError('Programme', id);
    return toProgramme(programme, await this.currentTemplate(id));
  }

  /** The programme as its leads see it: with the number of questionnaire responses it holds. */
  async getForLead(id: string): Promise<Programme> {
    const programme = await this.get(id);
    return { ...programme, evaluationResponseCount: await this.repository.evaluationResponseCount(id) };
  }

  async currentTemplate(programmeId: string): Promise<JourneyTemplateEntity> {
    const template = (await this.repository.currentTemplates([programmeId])).get(programmeId);
    if (!template) throw new NotFoundError('Programme', programmeId);
    return template;
  }

  /** A new programme (e.g. senior leadership development) with its first template version. */
  async create(request: CreateProgrammeDto, actorUserId: string): Promise<Programme> {
    const stages = request.stages ?? DEFAULT_ACTIVE_BYSTANDER_TEMPLATE.stages;
    assertValidTemplate(stages);
    const programme = await this.repository.transaction((manager) =>
      this.repository.createProgramme(request.name, stages, manager, {
        completionRule: request.completionRule,
        requiresManagerApproval: request.requiresManagerApproval,
        createdByUserId: actorUserId,
      }),
    );
    await this.audit.record({
      actorUserId,
      action: 'programme.created',
      entityType: 'programme',
      entityId: programme.id,
    });
    return this.get(programme.id);
  }

  /**
   * Changes the sign-up and evaluation settings. Switching anonymous evaluation (either way) once the programme
   * has questionnaire responses stops answers given after the switch pairing with those given before it, so it
   * needs `confirmPairingBreak`; without it the change is refused (409 on anonymousEvaluation).
   */
  async updateSettings(
    programmeId: string,
    settings: UpdateProgrammeSettingsRequest,
    actorUserId: string,
  ): Promise<Programme> {
    const { confirmPairingBreak, ...changes } = settings;
    // An UPDATE with no columns is invalid SQL (a 500 before); an empty change is the client's mistake.
    if (Object.values(changes).every((value) => value === undefined))
      throw new InvalidInputError([
        {
          field: 'body',
          message:
            'There is nothing to change: send requiresManagerApproval, offerHoldHours or anonymousEvaluation',
        },
      ]);
    if (changes.anonymousEvaluation && this.config.isProduction && !this.config.evaluation.codeSecret)
      throw new ConflictError(
        'Set EVALUATION_CODE_SECRET on the server before using anonymous evaluation, so codes cannot be guessed from the database',
        'anonymousEvaluation',
      );
    await this.get(programmeId);
    await this.repository.transaction(async (manager) => {
      const anonymousNow = await this.repository.lockEvaluationMode(programmeId, manager);
      const switching =
        changes.anonymousEvaluation !== undefined && changes.anonymousEvaluation !== anonymousNow;
      const responses = switching ? await this.repository.evaluationResponseCount(programmeId, manager) : 0;
      if (responses > 0 && confirmPairingBreak !== true)
        throw new ConflictError(
          pairingBreakMessage(responses, changes.anonymousEvaluation === true),
          'anonymousEvaluation',
        );
      await this.repository.updateSettings(programmeId, changes, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'programme.settings',
          entityType: 'programme',
          entityId: programmeId,
          details: responses > 0 ? { ...changes, pairingBreakConfirmed: true, responses } : { ...changes },
        },
        manager,
      );
    });
    return this.getForLead(programmeId);
  }

  /** Publishes the next template version; cohorts already scheduled keep the version they used. */
  async updateTemplate(
    programmeId: string,
    stages: TemplateStageBody[],
    actorUserId: string,
    completionRule?: CompletionRule,
  ): Promise<Programme> {
    await this.get(programmeId);
    assertValidTemplate(stages);
    const template = await this.repository.addTemplateVersion(
      programmeId,
      stages,
      completionRule ?? (await this.currentTemplate(programmeId)).completionRule,
      actorUserId,
    );
    await this.audit.record({
      actorUserId,
      action: 'template.published',
      entityType: 'programme',
      entityId: programmeId,
      details: { version: template.version },
    });
    return this.get(programmeId);
  }
}

export function assertValidTemplate(stages: TemplateStageBody[]): void {
  try {
    validateTemplate({ stages });
  } catch (error) {
    if (error instanceof JourneyTemplateError) throw InvalidInputError.field('stages', error.message);
    throw error;
  }
}

function pairingBreakMessage(responses: number, switchingOn: boolean): string {
  const counted = responses === 1 ? '1 questionnaire response' : `${responses} questionnaire responses`;
  return (
    `This programme already has ${counted}. Switching anonymous evaluation ${switchingOn ? 'on' : 'off'} means ` +
    `answers given after the change cannot be paired with ${responses === 1 ? 'it' : 'them'}. ` +
    'Confirm that you want to switch anyway.'
  );
}
