import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EvaluationAnswer, EvaluationStage, InstrumentItem } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { InstrumentEntity } from './instrument.entity';

export interface EnrolmentTimes {
  enrolmentId: string;
  programmeId: string;
  status: string;
  createdAt: Date;
  firstStart: Date | null;
  lastSetEnd: Date | null;
  lastEnd: Date | null;
}

@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async currentInstrument(
    programmeId: string,
    stage: EvaluationStage,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InstrumentEntity | null> {
    return manager.findOne(InstrumentEntity, { where: { programmeId, stage }, order: { version: 'DESC' } });
  }

  /** Publishes the next version; the programme row lock keeps version numbers unique under concurrent edits. */
  async publish(
    programmeId: string,
    stage: EvaluationStage,
    title: string,
    items: InstrumentItem[],
    userId: string | null,
  ): Promise<InstrumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM programme WHERE id = $1 FOR UPDATE', [programmeId]);
      const current = await this.currentInstrument(programmeId, stage, manager);
      return manager.save(
        InstrumentEntity,
        manager.create(InstrumentEntity, {
          programmeId,
          stage,
          version: (current?.version ?? 0) + 1,
          title,
          items,
          publishedByUserId: userId,
        }),
      );
    });
  }

  /** The delegate's latest confirmed or completed enrolment with the times its evaluation windows hang on. */
  async enrolmentTimes(delegateUserId: string): Promise<EnrolmentTimes | null> {
    const [row] = (await this.dataSource.query(
      `SELECT e.id AS "enrolmentId", e.programme_id AS "programmeId", e.status, e.created_at AS "createdAt",
              min(s.starts_at) AS "firstStart",
              max(s.ends_at) FILTER (WHERE s.kind = 'action-learning-set') AS "lastSetEnd",
              max(s.ends_at) AS "lastEnd"
       FROM enrolment e
       LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
       LEFT JOIN session s ON s.cohort_id = e.cohort_id AND s.status = 'scheduled' AND (s.set_id IS NULL OR s.set_id = m.set_id)
       WHERE e.delegate_user_id = $1 AND e.status IN ('confirmed', 'completed')
       GROUP BY e.id
       ORDER BY e.created_at DESC LIMIT 1`,
      [delegateUserId],
    )) as EnrolmentTimes[];
    return row ?? null;
  }

  async submittedAt(enrolmentId: string): Promise<Map<EvaluationStage, Date>> {
    const rows = (await this.dataSource.query(
      `SELECT stage, updated_at AS "at" FROM evaluation_response WHERE enrolment_id = $1 AND session_key = ''`,
      [enrolmentId],
    )) as { stage: EvaluationStage; at: Date }[];
    return new Map(rows.map((row) => [row.stage, row.at]));
  }

  async answers(enrolmentId: string, stage: EvaluationStage): Promise<EvaluationAnswer[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.item_code AS "itemCode", a.value_number AS "valueNumber", a.value_text AS "valueText"
       FROM evaluation_response r JOIN evaluation_answer a ON a.response_id = r.id WHERE r.enrolment_id = $1 AND r.stage = $2 AND r.session_key = ''`,
      [enrolmentId, stage],
    )) as { itemCode: string; valueNumber: string | null; valueText: string | null }[];
    return rows.map((row) => ({
      itemCode: row.itemCode,
      value: row.valueNumber !== null ? Number(row.valueNumber) : row.valueText,
    }));
  }

  /**
   * One response per delegate (pairing key), stage and session: resubmitting replaces its answers
   * (INSERT … ON CONFLICT, so races cannot duplicate). Identified responses are paired by the delegate's user id.
   */
  async saveResponse(
    enrolmentId: string,
    stage: EvaluationStage,
    instrumentId: string,
    answers: EvaluationAnswer[],
    manager: EntityManager,
  ): Promise<void> {
    const [row] = (await manager.query(
      `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id)
       SELECT e.programme_id, e.cohort_id, e.id, e.delegate_user_id, e.delegate_user_id::text, $2, $3 FROM enrolment e WHERE e.id = $1
       ON CONFLICT (programme_id, stage, pairing_key, session_key) DO UPDATE
         SET instrument_id = EXCLUDED.instrument_id, enrolment_id = EXCLUDED.enrolment_id, cohort_id = EXCLUDED.cohort_id, updated_at = now()
       RETURNING id`,
      [enrolmentId, stage, instrumentId],
    )) as { id: string }[];
    const responseId = (row as { id: string }).id;
    await manager.query('DELETE FROM evaluation_answer WHERE response_id = $1', [responseId]);
    const kept = answers.filter((answer) => answer.value !== null && answer.value !== '');
    if (kept.length === 0) return;
    await manager.query(
      `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
       SELECT $1, x.code, x.num, x.txt FROM unnest($2::text[], $3::numeric[], $4::text[]) AS x(code, num, txt)`,
      [
        responseId,
        kept.map((answer) => answer.itemCode),
        kept.map((answer) => (typeof answer.value === 'number' ? answer.value : null)),
        kept.map((answer) => (typeof answer.value === 'string' ? answer.value : null)),
      ],
    );
  }
}
