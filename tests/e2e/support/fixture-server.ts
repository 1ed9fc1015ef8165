// Serves the registrar and Odoo fixtures on 127.0.0.1: plain HTTP by file name, and HTTPS by registrar host name
// (the browser maps each registrar's real host to this server, so every adapter is selected by its real URL).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { odooFixturesDir, registrarFixturesDir } from './paths.ts';

/** A registrar page URL the adapter's `matches()` and the manifest's content-script patterns accept, and its fixture. */
export const registrarPages = [
  { id: 'cloudflare', url: 'https://dash.cloudflare.com/0123abcd/example.com/dns/records' },
  { id: 'godaddy', url: 'https://dcc.godaddy.com/control/dnsmanagement?domainName=example.com' },
  { id: 'namecheap', url: 'https://ap.www.namecheap.com/Domains/DomainControlPanel/example.com/advancedns' },
  { id: 'ovhcloud', url: 'https://www.ovh.com/manager/web/domain/example.com/zone' },
  { id: 'gandi', url: 'https://admin.gandi.net/domain/example.com/records' },
  { id: 'ionos', url: 'https://my.ionos.com/domain-dns-settings/example.com' },
  { id: 'porkbun', url: 'https://porkbun.com/account/domainsSpeedy' },
  { id: 'hetzner', url: 'https://dns.hetzner.com/zone/0123abcd' },
  { id: 'route53', url: 'https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/Z0123' },
] as const;

export type FixtureServers = {
  /** `http://127.0.0.1:PORT` — `/<fixture>.html` for any fixture (the generic adapter's pages). */
  httpOrigin: string;
  /** The HTTPS port the registrar host names are mapped to. */
  httpsPort: number;
  close(): Promise<void>;
};

const WIDGETS_FILE = 'fixture-widgets.js';

/** Where fixtures are looked up, in order: the registrar pages, then the Odoo screens (by plain HTTP file name). */
const FIXTURE_DIRS = [registrarFixturesDir, odooFixturesDir];

function readFixture(file: string): Buffer {
  for (const dir of FIXTURE_DIRS) {
    try {
      return readFileSync(join(dir, file));
    } catch {
      // not in this folder: the next one
    }
  }
  throw new Error(`no fixture ${file}`);
}

function sendFile(response: ServerResponse, file: string): void {
  try {
    const body = readFixture(file);
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    response.end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}

/** The fixture for a request: the widgets script wherever it is asked for, else by file name or by host. */
function resolveFixtureFile(request: IncomingMessage, byHost: boolean): string {
  const path = new URL(request.url ?? '/', 'http://fixture').pathname;
  if (path.endsWith(`/${WIDGETS_FILE}`)) return WIDGETS_FILE;
  if (!byHost) return path.replace(/^\/+/, '').replace(/[^a-z0-9.-]/gi, '');
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  const page = registrarPages.find((candidate) => new URL(candidate.url).hostname === host);
  return page ? `${page.id}.html` : 'missing.html';
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A throw-away self-signed certificate (the browser is told to accept it). */
function createSelfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'mailgate-e2e-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=mailgate-e2e',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFixtureServers(): Promise<FixtureServers> {
  const http = createHttpServer((request, response) => sendFile(response, resolveFixtureFile(request, false)));
  const https = createHttpsServer(createSelfSignedCertificate(), (request, response) =>
    sendFile(response, resolveFixtureFile(request, true)),
  );
  const [httpPort, httpsPort] = await Promise.all([listen(http), listen(https)]);
  return {
    httpOrigin: `http://127.0.0.1:${httpPort}`,
    httpsPort,
    close: async () => {
      http.closeAllConnections();
      https.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => http.close(resolve)),
        new Promise((resolve) => https.close(resolve)),
      ]);
    },
  };
}

/** Chromium's `--host-resolver-rules`: every registrar host → the HTTPS fixture server. */
export function buildHostResolverRules(httpsPort: number): string {
  return registrarPages.map((page) => `MAP ${new URL(page.url).hostname} 127.0.0.1:${httpsPort}`).join(', ');
}
