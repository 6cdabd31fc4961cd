import { safeReturnPath } from '@upstand/contracts';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeReturnUrl(value: string | null | undefined): string {
  return safeReturnPath(value) ?? '/';
}
