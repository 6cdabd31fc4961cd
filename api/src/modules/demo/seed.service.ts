import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  FacilitatorLevel,
  HOME_REGION_ODS_CODE,
  Role,
  roleIsScoped,
  SESSION_KINDS,
  SessionKind,
} from '@upstand/contracts';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DEFAULT_ACTIVE_BYSTANDER_TEMPLATE } from '@upstand/schedule';
import { PasswordHasher } from '../auth/password-hasher';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { FacilitatorsRepository } from '../facilitators/facilitators.repository';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { VenuesRepository } from '../venues/venues.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ReferenceDataService } from '../organisations/reference-data.service';
import { UsersRepository } from '../users/users.repository';
import { DemoJourneysService } from './demo-journeys.service';
import { PilotSeedService } from './pilot-seed.service';
import { SeedRepository } from './seed.repository';

export const ACTIVE_BYSTANDER_PROGRAMME = 'Active Bystander Programme';

export interface DemoLogin {
  email: string;
  role: string;
}

interface DemoUser {
  email: string;
  fullName: string;
  organisationOdsCode: string;
  /** Staff grants are regional unless they name a system (an ICB); sponsors name their organisation. */
  roles: { role: Role; organisationOdsCode?: string; systemOdsCode?: string }[];
  description: string;
}

/** The demo programme lead: its account marks a demo database (see SeedService.seed). */
const DEMO_LEAD_EMAIL = 'lead@demo.upstand.test';

export const DEMO_USERS: DemoUser[] = [
  {
    email: DEMO_LEAD_EMAIL,
    fullName: 'Priya Shah',
    organisationOdsCode: 'QK1',
    roles: [{ role: 'programme-lead' }],
    description: 'programme lead',
  },
  {
    email: 'facilitator@demo.upstand.test',
    fullName: 'Tom Okafor',
    organisationOdsCode: 'RT5',
    roles: [{ role: 'facilitator' }],
    description: 'facilitator',
  },
  {
    email: 'delegate@demo.upstand.test',
    fullName: 'Sam Patel',
    organisationOdsCode: 'RWE',
    roles: [{ role: 'delegate' }],
    description: 'delegate',
  },
  {
    email: 'manager@demo.upstand.test',
    fullName: 'Helen Carter',
    organisationOdsCode: 'RWE',
    roles: [{ role: 'line-manager' }],
    description: 'line manager',
  },
  {
    email: 'sponsor@demo.upstand.test',
    fullName: 'Grace Mensah',
    organisationOdsCode: 'RWE',
    roles: [{ role: 'sponsor', organisationOdsCode: 'RWE' }],
    description: 'sponsor for University Hospitals of Leicester',
  },
  {
    email: 'steering@demo.upstand.test',
    fullName: 'David Hughes',
    organisationOdsCode: 'QK1',
    roles: [{ role: 'steering' }],
    description: 'steering group',
  },
  {
    email: 'cofacilitator@demo.upstand.test',
    fullName: 'Aisha Rahman',
    organisationOdsCode: 'RWE',
    roles: [{ role: 'facilitator' }],
    description: 'co-facilitator (second workshop facilitator)',
  },
  {
    email: 'system-lead@demo.upstand.test',
    fullName: 'Nadia Brooks',
    organisationOdsCode: 'QWU',
    roles: [{ role: 'programme-lead', systemOdsCode: 'QWU' }],
    description: 'programme lead for Coventry and Warwickshire (QWU) only',
  },
  {
    email: 'system-steering@demo.upstand.test',
    fullName: 'Owen Price',
    organisationOdsCode: 'QWU',
    roles: [{ role: 'steering', systemOdsCode: 'QWU' }],
    description: 'steering group for Coventry and Warwickshire (QWU) only',
  },
];

/** The demo facilitator pool: a lead facilitator for everything and a co-facilitator. */
const DEMO_FACILITATORS: { email: string; level: FacilitatorLevel; sessionKinds: SessionKind[] }[] = [
  { email: 'facilitator@demo.upstand.test', level: 'lead-facilitator', sessionKinds: [...SESSION_KINDS] },
  {
    email: 'cofacilitator@demo.upstand.test',
    level: 'co-facilitator',
    sessionKinds: ['workshop', 'action-learning-set', 'community-of-practice'],
  },
];

const DEMO_VENUES = [
  {
    name: 'Leicester General Hospital, Education Centre',
    address: 'Gwendolen Road, Leicester LE5 4PW',
    capacity: 30,
    accessibilityNotes:
      'Step-free access from the main car park; hearing loop in the seminar rooms; accessible toilets on each floor.',
  },
  {
    name: 'Loughborough Hospital, Training Room 2',
    address: 'Hospital Way, Loughborough LE11 5JY',
    capacity: 16,
    accessibilityNotes: 'Ground floor; accessible parking bays by the entrance.',
  },
];

