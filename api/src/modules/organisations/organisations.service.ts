import { Injectable } from '@nestjs/common';
import { FieldError, Organisation, OrganisationQuery, Paged, PageQuery, Region } from '@upstand/contracts';
import { EntityManager } from 'typeorm';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { todayInLondon } from '../../common/london-date';
import { paged, pageWindow } from '../../common/paging';
import { AuditService } from '../audit/audit.service';
import { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { toOrganisation } from './organisation.mapper';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';

type OrganisationFields = Pick<
  OrganisationEntity,
  | 'odsCode'
  | 'name'
  | 'type'
  | 'systemId'
  | 'regionId'
  | 'isHomeSystem'
  | 'validFrom'
  | 'validTo'
  | 'headcount'
  | 'headcountAsOf'
>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async search(query: OrganisationQuery): Promise<Organisation[]> {
    return (await this.repository.search(query)).map(toOrganisation);
  }

  /** One page of the organisations matching the filters, by name. */
  async page(query: OrganisationQuery & PageQuery): Promise<Paged<Organisation>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.page(
      { type: query.type, system: query.system, includeClosed: query.includeClosed, q: window.q },
      window.take,
      window.skip,
    );
    return paged(rows.map(toOrganisation), total, window);
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.repository.findById(id);
    if (!organisation) throw new NotFoundError('Organisation', id);
    return toOrganisation(organisation);
  }

  async listRegions(): Promise<Region[]> {
    return (await this.repository.listRegions()).map(({ id, odsCode, name }) => ({ id, odsCode, name }));
  }

  async create(request: CreateOrganisationDto, actor: AuthenticatedUser): Promise<Organisation> {
    const actorUserId = actor.id;
    const systems = visibleSystemIds(actor, ['programme-lead']);
    const saved = await this.repository.transaction(async (manager) => {
      const fields = await this.resolveFields(
        {
          odsCode: request.odsCode,
          name: request.name,
          type: request.type,
          systemId: request.systemId ?? null,
          regionId: request.regionId ?? '',
          isHomeSystem: request.isHomeSystem ?? false,
          validFrom: request.validFrom ?? todayInLondon(),
          validTo: request.validTo ?? null,
          headcount: request.headcount ?? null,
          headcountAsOf: request.headcountAsOf ?? null,
        },
        null,
        manager,
      );
      assertWithinSystems(fields, systems);
      await this.assertOdsCodeFree(fields.odsCode, null, manager);
      const organisation = await this.repository.save(fields, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisation.id,
          details: { odsCode: fields.odsCode },
        },
        manager,
      );
      return organisation;
    });
    return this.get(saved.id);
  }

  async update(id: string, request: UpdateOrganisationDto, actor: AuthenticatedUser): Promise<Organisation> {
    const actorUserId = actor.id;
    const systems = visibleSystemIds(actor, ['programme-lead']);
    await this.repository.transaction(async (manager) => {
      const existing = await this.repository.findById(id, manager);
      if (!existing) throw new NotFoundError('Organisation', id);
      // The registry is public, so an organisation outside the grant is a plain 403, not a pretend 404.
      if (systems !== null && (existing.type === 'icb' || !systems.includes(existing.systemId ?? '')))
        throw new ForbiddenError(
          existing.type === 'icb'
            ? 'Only a regional lead can change an integrated care board'
            : `${existing.name} belongs to another system: you can change organisations of your own system only`,
        );
      const merged: OrganisationFields = {
        odsCode: request.odsCode ?? existing.odsCode,
        name: request.name ?? existing.name,
        type: request.type ?? existing.type,
        systemId: request.systemId !== undefined ? request.systemId : existing.systemId,
        regionId: request.regionId ?? existing.regionId,
        isHomeSystem: request.isHomeSystem ?? existing.isHomeSystem,
        validFrom: request.validFrom ?? existing.validFrom,
        validTo: request.validTo !== undefined ? request.validTo : existing.validTo,
        headcount: request.headcount !== undefined ? request.headcount : existing.headcount,
        headcountAsOf: headcountDate(request, existing),
      };
      // Becoming an ICB drops the parent system; leaving ICB status needs one.
      if (request.type === 'icb' && request.systemId === undefined) merged.systemId = null;
      if (merged.type !== 'icb') merged.isHomeSystem = request.isHomeSystem ?? false;
      const fields = await this.resolveFields(merged, existing, manager);
      assertWithinSystems(fields, systems);
      if (
        existing.type === 'icb' &&
        fields.type !== 'icb' &&
        (await this.repository.countMembers(id, manager)) > 0
      ) {
        throw new ConflictError(`${existing.name} has member organisations, so it must stay an ICB`, 'type');
      }
      await this.assertOdsCodeFree(fields.odsCode, id, manager);
      const changed = AuditService.changedFields<OrganisationFields>(existing, fields);
      if (changed.length === 0) return;
      await this.repository.save({ id, ...fields }, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: id,
          details: { fields: changed },
        },
        manager,
      );
    });
    return this.get(id);
  }

  /** Applies the structural rules (ICB has a region and no parent; others inherit their ICB's region). */
  async resolveFields(
    fields: OrganisationFields,
    existing: OrganisationEntity | null,
    manager: EntityManager,
  ): Promise<OrganisationFields> {
    const errors: FieldError[] = [];
    const resolved = { ...fields };
    if (fields.type === 'icb') {
      if (fields.systemId)
        errors.push({
          field: 'systemId',
          message: 'An integrated care board does not belong to another system',
        });
      resolved.systemId = null;
      if (!fields.regionId)
        errors.push({ field: 'regionId', message: 'Choose the region this integrated care board is in' });
      else if (!(await this.repository.findRegion(fields.regionId, manager)))
        errors.push({ field: 'regionId', message: 'regionId must be the id of a region' });
    } else {
      if (fields.isHomeSystem)
        errors.push({
          field: 'isHomeSystem',
          message: 'Only an integrated care board can be the home system',
        });
      if (!fields.systemId) {
        errors.push({
          field: 'systemId',
          message: 'Choose the integrated care board this organisation belongs to',
        });
      } else {
        const system = await this.repository.findById(fields.systemId, manager);
        if (!system || system.type !== 'icb')
          errors.push({ field: 'systemId', message: 'systemId must be the id of an integrated care board' });
        else if (existing && system.id === existing.id)
          errors.push({ field: 'systemId', message: 'An organisation cannot belong to itself' });
        else resolved.regionId = system.regionId;
      }
    }
    if (fields.validTo && fields.validTo < fields.validFrom)
      errors.push({ field: 'validTo', message: 'validTo must be on or after validFrom' });
    errors.push(...headcountProblems(fields));
    if (errors.length > 0) throw new InvalidInputError(errors);
    return resolved;
  }

  async assertOdsCodeFree(odsCode: string, exceptId: string | null, manager: EntityManager): Promise<void> {
    const [clash] = await this.repository.findByOdsCodes([odsCode], manager);
    if (clash && clash.id !== exceptId) {
      throw new ConflictError(
        `An organisation with ODS code ${odsCode} already exists (${clash.name})`,
        'odsCode',
      );
    }
  }
}

