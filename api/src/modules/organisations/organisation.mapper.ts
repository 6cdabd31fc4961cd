import { Organisation } from '@upstand/contracts';
import { OrganisationEntity } from './organisation.entity';

export function toOrganisation(entity: OrganisationEntity): Organisation {
  if (!entity.region) throw new Error(`Organisation ${entity.id} was loaded without its region`);
  return {
    id: entity.id,
    odsCode: entity.odsCode,
    name: entity.name,
    type: entity.type,
    region: { id: entity.region.id, odsCode: entity.region.odsCode, name: entity.region.name },
    system: entity.system
      ? { id: entity.system.id, odsCode: entity.system.odsCode, name: entity.system.name }
      : null,
    isHomeSystem: entity.isHomeSystem,
    validFrom: entity.validFrom,
    validTo: entity.validTo,
    headcount: entity.headcount,
    headcountAsOf: entity.headcountAsOf,
  };
}
