/**
 * Erasure (UK GDPR Article 17): a person asks, a programme lead whose scope covers them carries it out.
 * Times are ISO 8601.
 */

/** The state of the signed-in person's own request, as the "Your data" page shows it. */
export interface MyErasureRequest {
  /** null when they have not asked (or their request was carried out, which also ends their sign-in) */
  request: { id: string; requestedAt: string } | null;
}

/** An open request in a lead's list: who asked and when (a lead needs to know whom they are erasing). */
export interface ErasureRequestSummary {
  id: string;
  userId: string;
  fullName: string;
  email: string;
  organisation: string | null;
  requestedAt: string;
}

/** The answer to POST /api/users/{id}/erase. Erasing someone already erased answers the same, with `alreadyErased`. */
export interface ErasureResult {
  userId: string;
  erasedAt: string;
  alreadyErased: boolean;
}

/** What stands in for an erased person's name; their email becomes an address at ERASED_EMAIL_DOMAIN. */
export const ERASED_NAME = 'Erased user';
/** RFC 2606 reserves `.invalid`: an address there can never be delivered to anyone. */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid';
