import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change it describes. */
  async insert(record: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.save(
      AuditEventEntity,
      manager.create(AuditEventEntity, { ...record, details: record.details ?? {} }),
    );
  }

  async insertMany(records: AuditRecord[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (records.length === 0) return;
    await manager.query(
      `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, details)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::jsonb[])`,
      [
        records.map((record) => record.actorUserId),
        records.map((record) => record.action),
        records.map((record) => record.entityType),
        records.map((record) => record.entityId),
        records.map((record) => JSON.stringify(record.details ?? {})),
      ],
    );
  }

  findForEntity(entityType: string, entityId: string): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }
}
