// Contract tests: deliverToOdoo with the real fetch against fake Odoo servers that parse the real wire format.
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../tests/fakes/local-server.ts';
import { startLocalServer } from '../../tests/fakes/local-server.ts';
import { startFakeOdooJson2, type FakeOdooJson2Options } from '../../tests/fakes/odoo-json2.ts';
import { startFakeOdooXmlRpc, type FakeOdooXmlRpcOptions } from '../../tests/fakes/odoo-xmlrpc.ts';
import { prepareJson2Message } from './json2-message.ts';
import { deliverToOdoo, type OdooDeliveryDeps, type OdooTarget } from './odoo.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function deps(extra: Partial<OdooDeliveryDeps> = {}): OdooDeliveryDeps {
  return { fetch: (input, init) => fetch(input, init), now: () => Date.now(), timeoutMs: 2_000, ...extra };
}

/** A raw message with everything a text transport would damage: CRLF, a lone CR, 8-bit Latin-1, NUL, `&<>`. */
function buildAwkwardRaw(): Uint8Array {
  const head = Buffer.from(
    'From: =?iso-8859-1?q?Ren=E9?= <rene@example.fr>\r\nTo: sales@example.com\r\nSubject: Offre & <prix>\r\n' +
      'Message-Id: <awkward-1@example.fr>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n' +
      'Content-Transfer-Encoding: 8bit\r\n\r\n',
    'latin1',
  );
  const body = Buffer.concat([
    Buffer.from('Caf', 'latin1'),
    Buffer.from([0xe9, 0x20, 0xe0, 0x20, 0xff, 0x00, 0x0d, 0x41, 0x0d, 0x0a]),
    Buffer.from(']]> &amp; </string>\r\n', 'latin1'),
  ]);
  return new Uint8Array(Buffer.concat([head, body]));
}

const UTF8_RAW = new Uint8Array(
  Buffer.from(
    'From: Zoë <zoe@example.org>\r\nTo: sales@example.com\r\nSubject: Grüße\r\nMessage-Id: <utf8-1@example.org>\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour ☕ & <b>\r\nline\u0000with NUL\r\n',
    'utf8',
  ),
);

