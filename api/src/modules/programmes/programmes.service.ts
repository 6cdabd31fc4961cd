import { Inject, Injectable } from '@nestjs/common';
import {
  CompletionRule,
  Programme,
  Role,
  TemplateStageBody,
  UpdateProgrammeSettingsRequest,
} from '@upstand/contracts';
import { DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, JourneyTemplateError, validateTemplate } from '@upstand/schedule';
import { coversSystem, visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CreateProgrammeDto } from './dto/template.dto';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { JourneyTemplateEntity } from './journey-template.entity';
import { ProgrammeEntity } from './programme.entity';
import { toProgramme } from './programme.mapper';
import { ProgrammesRepository } from './programmes.repository';

type Viewer = Pick<AuthenticatedUser, 'roles'>;

/**
 * The staff roles whose grants reach a system's programmes. Regional programmes are everyone's (delegates and
 * line managers only ever see those: their own journeys come through cohorts, not the programme pages).
 */
export const PROGRAMME_VIEWERS: readonly Role[] = ['programme-lead', 'facilitator', 'steering', 'sponsor'];

/** Whether the viewer sees the programme at all: a regional one, or one of a system their grants reach. */
export function programmeVisibleTo(viewer: Viewer, programme: Pick<ProgrammeEntity, 'systemId'>): boolean {
  return programme.systemId === null || coversSystem(viewer, PROGRAMME_VIEWERS, programme.systemId);
}

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly repository: ProgrammesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationsRepository,
  ) {}

  exists(id: string): Promise<boolean> {
    return this.repository.exists(id);
  }

  /** Throws NotFoundError (404) when there is no such programme. */
  async requireExists(id: string): Promise<void> {
    if (!(await this.repository.exists(id))) throw new NotFoundError('Programme', id);
  }

  /** Regional programmes and those of the systems the viewer's grants reach. */
  async list(viewer: Viewer): Promise<Programme[]> {
    const programmes = (await this.repository.list()).filter((programme) =>
      programmeVisibleTo(viewer, programme),
    );
    const templates = await this.repository.currentTemplates(programmes.map((programme) => programme.id));
    return programmes.flatMap((programme) => {
      const template = templates.get(programme.id);
      return template ? [toProgramme(programme, template)] : [];
    });
  }

  /** The programme whoever asks (for callers that have checked access themselves). */
  async get(id: string): Promise<Programme> {
    const programme = await this.repository.findById(id);
    if (!programme) throw new NotFoundError('Programme', id);
    return toProgramme(programme, await this.currentTemplate(id));
  }

  /** The programme if the viewer sees it; another system's answers 404 exactly like a missing one. */
  async getVisible(id: string, viewer: Viewer): Promise<Programme> {
    await this.requireVisible(id, viewer);
    return this.get(id);
  }

  /** The programme as its leads see it: with the number of questionnaire responses it holds. */
  async getForLead(id: string, viewer: Viewer): Promise<Programme> {
    const programme = await this.getVisible(id, viewer);
    return { ...programme, evaluationResponseCount: await this.repository.evaluationResponseCount(id) };
  }

  /** 404 unless the programme exists and the viewer sees it (regional, or their system's). */
  async requireVisible(id: string, viewer: Viewer): Promise<ProgrammeEntity> {
    const programme = await this.repository.findById(id);
    if (!programme || !programmeVisibleTo(viewer, programme)) throw new NotFoundError('Programme', id);
    return programme;
  }

  /**
   * For changes to a programme or what hangs off it (settings, template, questionnaires, governance): 404 when
   * the viewer cannot see it; 403 when they can but their grants of `roles` do not reach it: a regional
   * programme is shared across the region, so only a regional grant changes it; a system's programme needs a
   * grant covering that system.
   */
  async requireChangeable(id: string, viewer: Viewer, roles: readonly Role[]): Promise<ProgrammeEntity> {
    const programme = await this.requireVisible(id, viewer);
    if (programme.systemId === null) {
      if (visibleSystemIds(viewer, roles) !== null)
        throw new ForbiddenError(
          'This is a regional programme shared by every system: only a regional lead or steering member can change it',
        );
    } else if (!coversSystem(viewer, roles, programme.systemId)) {
      throw new ForbiddenError('Your grant does not reach this programme, so you cannot change it');
    }
    return programme;
  }

  async currentTemplate(programmeId: string): Promise<JourneyTemplateEntity> {
    const template = (await this.repository.currentTemplates([programmeId])).get(programmeId);
    if (!template) throw new NotFoundError('Programme', programmeId);
    return template;
  }

  /** A new programme (e.g. senior leadership development) with its first template version. */
  async create(request: CreateProgrammeDto, actor: AuthenticatedUser): Promise<Programme> {
    const actorUserId = actor.id;
    const stages = request.stages ?? DEFAULT_ACTIVE_BYSTANDER_TEMPLATE.stages;
    assertValidTemplate(stages);
    const systemId = await this.systemForNewProgramme(request.systemOdsCode, actor);
    const programme = await this.repository.transaction((manager) =>
      this.repository.createProgramme(request.name, stages, manager, {
        completionRule: request.completionRule,
        requiresManagerApproval: request.requiresManagerApproval,
        createdByUserId: actorUserId,
        systemId,
      }),
    );
    await this.audit.record({
      actorUserId,
      action: 'programme.created',
      entityType: 'programme',
      entityId: programme.id,
      details: { scope: systemId ? 'system' : 'region' },
    });
    return this.get(programme.id);
  }

  /**
   * A regional lead makes a regional programme unless they name a system; a system lead's programme is always
   * for their own system (naming another is a 400 on systemOdsCode: which ICBs exist is public).
   */
  private async systemForNewProgramme(
    systemOdsCode: string | undefined,
    actor: AuthenticatedUser,
  ): Promise<string | null> {
    const own = visibleSystemIds(actor, ['programme-lead']);
    if (!systemOdsCode) {
      if (own === null) return null;
      if (own.length === 1) return own[0] as string;
      throw InvalidInputError.field(
        'systemOdsCode',
        'Your grants reach more than one system: name the system (systemOdsCode) the programme is for',
      );
    }
    const [system] = await this.organisations.findByOdsCodes([systemOdsCode]);
    if (!system || system.type !== 'icb')
      throw InvalidInputError.field(
        'systemOdsCode',
        `systemOdsCode ${systemOdsCode} is not an integrated care board`,
      );
    if (!coversSystem(actor, ['programme-lead'], system.id))
      throw InvalidInputError.field(
        'systemOdsCode',
        `systemOdsCode ${system.odsCode} is outside your grant: you can create programmes only for your own system`,
      );
    return system.id;
  }

  /**
   * Changes the sign-up and evaluation settings. Switching anonymous evaluation (either way) once the programme
   * has questionnaire responses stops answers given after the switch pairing with those given before it, so it
   * needs `confirmPairingBreak`; without it the change is refused (409 on anonymousEvaluation).
   */
  async updateSettings(
    programmeId: string,
    settings: UpdateProgrammeSettingsRequest,
    actor: AuthenticatedUser,
  ): Promise<Programme> {
    const actorUserId = actor.id;
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
    await this.requireChangeable(programmeId, actor, ['programme-lead']);
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
    return this.getForLead(programmeId, actor);
  }

  /** Publishes the next template version; cohorts already scheduled keep the version they used. */
  async updateTemplate(
    programmeId: string,
    stages: TemplateStageBody[],
    actor: AuthenticatedUser,
    completionRule?: CompletionRule,
  ): Promise<Programme> {
    const actorUserId = actor.id;
    await this.requireChangeable(programmeId, actor, ['programme-lead']);
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
