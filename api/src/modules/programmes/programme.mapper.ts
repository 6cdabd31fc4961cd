import { JourneyTemplateBody, Programme } from '@upstand/contracts';
import { JourneyTemplateEntity } from './journey-template.entity';
import { ProgrammeEntity } from './programme.entity';

export function toTemplateBody(template: JourneyTemplateEntity): JourneyTemplateBody {
  return {
    id: template.id,
    version: template.version,
    stages: template.stages,
    completionRule: template.completionRule,
    createdAt: template.createdAt.toISOString(),
  };
}

/** Load the programme with its `system` relation: without it a system's programme would read as regional. */
export function toProgramme(programme: ProgrammeEntity, template: JourneyTemplateEntity): Programme {
  return {
    id: programme.id,
    name: programme.name,
    requiresManagerApproval: programme.requiresManagerApproval,
    offerHoldHours: programme.offerHoldHours,
    anonymousEvaluation: programme.anonymousEvaluation,
    currentTemplate: toTemplateBody(template),
    system: programme.system
      ? { id: programme.system.id, odsCode: programme.system.odsCode, name: programme.system.name }
      : null,
  };
}