describe('deliverToOdoo over XML-RPC', () => {
  const credentials = { db: 'prod', login: 'mailgate@example.com', apiKey: 'key-1234' };
  async function fakeOdoo(options: Partial<FakeOdooXmlRpcOptions> = {}) {
    const server = await startFakeOdooXmlRpc({ ...credentials, ...options });
    servers.push(server);
    const target: OdooTarget = { protocol: 'xmlrpc', url: `${server.url}/`, ...credentials };
    return { server, target };
  }

  it('authenticates, then hands over the raw bytes byte-exact (8-bit, CRLF, CR, NUL, markup)', async () => {
    const raw = buildAwkwardRaw();
    const { server, target } = await fakeOdoo({ expectedRaw: raw, uid: 9, threadId: 314 });
    const outcome = await deliverToOdoo(target, raw, deps());
    expect(outcome).toMatchObject({ ok: true, disposition: 'delivered', status: 200, threadId: 314 });
    expect(server.processed).toHaveLength(1);
    expect(Buffer.compare(server.processed[0]!, Buffer.from(raw))).toBe(0);
    expect(server.calls.map((call) => `${call.path} ${call.methodName}`)).toEqual([
      '/xmlrpc/2/common authenticate',
      '/xmlrpc/2/object execute_kw',
    ]);
    expect(server.calls[0]!.params).toEqual([credentials.db, credentials.login, credentials.apiKey, {}]);
    const [db, uid, key, model, method, args, kwargs] = server.calls[1]!.params;
    expect([db, uid, key, model, method, kwargs]).toEqual([
      'prod',
      9,
      'key-1234',
      'mail.thread',
      'message_process',
      {},
    ]);
    expect((args as unknown[])[0]).toBe(false);
  });

  it('escapes credentials that contain XML markup and CRs so they arrive unchanged', async () => {
    const tricky = { db: 'a&b<c>', login: 'x"y\'z', apiKey: 'k&amp;\r\n<!--' };
    const server = await startFakeOdooXmlRpc({ ...tricky, expectedRaw: UTF8_RAW });
    servers.push(server);
    const outcome = await deliverToOdoo({ protocol: 'xmlrpc', url: server.url, ...tricky }, UTF8_RAW, deps());
    expect(outcome.disposition).toBe('delivered');
    expect(server.calls[0]!.params.slice(0, 3)).toEqual([tricky.db, tricky.login, tricky.apiKey]);
  });

  it('reuses a cached uid instead of authenticating again', async () => {
    const { server, target } = await fakeOdoo();
    const uidCache = new Map<string, number>();
    await deliverToOdoo(target, UTF8_RAW, deps({ uidCache }));
    await deliverToOdoo(target, UTF8_RAW, deps({ uidCache }));
    expect(server.calls.map((call) => call.methodName)).toEqual(['authenticate', 'execute_kw', 'execute_kw']);
  });

  it('reports "No possible route" as a permanent failure with Odoo\'s sentence', async () => {
    const raw = buildAwkwardRaw();
    const { target } = await fakeOdoo({ noRoute: true });
    const outcome = await deliverToOdoo(target, raw, deps());
    expect(outcome).toMatchObject({ ok: false, disposition: 'permanent-failure', failure: 'no-route', status: 200 });
    expect(outcome.error).toBe(
      'No possible route found for incoming message from =?iso-8859-1?q?Ren=E9?= <rene@example.fr> to sales@example.com (Message-Id <awkward-1@example.fr>:). Create an appropriate mail.alias or force the destination model.',
    );
    expect(outcome.responseSnippet).toContain('<fault>');
  });

  it('retries with a credentials flag when authenticate returns false', async () => {
    const { target } = await fakeOdoo();
    const outcome = await deliverToOdoo({ ...target, apiKey: 'wrong' }, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ ok: false, disposition: 'retry', failure: 'credentials' });
    expect(outcome.error).toContain('authenticate(prod, mailgate@example.com) returned false');
  });

  it('drops a cached uid that Odoo no longer accepts (AccessDenied fault), and retries', async () => {
    const { server, target } = await fakeOdoo({ uid: 7 });
    const uidCache = new Map<string, number>([[`${target.url}\u0000prod\u0000mailgate@example.com`, 99]]);
    const outcome = await deliverToOdoo(target, UTF8_RAW, deps({ uidCache }));
    expect(outcome).toMatchObject({ disposition: 'retry', failure: 'credentials' });
    expect(outcome.error).toContain('Access Denied');
    expect(uidCache.size).toBe(0);
    expect(server.calls.map((call) => call.methodName)).toEqual(['execute_kw']);
    expect((await deliverToOdoo(target, UTF8_RAW, deps({ uidCache }))).disposition).toBe('delivered');
  });

  it('retries 5xx and 429 answers, then delivers once Odoo is back', async () => {
    const { server, target } = await fakeOdoo({ failNextWith: [502, 429] });
    const first = await deliverToOdoo(target, UTF8_RAW, deps());
    expect(first).toMatchObject({ disposition: 'retry', status: 502, failure: 'http-status' });
    expect(first.responseSnippet).toContain('<h1>502</h1>');
    expect(await deliverToOdoo(target, UTF8_RAW, deps())).toMatchObject({ disposition: 'retry', status: 429 });
    expect(await deliverToOdoo(target, UTF8_RAW, deps())).toMatchObject({ disposition: 'delivered', threadId: 42 });
    expect(server.processed).toHaveLength(1);
  });

  it('retries when the connection is refused', async () => {
    const { server, target } = await fakeOdoo();
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const outcome = await deliverToOdoo(target, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ disposition: 'retry', status: null, failure: 'network' });
  });

  it('retries on timeout', { timeout: 30_000 }, async () => {
    // Long after the 100 ms timeout, so that a timer fired late on a loaded machine still comes first (the late answer
    // would be a bad response, not a timeout).
    const slow = await startLocalServer(async (_request, _body, response) => {
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      response.end('late');
    });
    servers.push(slow);
    const outcome = await deliverToOdoo(
      { protocol: 'xmlrpc', url: slow.url, ...credentials },
      UTF8_RAW,
      deps({ timeoutMs: 100 }),
    );
    expect(outcome).toMatchObject({ disposition: 'retry', status: null, failure: 'timeout' });
  });

  it('retries an answer that is not XML-RPC (a proxy page with status 200)', async () => {
    const proxy = await startLocalServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Maintenance</body></html>');
    });
    servers.push(proxy);
    const outcome = await deliverToOdoo({ protocol: 'xmlrpc', url: proxy.url, ...credentials }, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ disposition: 'retry', failure: 'bad-response', status: 200 });
  });

  it('fails permanently, without calling, when a credential holds a character XML cannot carry', async () => {
    const { server, target } = await fakeOdoo();
    const outcome = await deliverToOdoo({ ...target, apiKey: 'key\u0001' }, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ disposition: 'permanent-failure', failure: 'configuration', status: null });
    expect(server.calls).toHaveLength(0);
  });

  it('fails permanently without a database or login (configuration)', async () => {
    const outcome = await deliverToOdoo(
      { protocol: 'xmlrpc', url: 'http://127.0.0.1:9', apiKey: 'k' },
      UTF8_RAW,
      deps(),
    );
    expect(outcome).toMatchObject({ disposition: 'permanent-failure', failure: 'configuration', status: null });
  });
});

