import { Facilitator } from '@upstand/contracts';
import { FacilitatorEntity } from './facilitator.entity';

export function toFacilitator(entity: FacilitatorEntity): Facilitator {
  if (!entity.user) throw new Error(`Facilitator ${entity.id} was loaded without its user`);
  return {
    id: entity.id,
    userId: entity.userId,
    fullName: entity.user.fullName,
    email: entity.user.email,
    organisationName: entity.user.organisation?.name ?? null,
    level: entity.level,
    sessionKinds: entity.sessionKinds,
    active: entity.active,
    unavailableDates: (entity.unavailability ?? []).map((day) => day.date).sort(),
  };
}
