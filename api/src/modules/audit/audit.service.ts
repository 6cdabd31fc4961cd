import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  record(record: AuditRecord, manager?: EntityManager): Promise<void> {
    return this.repository.insert(record, manager);
  }

  /** Many records in one multi-row insert (imports); pass the transaction's manager as for `record`. */
  recordMany(records: AuditRecord[], manager?: EntityManager): Promise<void> {
    return this.repository.insertMany(records, manager);
  }

  /** Names of the fields whose values differ: what the log keeps instead of the values themselves. */
  static changedFields<T extends object>(before: T, after: Partial<T>): string[] {
    return (Object.keys(after) as (keyof T)[])
      .filter((key) => after[key] !== undefined && String(after[key]) !== String(before[key]))
      .map(String);
  }
}
