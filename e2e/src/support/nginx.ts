import { ChildProcess, execFileSync, spawn } from 'child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connect } from 'net';
import { WORKSPACE } from './paths';

export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';
/** The configuration a trust deploys (compose.yaml mounts the same file). */
export const SITE_CONFIG = join(WORKSPACE, 'deploy/nginx/upstand.conf');
/** The name the site's certificate is for; requests send it as Host and SNI. */
export const SITE_NAME = 'upstand.example.nhs.uk';

export interface RunningNginx {
  /** https://127.0.0.1:<port>, answering for SITE_NAME with the certificate in `certificate`. */
  httpsPort: number;
  httpPort: number;
  /** The self-signed certificate (PEM) clients must trust. */
  certificate: string;
  /** What nginx has written so far: its error log (standard error), then its access log (standard output). */
  output(): string;
  /** The upstream (host:port) that answered the request nginx gave this X-Request-Id, from the access log. */
  upstreamOf(requestId: string): Promise<string>;
  stop(): Promise<void>;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text))
    throw new Error(`${SITE_CONFIG} no longer has ${pattern}: update e2e/src/support/nginx.ts with it`);
  return text.replace(pattern, replacement);
}

/**
 * The deployed site configuration with only its ports and upstream servers replaced (each keeps the deployed
 * `server` line's parameters).
 */
export function siteConfig(options: { httpsPort: number; httpPort: number; upstreams: string[] }): string {
  let text = readFileSync(SITE_CONFIG, 'utf8');
  text = replaceOnce(text, /^(\s*)listen 443 ssl;/m, `$1listen 127.0.0.1:${options.httpsPort} ssl;`);
  text = replaceOnce(text, /^(\s*)listen 80;/m, `$1listen 127.0.0.1:${options.httpPort};`);
  const server = /^(\s*)server api-\d+:\d+([^;\n]*);\n/m.exec(text);
  if (!server) throw new Error(`${SITE_CONFIG} has no "server api-1:3000 …;" line in its upstream`);
  const [, indent, parameters] = server;
  const ours = options.upstreams.map((address) => `${indent}server ${address}${parameters};\n`).join('');
  text = text.replace(server[0], ours);
  return text.replace(/^\s*server api-\d+:\d+[^;\n]*;\n/gm, '');
}

function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null)
        return reject(new Error(`nginx exited with ${child.exitCode}:\n${output()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - started > 10_000)
          reject(new Error(`nginx did not listen within 10 s:\n${output()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Runs Debian's nginx as a child process (not the system service) with its own prefix folder: its nginx.conf
 * holds only what differs from a server install (pid file, temporary folders, one worker) and includes the
 * deployed site configuration; a throwaway certificate for SITE_NAME sits in tls/ as the site expects.
 */
export async function startNginx(options: {
  httpsPort: number;
  httpPort: number;
  upstreams: string[];
}): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'upstand-nginx-'));
  // Workers drop root privileges (to nobody): they must reach the temporary folders inside.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'tls'));
  mkdirSync(join(dir, 'tmp'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${SITE_NAME}`,
      '-addext',
      `subjectAltName=DNS:${SITE_NAME}`,
      '-keyout',
      join(dir, 'tls/privkey.pem'),
      '-out',
      join(dir, 'tls/fullchain.pem'),
    ],
    { stdio: 'pipe' },
  );
  writeFileSync(join(dir, 'upstand.conf'), siteConfig(options));
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      'pid nginx.pid;',
      'error_log stderr warn;',
      'events { worker_connections 512; }',
      'http {',
      '    access_log off;',
      '    client_body_temp_path tmp/body;',
      '    proxy_temp_path tmp/proxy;',
      '    fastcgi_temp_path tmp/fastcgi;',
      '    uwsgi_temp_path tmp/uwsgi;',
      '    scgi_temp_path tmp/scgi;',
      '    include upstand.conf;',
      '}',
      '',
    ].join('\n'),
  );
  // Standard output and error are files in the folder: the site logs to /dev/stdout (the container's log), which
  // nginx opens by name, and that cannot be done to the socket a Node pipe is.
  const accessLog = join(dir, 'access.log');
  const errorLog = join(dir, 'error.log');
  const [stdout, stderr] = [openSync(accessLog, 'a'), openSync(errorLog, 'a')];
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', stdout, stderr],
  });
  closeSync(stdout);
  closeSync(stderr);
  const output = () => `${readFileSync(errorLog, 'utf8')}${readFileSync(accessLog, 'utf8')}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(options.httpsPort, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    httpsPort: options.httpsPort,
    httpPort: options.httpPort,
    certificate: readFileSync(join(dir, 'tls/fullchain.pem'), 'utf8'),
    output,
    upstreamOf: async (requestId) => {
      // nginx writes the line once the response is sent, a moment after the client has it.
      const pattern = new RegExp(`upstream=(\\S+) .*request_id=${requestId}\\b`);
      for (let tries = 0; tries < 100; tries++) {
        const match = pattern.exec(readFileSync(accessLog, 'utf8'));
        if (match) return match[1] as string;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`No access log line for request ${requestId}:\n${output().slice(-2000)}`);
    },
    stop: async () => {
      // SIGQUIT: graceful shutdown, as `nginx -s quit` does.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
