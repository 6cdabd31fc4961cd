import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrganisationsRepository } from './organisations.repository';
import { ICB_VALID_FROM, MIDLANDS_ICBS, MIDLANDS_REGION, SEED_PROVIDERS } from './reference-data';

/**
 * Reference data every installation needs, production included: the Midlands region, its integrated care boards
 * and the providers the programme started with. Not demo data: it goes into any database without a region.
 */
@Injectable()
export class ReferenceDataService {
  private readonly logger = new Logger(ReferenceDataService.name);

  constructor(private readonly organisations: OrganisationsRepository) {}

  /** In the caller's transaction (the seed lock), so two instances starting together seed it once. */
  async seedIfEmpty(manager: EntityManager): Promise<void> {
    if ((await this.organisations.countRegions(manager)) > 0) return;
    const region = await this.organisations.saveRegion(MIDLANDS_REGION, manager);
    const systems = new Map<string, string>();
    for (const icb of MIDLANDS_ICBS) {
      const saved = await this.organisations.save(
        {
          odsCode: icb.odsCode,
          name: icb.name,
          type: 'icb',
          regionId: region.id,
          systemId: null,
          isHomeSystem: icb.isHomeSystem ?? false,
          validFrom: ICB_VALID_FROM,
          validTo: null,
        },
        manager,
      );
      systems.set(icb.odsCode, saved.id);
    }
    for (const provider of SEED_PROVIDERS) {
      await this.organisations.save(
        {
          odsCode: provider.odsCode,
          name: provider.name,
          type: provider.type,
          regionId: region.id,
          systemId: systems.get(provider.systemOdsCode) ?? null,
          validFrom: provider.validFrom,
          validTo: null,
        },
        manager,
      );
    }
    this.logger.log(
      `Seeded reference data: ${MIDLANDS_REGION.name}, ${MIDLANDS_ICBS.length} ICBs, ${SEED_PROVIDERS.length} providers`,
    );
  }
}
