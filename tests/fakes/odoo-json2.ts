// A fake Odoo 19 JSON-2 endpoint for mail.thread/message_process: bearer key, optional database header, JSON errors.
import { type LocalServer, sendJson, startLocalServer } from './local-server.ts';

export type FakeOdooJson2Options = {
  apiKey: string;
  /** When set, X-Odoo-Database must name it (a server hosting several databases needs the header). */
  db?: string;
  /** When set, message_process answers 500 unless the message's UTF-8 bytes equal these exactly. */
  expectedRaw?: Uint8Array;
  threadId?: number;
  noRoute?: boolean;
  /** HTTP statuses answered to the next requests, one per request, before anything else. */
  failNextWith?: number[];
};

export type FakeOdooJson2 = LocalServer & {
  options: FakeOdooJson2Options;
  requests: { path: string; headers: Record<string, string | string[] | undefined>; body: unknown }[];
  /** The UTF-8 bytes of every accepted message, as Odoo would encode the str before parsing it. */
  processed: Buffer[];
};

/** Odoo 19's error body: the exception's qualified name, message, arguments, context and traceback. */
function odooError(name: string, message: string, status: number) {
  return {
    name,
    message,
    arguments: [message, status],
    context: {},
    debug: `Traceback (most recent call last):\n${name}: ${message}\n`,
  };
}

export async function startFakeOdooJson2(options: FakeOdooJson2Options): Promise<FakeOdooJson2> {
  const requests: FakeOdooJson2['requests'] = [];
  const processed: Buffer[] = [];
  const fake = { options, requests, processed } as FakeOdooJson2;
  const server = await startLocalServer((request, body, response) => {
    const forcedStatus = options.failNextWith?.shift();
    if (forcedStatus !== undefined) {
      return sendJson(
        response,
        forcedStatus,
        odooError('werkzeug.exceptions.HTTPException', `forced ${forcedStatus}`, forcedStatus),
      );
    }
    const path = request.url ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(
        response,
        400,
        odooError('werkzeug.exceptions.BadRequest', 'could not parse the body as json', 400),
      );
    }
    requests.push({ path, headers: request.headers, body: parsed });
    if (request.method !== 'POST' || path !== '/json/2/mail.thread/message_process') {
      return sendJson(response, 404, odooError('werkzeug.exceptions.NotFound', `no route ${path}`, 404));
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return sendJson(
        response,
        415,
        odooError('werkzeug.exceptions.UnsupportedMediaType', 'expected application/json', 415),
      );
    }
    const authorization = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (!authorization || authorization[1] !== options.apiKey) {
      return sendJson(response, 401, odooError('werkzeug.exceptions.Unauthorized', 'Invalid apikey', 401));
    }
    if (options.db !== undefined && request.headers['x-odoo-database'] !== options.db) {
      return sendJson(response, 404, odooError('werkzeug.exceptions.NotFound', 'database not found', 404));
    }
    const args = parsed as { model?: unknown; message?: unknown; ids?: unknown };
    // message_process(self, model, message, …): both by name, `model` may be false, no ids on an @api.model.
    if (args.ids !== undefined || !('model' in args) || typeof args.message !== 'string') {
      return sendJson(
        response,
        422,
        odooError('werkzeug.exceptions.UnprocessableEntity', "missing a required argument: 'message'", 422),
      );
    }
    const raw = Buffer.from(args.message, 'utf8');
    if (options.expectedRaw && !raw.equals(Buffer.from(options.expectedRaw))) {
      return sendJson(
        response,
        500,
        odooError('builtins.AssertionError', `fake: raw bytes differ (got ${raw.length})`, 500),
      );
    }
    if (options.noRoute) {
      const message =
        'No possible route found for incoming message from a@example.net to nobody@example.com (Message-Id <x@example.net>:). Create an appropriate mail.alias or force the destination model.';
      return sendJson(response, 500, odooError('builtins.ValueError', message, 500));
    }
    processed.push(raw);
    return sendJson(response, 200, options.threadId ?? 42);
  });
  return Object.assign(fake, server);
}
