import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransferOfferStatus } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { systemScopeSql } from '../../common/auth/access-scope';
import { TransferOfferEntity } from './transfer-offer.entity';

export interface TransferOfferRow {
  id: string;
  status: TransferOfferStatus;
  enrolmentId: string;
  delegateName: string;
  delegateOrganisation: string | null;
  fromId: string;
  fromName: string;
  fromStartDate: string;
  fromSystemId: string;
  fromSystemOdsCode: string;
  fromSystemName: string;
  toId: string;
  toName: string;
  toStartDate: string;
  toSystemId: string;
  toSystemOdsCode: string;
  toSystemName: string;
  offeredBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  newEnrolmentId: string | null;
}

const ROWS = `
  SELECT t.id, t.status, t.enrolment_id AS "enrolmentId", u.full_name AS "delegateName", o.name AS "delegateOrganisation",
         fc.id AS "fromId", fc.name AS "fromName", fc.start_date::text AS "fromStartDate",
         fs.id AS "fromSystemId", fs.ods_code AS "fromSystemOdsCode", fs.name AS "fromSystemName",
         tc.id AS "toId", tc.name AS "toName", tc.start_date::text AS "toStartDate",
         ts.id AS "toSystemId", ts.ods_code AS "toSystemOdsCode", ts.name AS "toSystemName",
         ob.full_name AS "offeredBy", t.created_at AS "createdAt", t.decided_at AS "decidedAt",
         t.new_enrolment_id AS "newEnrolmentId"
  FROM enrolment_transfer_offer t
  JOIN enrolment e ON e.id = t.enrolment_id
  JOIN app_user u ON u.id = e.delegate_user_id
  LEFT JOIN organisation o ON o.id = u.organisation_id
  JOIN cohort fc ON fc.id = e.cohort_id
  JOIN organisation fs ON fs.id = fc.system_id
  JOIN cohort tc ON tc.id = t.target_cohort_id
  JOIN organisation ts ON ts.id = tc.system_id
  LEFT JOIN app_user ob ON ob.id = t.offered_by_user_id`;

@Injectable()
export class TransferOffersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Offers into or out of these systems (null: every offer), newest first. */
  async list(systemIds: string[] | null): Promise<TransferOfferRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const from = systemScopeSql('fc.system_id', systemIds, param, 'omit');
    const to = systemScopeSql('tc.system_id', systemIds, param, 'omit');
    return (await this.dataSource.query(
      `${ROWS} WHERE (${from} OR ${to}) ORDER BY t.status = 'pending' DESC, t.created_at DESC LIMIT 500`,
      params,
    )) as TransferOfferRow[];
  }

  async row(id: string, manager: EntityManager = this.dataSource.manager): Promise<TransferOfferRow | null> {
    const [row] = (await manager.query(`${ROWS} WHERE t.id = $1`, [id])) as TransferOfferRow[];
    return row ?? null;
  }

  lock(id: string, manager: EntityManager): Promise<TransferOfferEntity | null> {
    return manager
      .getRepository(TransferOfferEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async hasPending(enrolmentId: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(TransferOfferEntity).exists({ where: { enrolmentId, status: 'pending' } });
  }

  insert(offer: Partial<TransferOfferEntity>, manager: EntityManager): Promise<TransferOfferEntity> {
    return manager.save(TransferOfferEntity, manager.create(TransferOfferEntity, offer));
  }

  save(offer: TransferOfferEntity, manager: EntityManager): Promise<TransferOfferEntity> {
    return manager.save(TransferOfferEntity, offer);
  }

  /**
   * Who is told about an offer into a system: the active programme leads whose grant is that system; where it
   * has none yet, the regional leads (so an offer never waits unseen).
   */
  async leadsFor(systemId: string, manager: EntityManager): Promise<{ email: string; fullName: string }[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT u.email, u.full_name AS "fullName", ur.scope_kind AS "kind"
       FROM user_role ur JOIN app_user u ON u.id = ur.user_id
       WHERE ur.role = 'programme-lead' AND u.disabled_at IS NULL
         AND ((ur.scope_kind = 'system' AND ur.organisation_id = $1) OR ur.scope_kind = 'region')
       ORDER BY u.email`,
      [systemId],
    )) as { email: string; fullName: string; kind: string }[];
    const own = rows.filter((row) => row.kind === 'system');
    // One message each, even for someone holding both a system and a regional grant.
    const byEmail = new Map(
      (own.length > 0 ? own : rows).map(({ email, fullName }) => [email, { email, fullName }]),
    );
    return [...byEmail.values()];
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
