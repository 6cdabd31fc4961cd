import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatLondonDay } from '../cohorts/staffing.service';

/** Stands in a queued body for the link the worker mints when it sends the message. */
export const LINK_PLACEHOLDER = '{{link}}';
/** Stands for the London day the minted link stops working ("Thursday 25 March 2027"). */
export const LINK_EXPIRY_PLACEHOLDER = '{{link-expires-on}}';

/** What a queued message asks the worker to mint: a purpose registered below, for whom (e.g. a user id). */
export interface OutboxLink {
  purpose: string;
  subjectId: string;
}

export interface MintedLink {
  url: string;
  /** When the link stops working, if it does; fills LINK_EXPIRY_PLACEHOLDER. */
  expiresAt?: Date;
}

/**
 * Mints the links of one purpose when the outbox sends a message: creates a fresh token, stores only its hash
 * (in the caller's transaction) and returns the URL. Returns null when the link no longer applies (a disabled
 * account, a decided approval): the message is then dropped, not sent. Minting again (a retry after a crash)
 * must be harmless: a fresh link, the earlier one may stop working.
 */
export interface OutboxLinkMinter {
  readonly purpose: string;
  mint(subjectId: string, manager: EntityManager): Promise<MintedLink | null>;
}

/**
 * The minters, one per purpose, registered by the module that owns the purpose's tokens (usually from its
 * onModuleInit), so the mail module knows nothing of password or approval links.
 */
@Injectable()
export class OutboxLinkMinters {
  private readonly byPurpose = new Map<string, OutboxLinkMinter>();

  register(...minters: OutboxLinkMinter[]): void {
    for (const minter of minters) {
      if (this.byPurpose.has(minter.purpose))
        throw new Error(`An outbox link minter for "${minter.purpose}" is registered already`);
      this.byPurpose.set(minter.purpose, minter);
    }
  }

  find(purpose: string): OutboxLinkMinter | null {
    return this.byPurpose.get(purpose) ?? null;
  }
}

/** The body with the minted link (and its last day) in place of the placeholders. */
export function renderLink(body: string, link: MintedLink): string {
  const expiresOn = link.expiresAt ? formatLondonDay(link.expiresAt) : '';
  return body.replaceAll(LINK_PLACEHOLDER, link.url).replaceAll(LINK_EXPIRY_PLACEHOLDER, expiresOn);
}
