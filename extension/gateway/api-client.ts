// The typed client of the gateway's REST API (the console's, and the background's for the Odoo overlay): bearer token
// on every call, every answer parsed with the shared zod schemas (a gateway of another version fails loudly, not
// with undefined fields), every error readable.
import { z } from 'zod';
import { aliasSchema, type createAliasSchema, type updateAliasSchema } from '../../shared/api/aliases.ts';
import {
  addSuppressionsResultSchema,
  bounceRecordSchema,
  suppressionSchema,
  type addSuppressionSchema,
} from '../../shared/api/bounces.ts';
import { apiErrorSchema, pageOf } from '../../shared/api/common.ts';
import {
  deliveryJsonSchema,
  webhookJsonSchema,
  webhookSecretJsonSchema,
  type createWebhookSchema,
  type deliveryStatusSchema,
} from '../../shared/api/deliveries.ts';
import { domainReportSchema } from '../../shared/api/dns.ts';
import { domainSchema } from '../../shared/api/domains.ts';
import { inboundItemSchema, inboundPageSchema, type inboundStatusSchema } from '../../shared/api/inbound.ts';
import { smtpTestResultSchema, type SmtpTestRequest } from '../../shared/api/smtp-test.ts';
import { statsSchema } from '../../shared/api/stats.ts';
import { threadDetailSchema, threadPageSchema } from '../../shared/api/threads.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { deepHealthSchema } from '../../shared/api/health.ts';

/** A failed call, with a message an admin can act on; `status` is 0 when the gateway could not be reached at all. */
export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'GatewayError';
    this.status = status;
    this.code = code;
  }
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type ApiClientOptions = {
  /** The gateway's origin (`https://mail.example.com`), as stored by connection.ts. */
  origin: string;
  token: string;
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: FetchFunction;
};

type QueryValue = string | number | boolean | undefined | null;
type RequestOptions<Schema extends z.ZodType | null> = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: Schema;
};

const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const retryAnswerSchema = z.object({ id: z.string(), status: z.string() });

