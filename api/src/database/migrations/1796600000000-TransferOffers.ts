import { MigrationInterface, QueryRunner } from 'typeorm';

export class TransferOffers1796600000000 implements MigrationInterface {
  name = 'TransferOffers1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enrolment_transfer_offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "target_cohort_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "offered_by_user_id" uuid, "decided_by_user_id" uuid, "new_enrolment_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_enrolment_transfer_offer_status" CHECK ("status" IN ('pending', 'accepted', 'declined', 'withdrawn')), CONSTRAINT "PK_565b5dd71a6543d0415bae864fd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_enrolment_transfer_offer_target" ON "enrolment_transfer_offer"  ("target_cohort_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_enrolment_transfer_offer_pending" ON "enrolment_transfer_offer"  ("enrolment_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" ADD CONSTRAINT "FK_ca77c983aa63ca01b2fc057e853" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" ADD CONSTRAINT "FK_e6177a33b4e01378eb2663cba60" FOREIGN KEY ("target_cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" ADD CONSTRAINT "FK_52bed46eb85f5ff6f90c150c2de" FOREIGN KEY ("offered_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" ADD CONSTRAINT "FK_bcfeb7f76a56242965494c279e9" FOREIGN KEY ("decided_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" ADD CONSTRAINT "FK_3eb83c1f30bb3f7b6b513b670b7" FOREIGN KEY ("new_enrolment_id") REFERENCES "enrolment"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" DROP CONSTRAINT "FK_3eb83c1f30bb3f7b6b513b670b7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" DROP CONSTRAINT "FK_bcfeb7f76a56242965494c279e9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" DROP CONSTRAINT "FK_52bed46eb85f5ff6f90c150c2de"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" DROP CONSTRAINT "FK_e6177a33b4e01378eb2663cba60"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment_transfer_offer" DROP CONSTRAINT "FK_ca77c983aa63ca01b2fc057e853"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_enrolment_transfer_offer_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolment_transfer_offer_target"`);
    await queryRunner.query(`DROP TABLE "enrolment_transfer_offer"`);
  }
}