describe('deliverToOdoo over JSON-2', () => {
  async function fakeOdoo(options: Partial<FakeOdooJson2Options> = {}) {
    const server = await startFakeOdooJson2({ apiKey: 'odoo-api-key', db: 'prod', ...options });
    servers.push(server);
    const target: OdooTarget = { protocol: 'json2', url: server.url, db: 'prod', apiKey: 'odoo-api-key' };
    return { server, target };
  }

  it('posts {model: false, message} with the bearer key and database header, byte-exact for UTF-8', async () => {
    const { server, target } = await fakeOdoo({ expectedRaw: UTF8_RAW, threadId: 77 });
    const outcome = await deliverToOdoo(target, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ ok: true, disposition: 'delivered', status: 200, threadId: 77 });
    expect(outcome.note).toBeUndefined();
    expect(Buffer.compare(server.processed[0]!, Buffer.from(UTF8_RAW))).toBe(0);
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe('bearer odoo-api-key');
    expect(request!.headers['x-odoo-database']).toBe('prod');
    expect(Object.keys(request!.body as object).sort()).toEqual(['message', 'model']);
    expect((request!.body as { model: unknown }).model).toBe(false);
  });

  it('omits X-Odoo-Database when no database is given', async () => {
    const { server, target } = await fakeOdoo({ db: undefined });
    const { db: _db, ...withoutDb } = target;
    expect((await deliverToOdoo(withoutDb, UTF8_RAW, deps())).disposition).toBe('delivered');
    expect(server.requests[0]!.headers['x-odoo-database']).toBeUndefined();
  });

  it("is refused with a wrong key: retried, flagged as credentials, with Odoo's message", async () => {
    const { server, target } = await fakeOdoo();
    const outcome = await deliverToOdoo({ ...target, apiKey: 'stale' }, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ ok: false, disposition: 'retry', status: 401, failure: 'credentials' });
    expect(outcome.error).toContain('Invalid apikey');
    expect(server.processed).toHaveLength(0);
  });

  it('reports "No possible route" (a 500 ValueError) as a permanent failure', async () => {
    const { target } = await fakeOdoo({ noRoute: true });
    const outcome = await deliverToOdoo(target, UTF8_RAW, deps());
    expect(outcome).toMatchObject({ disposition: 'permanent-failure', status: 500, failure: 'no-route' });
    expect(outcome.error).toMatch(/^No possible route found for incoming message from a@example\.net/);
  });

  it('retries other 5xx and 429', async () => {
    const { target } = await fakeOdoo({ failNextWith: [503, 429] });
    expect(await deliverToOdoo(target, UTF8_RAW, deps())).toMatchObject({ disposition: 'retry', status: 503 });
    expect(await deliverToOdoo(target, UTF8_RAW, deps())).toMatchObject({ disposition: 'retry', status: 429 });
    expect(await deliverToOdoo(target, UTF8_RAW, deps())).toMatchObject({ disposition: 'delivered' });
  });

  it("makes non-UTF-8 mail 7-bit without changing its bytes' meaning, names the stored original, and says so", async () => {
    const { server, target } = await fakeOdoo();
    const originalUrl = 'https://mailgate.example.com/files/inb_01?exp=1&sig=abc';
    const outcome = await deliverToOdoo(target, buildAwkwardRaw(), deps(), { originalUrl });
    expect(outcome.disposition).toBe('delivered');
    expect(outcome.note).toMatch(/not UTF-8: for JSON-2, 1 part\(s\) were re-encoded .*X-Mailgate-Original-Message/);
    const processed = server.processed[0]!;
    expect(
      processed
        .toString('latin1')
        .startsWith(`X-Mailgate-Original-Message: <${originalUrl}>\r\nFrom: =?iso-8859-1?q?Ren=E9?=`),
    ).toBe(true);
    // Quoted-printable of the latin1 body: every byte back, the NUL and the bare CR included.
    const body = processed.toString('latin1').split('\r\n\r\n')[1]!;
    expect(body.startsWith('Caf=E9 =E0 =FF=00=0DA\r\n')).toBe(true);
    expect([...processed].every((byte) => byte < 0x80)).toBe(true);
  });
});

describe('prepareJson2Message', () => {
  it('keeps valid UTF-8 (NUL, CRLF, a leading BOM) exactly and re-encodes only other mail', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x00, 0x0d, 0x0a]);
    const encoded = prepareJson2Message(withBom);
    expect(encoded.reencodedParts + encoded.repairedBytes).toBe(0);
    expect(Buffer.from(encoded.message, 'utf8')).toEqual(Buffer.from(withBom));
    expect(prepareJson2Message(buildAwkwardRaw()).reencodedParts).toBe(1);
  });
});
