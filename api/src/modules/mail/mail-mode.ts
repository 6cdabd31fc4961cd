import { AppConfig } from '../../config/app-config';

/**
 * Demo mode: no SMTP server and not production. Emails are then kept, with their links, for programme leads to
 * read in the in-app mailbox; otherwise the mailbox does not exist and no stored body holds a usable link.
 */
export function isDemoMailbox(config: AppConfig): boolean {
  return !config.mail.smtpUrl && !config.isProduction;
}
