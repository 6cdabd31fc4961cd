import { simpleParser } from 'mailparser';
import { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  calendar: string | null;
  /** The calendar part's MIME type, with its method parameter (text/calendar; method=REQUEST). */
  calendarContentType: string | null;
}

export interface SmtpSinkOptions {
  /** Holds each message this long after receiving it before answering 250 OK (a slow server). */
  delayMs?: number;
  /** Called as each message is received (counted), before the answer. */
  onMessage?: (mail: ReceivedMail) => void;
}

/** mailparser's parsed Content-Type header, written back as `type; name=value`. */
function mimeType(header: unknown): string | null {
  if (!header || typeof header !== 'object') return null;
  const { value, params } = header as { value: string; params?: Record<string, string> };
  return [value, ...Object.entries(params ?? {}).map(([name, param]) => `${name}=${param}`)].join('; ');
}

/** A real SMTP server in the test process: what the app sends arrives here over SMTP. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const calendar = mail.attachments.find((attachment) =>
              attachment.contentType.startsWith('text/calendar'),
            );
            const to = Array.isArray(mail.to)
              ? mail.to.map((address) => address.text).join(', ')
              : (mail.to?.text ?? '');
            const received: ReceivedMail = {
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId ?? '',
              calendar: calendar ? calendar.content.toString('utf8') : null,
              calendarContentType: calendar ? mimeType(calendar.headers.get('content-type')) : null,
            };
            // Counted once the whole message is here: a sender killed before the answer still delivered it.
            this.received.push(received);
            this.options.onMessage?.(received);
            if (this.options.delayMs) setTimeout(() => callback(), this.options.delayMs);
            else callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
