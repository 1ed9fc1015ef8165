// A stand-in for a mailgate gateway on 127.0.0.1, answering the routes the Odoo overlay calls (`GET /api/domains`,
// `GET /api/domains/:name/dns`, `POST /api/smtp-test`) with the worker's wire shapes, checked against shared/api's
// schemas before they are sent, and only to the right bearer token. Every request is recorded, and every SMTP test
// asked for (its body).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainReportSchema, type DomainReport } from '../../../shared/api/dns.ts';
import { domainSchema, type DomainJson } from '../../../shared/api/domains.ts';
import {
  smtpTestRequestSchema,
  smtpTestResultSchema,
  type SmtpTestRequest,
  type SmtpTestResult,
} from '../../../shared/api/smtp-test.ts';

export type GatewayStub = {
  origin: string;
  token: string;
  /** `METHOD path authorization` of every request, in order. */
  requests: string[];
  /** The bodies of `POST /api/smtp-test`, parsed with the route's own schema. */
  smtpTests: SmtpTestRequest[];
  close(): Promise<void>;
};

export async function startGatewayStub(
  domains: DomainJson[],
  reports: Record<string, DomainReport>,
  smtpTestResult?: SmtpTestResult,
): Promise<GatewayStub> {
  const token = 'mg_e2e_gateway_token_0123456789';
  const requests: string[] = [];
  const smtpTests: SmtpTestRequest[] = [];
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    const authorization = request.headers.authorization ?? '';
    requests.push(`${request.method} ${path} ${authorization}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (authorization !== `Bearer ${token}`)
      return send(401, { error: { code: 'unauthorized', message: 'a bearer token is required' } });
    if (request.method === 'GET' && path === '/api/domains')
      return send(200, { items: domains.map((domain) => domainSchema.parse(domain)) });
    if (request.method === 'POST' && path === '/api/smtp-test' && smtpTestResult) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      smtpTests.push(smtpTestRequestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      return send(200, smtpTestResultSchema.parse(smtpTestResult));
    }
    const dns = /^\/api\/domains\/([^/]+)\/dns$/.exec(path);
    const report = dns ? reports[decodeURIComponent(dns[1]!)] : undefined;
    if (request.method === 'GET' && report) return send(200, domainReportSchema.parse(report));
    return send(404, { error: { code: 'not_found', message: `${request.method} ${path}` } });
  };
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`gateway stub error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    requests,
    smtpTests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
