import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Browsers that have signed in to an account before (see TrustedDeviceEntity). */
@Injectable()
export class TrustedDevicesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether this device cookie belongs to the account (and was used within the last year). */
  async belongsTo(tokenHash: string, userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM trusted_device
       WHERE token_hash = $1 AND user_id = $2 AND last_used_at > now() - interval '1 year'`,
      [tokenHash, userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Records a successful sign-in from the device (a new one, or the same one again). */
  async remember(tokenHash: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trusted_device (token_hash, user_id, last_used_at) VALUES ($1, $2, now())
       ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = now()`,
      [tokenHash, userId],
    );
  }

  async deleteUnusedSince(cutoff: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM trusted_device WHERE last_used_at < $1`, [
      cutoff,
    ])) as [unknown[], number];
    return count;
  }
}
