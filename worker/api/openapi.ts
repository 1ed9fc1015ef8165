// The OpenAPI 3.1 description of the API, generated from the same zod schemas the routes validate with; the
// operations are described per route group under openapi/.
import { z } from 'zod';
import { apiErrorSchema } from '../../shared/api/common.ts';
import { adminOperations } from './openapi/admin.ts';
import { bounceOperations } from './openapi/bounces.ts';
import { deliveryOperations } from './openapi/delivery.ts';
import { domainOperations } from './openapi/domains.ts';
import { healthOperations } from './openapi/health.ts';
import { mailOperations } from './openapi/mail.ts';
import type { Operation, Operations } from './openapi/operation.ts';
import { sendingOperations } from './openapi/sending.ts';

const operations: Operations = {
  ...healthOperations,
  ...domainOperations,
  ...sendingOperations,
  ...mailOperations,
  ...bounceOperations,
  ...deliveryOperations,
  ...adminOperations,
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

function describeOperation(path: string, operation: Operation) {
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParameters = Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(schema as z.ZodType, 'input'),
  }));
  const successContent = operation.response
    ? { 'application/json': { schema: jsonSchema(operation.response, 'output') } }
    : operation.responseType
      ? { [operation.responseType]: {} }
      : { 'application/json': {} };
  return {
    summary: operation.summary,
    ...(path.startsWith('/api/') || path === '/health/deep' ? { security: [{ bearer: [] }] } : {}),
    parameters: [...pathParameters, ...queryParameters],
    ...(operation.request
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchema(operation.request, 'input') },
              ...(operation.alternativeRequestType ? { [operation.alternativeRequestType]: {} } : {}),
            },
          },
        }
      : {}),
    ...(operation.requestType ? { requestBody: { required: true, content: { [operation.requestType]: {} } } } : {}),
    responses: {
      '200': { description: 'OK', content: successContent },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: jsonSchema(apiErrorSchema, 'output') } },
      },
    },
  };
}

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'mailgate', version: '0.1.0', description: 'Inbound email gateway for ERPs.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: Object.fromEntries(
      Object.entries(operations).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, describeOperation(path, op)])),
      ]),
    ),
  };
}

/** A human-readable page of the same document, with no script: one table of routes. */
export function renderApiDocsHtml(): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const rows = Object.entries(operations)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>mailgate API</title>
<style>body{font:15px system-ui;margin:2rem;max-width:60rem}td{padding:.3rem .8rem;border-bottom:1px solid #ddd}</style>
<h1>mailgate API</h1><p>Every <code>/api/*</code> route needs <code>Authorization: Bearer &lt;token&gt;</code>.
The machine-readable description is <a href="/openapi.json">/openapi.json</a>.</p><table>${rows}</table>`;
}