/**
 * Start-up seeding, under one lock: reference data (organisations module) and the programme go into any empty
 * database; demo users only outside production, and only into a database with no users.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seedRepository: SeedRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly referenceData: ReferenceDataService,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly programmes: ProgrammesRepository,
    private readonly facilitators: FacilitatorsRepository,
    private readonly venues: VenuesRepository,
    private readonly delegates: DelegatesRepository,
    private readonly pilot: PilotSeedService,
    private readonly journeys: DemoJourneysService,
  ) {}

  async seed(): Promise<void> {
    await this.seedRepository.withSeedLock(async (manager) => {
      await this.referenceData.seedIfEmpty(manager);
      if ((await this.programmes.count(manager)) === 0) {
        await this.programmes.createProgramme(
          ACTIVE_BYSTANDER_PROGRAMME,
          DEFAULT_ACTIVE_BYSTANDER_TEMPLATE.stages,
          manager,
        );
        this.logger.log(`Seeded the ${ACTIVE_BYSTANDER_PROGRAMME} with its default journey template`);
      }
      if (!this.config.isProduction && (await this.seedRepository.countRows(manager, 'app_user')) === 0)
        await this.seedDemoUsers(manager);
    });
    // After the commit above: the questionnaires are published in transactions of their own.
    if (this.config.env !== 'development') return;
    // Made-up programmes only go where the demo accounts are, which are only ever put into an empty database: a
    // development instance pointed at a real database (a copy of a trust's, say) must not fill it with 231 made-up
    // delegates and their answers.
    if (!(await this.users.findByEmail(DEMO_LEAD_EMAIL))) {
      this.logger.warn('Not a demo database (it has no demo accounts): no made-up programmes added');
      return;
    }
    await this.pilot.seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME);
    await this.journeys.seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME);
  }

  /** The demo accounts that exist in this database (never any in production). */
  async demoLogins(): Promise<DemoLogin[]> {
    if (this.config.isProduction) return [];
    const logins: DemoLogin[] = [];
    for (const user of DEMO_USERS) {
      if (await this.users.findByEmail(user.email))
        logins.push({ email: user.email, role: user.description });
    }
    return logins;
  }

  private async seedDemoUsers(manager: EntityManager): Promise<void> {
    const passwordHash = await this.hasher.hash(this.config.demo.password);
    const codes = DEMO_USERS.flatMap((user) => [
      user.organisationOdsCode,
      ...user.roles.map((grant) => grant.organisationOdsCode ?? grant.systemOdsCode ?? ''),
    ]).filter(Boolean);
    const organisations = new Map(
      (await this.organisations.findByOdsCodes([...new Set(codes)], manager)).map((org) => [
        org.odsCode,
        org.id,
      ]),
    );
    const [region] = await this.organisations.findRegionsByOdsCodes([HOME_REGION_ODS_CODE], manager);
    if (!region) throw new Error(`The region ${HOME_REGION_ODS_CODE} must be seeded before the demo users`);
    const userIds = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const created = await this.users.create(
        {
          email: user.email,
          fullName: user.fullName,
          passwordHash,
          organisationId: organisations.get(user.organisationOdsCode) ?? null,
          roles: user.roles.map((grant) => {
            const scoped = grant.organisationOdsCode ?? grant.systemOdsCode;
            const organisationId = scoped ? (organisations.get(scoped) ?? null) : null;
            if (scoped && !organisationId) throw new Error(`The demo scope ${scoped} is not seeded`);
            return {
              role: grant.role,
              scopeKind: grant.organisationOdsCode
                ? 'organisation'
                : grant.systemOdsCode
                  ? 'system'
                  : roleIsScoped(grant.role)
                    ? 'region'
                    : null,
              organisationId,
              regionId: !scoped && roleIsScoped(grant.role) ? region.id : null,
            };
          }),
        },
        manager,
      );
      userIds.set(user.email, created.id);
    }
    for (const facilitator of DEMO_FACILITATORS) {
      await this.facilitators.save(
        {
          userId: userIds.get(facilitator.email),
          level: facilitator.level,
          sessionKinds: facilitator.sessionKinds,
          active: true,
        },
        manager,
      );
    }
    for (const venue of DEMO_VENUES) await this.venues.save(venue, manager);
    await this.delegates.saveProfile(
      {
        userId: userIds.get('delegate@demo.upstand.test') as string,
        jobTitle: 'Staff nurse, emergency department',
        staffGroup: 'Nursing and Midwifery Registered',
        payScheme: 'agenda-for-change',
        payBand: '5',
        lineManagerName: 'Helen Carter',
        lineManagerEmail: 'manager@demo.upstand.test',
      },
      manager,
    );
    this.logger.log(
      `Seeded ${DEMO_USERS.length} demo users, ${DEMO_FACILITATORS.length} facilitators and ${DEMO_VENUES.length} venues`,
    );
  }
}
