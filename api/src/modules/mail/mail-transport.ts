import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OutboxMessageEntity } from './outbox-message.entity';

/** Short timeouts so a dead SMTP server fails a send quickly (it is retried later) instead of blocking. */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, value] of [
    ['connectionTimeout', '5000'],
    ['greetingTimeout', '5000'],
    ['socketTimeout', '10000'],
  ] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.toString();
}

/** SMTP through nodemailer; absent when no SMTP_URL is configured (demo mode keeps mail in the app). */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transporter = config.mail.smtpUrl
      ? nodemailer.createTransport(withTimeouts(config.mail.smtpUrl))
      : null;
  }

  get configured(): boolean {
    return this.transporter !== null;
  }

  /** Sends the message with `text` as its body (the stored body with its link minted). */
  async send(message: OutboxMessageEntity, text: string): Promise<void> {
    if (!this.transporter) throw new Error('No SMTP server is configured');
    await this.transporter.sendMail({
      from: this.config.mail.from,
      to: message.toAddress,
      subject: message.subject,
      text,
      // The outbox id as Message-ID: were a message ever retried after the server took it, clients see one.
      messageId: `<${message.id}@upstand>`,
      icalEvent: message.ics
        ? { method: message.icsMethod ?? 'PUBLISH', filename: 'invite.ics', content: message.ics }
        : undefined,
    });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