/**
 * The as-of date an update leaves: the one sent, none when the headcount is cleared, else the one recorded. A
 * new headcount sent without a date keeps no date, so the rules below ask for one rather than letting an old
 * date pass for the new count.
 */
function headcountDate(request: UpdateOrganisationDto, existing: OrganisationEntity): string | null {
  if (request.headcountAsOf !== undefined) return request.headcountAsOf;
  if (request.headcount === null) return null;
  if (request.headcount !== undefined && request.headcount !== existing.headcount) return null;
  return existing.headcountAsOf;
}

/** A headcount always has the date it was counted (so reach shows its age), never a date in the future. */
function headcountProblems(fields: Pick<OrganisationFields, 'headcount' | 'headcountAsOf'>): FieldError[] {
  const errors: FieldError[] = [];
  if (fields.headcount !== null && fields.headcountAsOf === null)
    errors.push({
      field: 'headcountAsOf',
      message: 'headcountAsOf is required with a new headcount: give the date the staff were counted',
    });
  if (fields.headcount === null && fields.headcountAsOf !== null)
    errors.push({ field: 'headcount', message: 'headcount is required with headcountAsOf' });
  if (fields.headcountAsOf !== null && fields.headcountAsOf > todayInLondon())
    errors.push({ field: 'headcountAsOf', message: 'headcountAsOf must be today or in the past' });
  return errors;
}

/**
 * A system lead (`systems` = the systems their grants reach; null for a regional lead) adds and moves
 * organisations only within their own systems, and never adds or makes an ICB: the ICBs are the region's.
 */
function assertWithinSystems(fields: OrganisationFields, systems: string[] | null): void {
  if (systems === null) return;
  if (fields.type === 'icb')
    throw InvalidInputError.field('type', 'Only a regional lead can add an integrated care board');
  if (!fields.systemId || !systems.includes(fields.systemId))
    throw InvalidInputError.field(
      'systemId',
      'systemId is outside your grant: choose your own integrated care board',
    );
}
