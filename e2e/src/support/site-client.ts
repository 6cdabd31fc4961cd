import { request } from 'https';
import { SITE_NAME } from './nginx';

export interface SiteResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** nginx's X-Request-Id for this request (look up the instance that answered with upstreamOf). */
  requestId: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * A client of the site through the proxy, as a browser is: HTTPS to SITE_NAME (trusting the test certificate),
 * its own cookie jar, and optionally its own source address on the loopback network (127.0.0.2, …) so the
 * proxy sees different clients.
 */
export class SiteClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly port: number,
    private readonly certificate: string,
    private readonly localAddress = '127.0.0.1',
  ) {}

  async fetch(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<SiteResponse> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      Host: SITE_NAME,
      Accept: 'application/json',
      ...(payload ? { 'Content-Type': 'application/json' } : {}),
      ...(this.cookies.size > 0
        ? { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
        : {}),
      ...options.headers,
    };
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          headers,
          servername: SITE_NAME,
          ca: this.certificate,
          localAddress: this.localAddress,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            for (const cookie of incoming.headers['set-cookie'] ?? []) {
              const [pair] = cookie.split(';');
              const index = (pair ?? '').indexOf('=');
              const name = (pair ?? '').slice(0, index);
              const value = (pair ?? '').slice(index + 1);
              if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const body = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body,
              requestId: String(incoming.headers['x-request-id'] ?? ''),
              json: <T>() => JSON.parse(body) as T,
            });
          });
        },
      );
      outgoing.on('error', reject);
      if (payload) outgoing.write(payload);
      outgoing.end();
    });
  }

  /** The CSRF token for this client's cookies, from GET /api/auth/csrf (whichever instance answers). */
  async csrf(): Promise<string> {
    return (await this.fetch('GET', '/api/auth/csrf')).json<{ token: string }>().token;
  }

  /** A mutating request with the CSRF token fetched just before (possibly from the other instance). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<SiteResponse> {
    const token = await this.csrf();
    return this.fetch(method, path, { body, headers: { ...headers, 'X-XSRF-TOKEN': token } });
  }
}
