import { Programme } from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError } from '../../common/domain-errors';
import { loadConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ProgrammesRepository } from './programmes.repository';
import { MINIMAL_PRODUCTION_ENV } from '../../config/production-env.testing';
import { ProgrammesService } from './programmes.service';

describe('anonymous evaluation in production', () => {
  const programme = {
    id: 'p1',
    name: 'Active Bystander Programme',
    anonymousEvaluation: false,
    requiresManagerApproval: false,
    offerHoldHours: 48,
    systemId: null,
    createdAt: new Date(),
  };
  const repository = {
    findById: jest.fn().mockResolvedValue(programme),
    currentTemplates: jest
      .fn()
      .mockResolvedValue(new Map([['p1', { version: 1, stages: [], completionRule: {} }]])),
    updateSettings: jest.fn().mockResolvedValue(undefined),
    evaluationResponseCount: jest.fn().mockResolvedValue(0),
    lockEvaluationMode: jest.fn().mockResolvedValue(false),
    transaction: jest.fn((work: (manager: unknown) => Promise<unknown>) => work({})),
  } as unknown as ProgrammesRepository;
  const audit = { record: jest.fn() } as unknown as AuditService;
  const organisations = {} as OrganisationsRepository;
  const lead = {
    id: 'lead',
    roles: [{ role: 'programme-lead', organisationId: null, scope: { kind: 'region' } }],
  } as unknown as AuthenticatedUser;

  it('is refused until EVALUATION_CODE_SECRET is set, so codes cannot be guessed from the database', async () => {
    const service = new ProgrammesService(
      repository,
      audit,
      loadConfig(MINIMAL_PRODUCTION_ENV),
      organisations,
    );
    await expect(service.updateSettings('p1', { anonymousEvaluation: true }, lead)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(repository.updateSettings).not.toHaveBeenCalled();
  });

  it('is allowed in production with the secret, and in development without it', async () => {
    const secret = 'x'.repeat(40);
    for (const env of [
      { ...MINIMAL_PRODUCTION_ENV, EVALUATION_CODE_SECRET: secret },
      { NODE_ENV: 'development' },
    ]) {
      const service = new ProgrammesService(repository, audit, loadConfig(env), organisations);
      jest.spyOn(service, 'get').mockResolvedValue({ anonymousEvaluation: false } as Programme);
      await service.updateSettings('p1', { anonymousEvaluation: true }, lead);
    }
    expect(repository.updateSettings).toHaveBeenCalledTimes(2);
  });

  it('refuses a secret shorter than 32 characters at start-up', () => {
    expect(() => loadConfig({ EVALUATION_CODE_SECRET: 'short' })).toThrow(/EVALUATION_CODE_SECRET/);
  });
});
