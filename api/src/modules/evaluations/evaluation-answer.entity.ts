import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EvaluationResponseEntity } from './evaluation-response.entity';

/** One answer in long format (response, item code, value): what paired analysis and exports read. */
@Entity('evaluation_answer')
@Check('CHK_evaluation_answer_value', `"value_number" IS NULL OR "value_text" IS NULL`)
// Comments are found from the few answers with text, not by reading every answer of a stage.
@Index('IDX_evaluation_answer_text', ['responseId'], { where: '"value_text" IS NOT NULL' })
export class EvaluationAnswerEntity {
  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @ManyToOne(() => EvaluationResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: EvaluationResponseEntity;

  @PrimaryColumn({ name: 'item_code', type: 'varchar', length: 60 })
  itemCode: string;

  @Column({ name: 'value_number', type: 'numeric', precision: 6, scale: 2, nullable: true })
  valueNumber: string | null;

  @Column({ name: 'value_text', type: 'varchar', length: 4000, nullable: true })
  valueText: string | null;
}