export type CreateAliasInput = z.input<typeof createAliasSchema>;
export type UpdateAliasInput = z.input<typeof updateAliasSchema>;
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;
export type AddSuppressionInput = z.input<typeof addSuppressionSchema>;
export type InboundStatus = z.infer<typeof inboundStatusSchema>;
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's `{"error": {"code", "message"}}`, else the start of whatever the server said instead. */
async function readFailure(response: Response, what: string): Promise<GatewayError> {
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: a proxy's or server's error page
  }
  const apiError = apiErrorSchema.safeParse(json);
  if (apiError.success) {
    const { code, message } = apiError.data.error;
    return new GatewayError(response.status, code, `${message} (${what}: ${response.status} ${code})`);
  }
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  return new GatewayError(
    response.status,
    'http_error',
    `the gateway answered ${what} with HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
  );
}

export function createApiClient(options: ApiClientOptions) {
  const origin = new URL(options.origin).origin;
  const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const authorization = `Bearer ${options.token}`;

  async function send(
    method: string,
    path: string,
    query?: Record<string, QueryValue>,
    body?: unknown,
  ): Promise<Response> {
    const what = `${method} ${path}`;
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchFunction(`${origin}${path}${buildQuery(query)}`, {
        method,
        headers,
        cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const reason = errorMessage(error);
      throw new GatewayError(0, 'unreachable', `could not reach the gateway at ${origin} (${what}): ${reason}`);
    }
    if (!response.ok) throw await readFailure(response, what);
    return response;
  }

  async function request<Schema extends z.ZodType>(
    method: string,
    path: string,
    options: RequestOptions<Schema>,
  ): Promise<z.output<Schema>>;
  async function request(method: string, path: string, options: RequestOptions<null>): Promise<void>;
  async function request(method: string, path: string, options: RequestOptions<z.ZodType | null>): Promise<unknown> {
    const response = await send(method, path, options.query, options.body);
    if (options.schema === null) return undefined;
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new GatewayError(
        response.status,
        'unexpected_answer',
        `the gateway's answer to ${method} ${path} is not what mailgate expects (another version?): ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  const segment = encodeURIComponent;

  return {
    origin,

    listDomains: async () => (await request('GET', '/api/domains', { schema: itemsOf(domainSchema) })).items,
    getDomainReport: (name: string) =>
      request('GET', `/api/domains/${segment(name)}/dns`, { schema: domainReportSchema }),

    listAliases: async () => (await request('GET', '/api/aliases', { schema: itemsOf(aliasSchema) })).items,
    createAlias: (input: CreateAliasInput) => request('POST', '/api/aliases', { body: input, schema: aliasSchema }),
    updateAlias: (id: string, changes: UpdateAliasInput) =>
      request('PATCH', `/api/aliases/${segment(id)}`, { body: changes, schema: aliasSchema }),
    deleteAlias: (id: string) => request('DELETE', `/api/aliases/${segment(id)}`, { schema: null }),

    listThreads: (query: { q?: string; before?: string; limit?: number } = {}) =>
      request('GET', '/api/threads', { query, schema: threadPageSchema }),
    getThread: (id: string) => request('GET', `/api/threads/${segment(id)}`, { schema: threadDetailSchema }),
    /** An attachment's bytes (the API's `url` is a path on the gateway that needs the token: no plain link works). */
    downloadAttachment: async (path: string): Promise<Blob> => {
      if (!path.startsWith('/api/attachments/'))
        throw new GatewayError(0, 'invalid_input', `not an attachment path: ${path}`);
      return (await send('GET', path)).blob();
    },

    listInbound: (query: { status?: InboundStatus; route?: string; before?: string; limit?: number } = {}) =>
      request('GET', '/api/inbound', { query, schema: inboundPageSchema }),
    replayInbound: (id: string) => request('POST', `/api/inbound/${segment(id)}/replay`, { schema: inboundItemSchema }),
    releaseInbound: (id: string) =>
      request('POST', `/api/inbound/${segment(id)}/release`, { schema: inboundItemSchema }),

    listSuppressions: (query: { before?: string; limit?: number } = {}) =>
      request('GET', '/api/suppressions', { query, schema: pageOf(suppressionSchema) }),
    /** A complaint is lifted only with `force` (the API answers 409 otherwise). */
    liftSuppression: (address: string, options: { force?: boolean } = {}) =>
      request('DELETE', `/api/suppressions/${segment(address)}`, {
        query: options.force ? { force: 'true' } : {},
        schema: suppressionSchema,
      }),
    /** Idempotent: an address already suppressed comes back as `alreadyThere` and keeps its entry. */
    addSuppression: (input: AddSuppressionInput) =>
      request('POST', '/api/suppressions', { body: input, schema: addSuppressionsResultSchema }),
    listBounces: (query: { address?: string; before?: string; limit?: number } = {}) =>
      request('GET', '/api/bounces', { query, schema: pageOf(bounceRecordSchema) }),

    listWebhooks: async () => (await request('GET', '/api/webhooks', { schema: itemsOf(webhookJsonSchema) })).items,
    /** The answer holds the signing secret: shown once, never again. */
    createWebhook: (input: CreateWebhookInput) =>
      request('POST', '/api/webhooks', { body: input, schema: webhookSecretJsonSchema }),
    enableWebhook: (id: string) =>
      request('POST', `/api/webhooks/${segment(id)}/enable`, { schema: webhookJsonSchema }),
    listDeliveries: async (query: { status?: DeliveryStatus; limit?: number } = {}) =>
      (await request('GET', '/api/deliveries', { query, schema: itemsOf(deliveryJsonSchema) })).items,
    retryDelivery: (id: string) =>
      request('POST', `/api/deliveries/${segment(id)}/retry`, { schema: retryAnswerSchema }),

    getStats: (query: { domain?: string; days?: number } = {}) =>
      request('GET', '/api/stats', { query, schema: statsSchema }),
    testSmtpServer: (input: SmtpTestRequest) =>
      request('POST', '/api/smtp-test', { body: input, schema: smtpTestResultSchema }),

    /** Admin tokens only; a 503 (a component down) still carries the report. */
    getDeepHealth: async () => {
      const response = await fetchFunction(`${origin}/health/deep`, {
        headers: { authorization, accept: 'application/json' },
        cache: 'no-store',
      });
      if (response.status !== 200 && response.status !== 503) throw await readFailure(response, 'GET /health/deep');
      return deepHealthSchema.parse(await response.json());
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
