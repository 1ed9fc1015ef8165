// A fake Odoo speaking XML-RPC on /xmlrpc/2/common and /xmlrpc/2/object, faithful to what odoo-mailgate.py meets.
import { type LocalServer, startLocalServer } from './local-server.ts';
import { readMethodCall, type RpcValue, writeFault, writeMethodResponse } from './xml-rpc-reader.ts';

export type FakeOdooXmlRpcOptions = {
  db: string;
  login: string;
  apiKey: string;
  uid?: number;
  /** When set, message_process answers a fault unless the decoded base64 equals these bytes exactly. */
  expectedRaw?: Uint8Array;
  /** What message_process returns (Odoo: the record id). */
  threadId?: number;
  /** Answer message_process with Odoo's "No possible route" ValueError, as a traceback fault. */
  noRoute?: boolean;
  /** HTTP statuses answered (with an HTML error page) to the next requests, one per request, before anything else. */
  failNextWith?: number[];
};

export type RecordedXmlRpcCall = { path: string; methodName: string; params: RpcValue[] };

export type FakeOdooXmlRpc = LocalServer & {
  options: FakeOdooXmlRpcOptions;
  calls: RecordedXmlRpcCall[];
  /** The decoded bytes of every message_process call that was accepted. */
  processed: Buffer[];
};

/** Odoo's RPC_FAULT_CODE_APPLICATION_ERROR and RPC_FAULT_CODE_ACCESS_DENIED (odoo/http.py). */
const FAULT_APPLICATION_ERROR = 1;
const FAULT_ACCESS_DENIED = 3;

export async function startFakeOdooXmlRpc(options: FakeOdooXmlRpcOptions): Promise<FakeOdooXmlRpc> {
  const calls: RecordedXmlRpcCall[] = [];
  const processed: Buffer[] = [];
  const fake = { options, calls, processed } as FakeOdooXmlRpc;
  const server = await startLocalServer((request, body, response) => {
    const answer = (status: number, xml: string, contentType = 'text/xml; charset=utf-8') => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(xml);
    };
    const forcedStatus = options.failNextWith?.shift();
    if (forcedStatus !== undefined) {
      return answer(forcedStatus, `<html><body><h1>${forcedStatus}</h1></body></html>`, 'text/html');
    }
    if (request.method !== 'POST') return answer(405, 'POST only', 'text/plain');
    const path = request.url ?? '';
    if (path !== '/xmlrpc/2/common' && path !== '/xmlrpc/2/object') return answer(404, 'not found', 'text/plain');
    let call: { methodName: string; params: RpcValue[] };
    try {
      call = readMethodCall(body.toString('utf8'));
    } catch (error) {
      return answer(
        200,
        writeFault(FAULT_APPLICATION_ERROR, `fake: unreadable XML-RPC call: ${(error as Error).message}`),
      );
    }
    calls.push({ path, ...call });
    const uid = options.uid ?? 7;
    if (path === '/xmlrpc/2/common') {
      if (call.methodName !== 'authenticate')
        return answer(200, writeFault(FAULT_APPLICATION_ERROR, 'fake: unknown method'));
      const [db, login, key, userAgentEnv] = call.params;
      const valid = db === options.db && login === options.login && key === options.apiKey && isStruct(userAgentEnv);
      // Odoo answers False, not a fault, to wrong credentials.
      return answer(200, writeMethodResponse(valid ? uid : false));
    }
    if (call.methodName !== 'execute_kw')
      return answer(200, writeFault(FAULT_APPLICATION_ERROR, 'fake: unknown method'));
    const [db, callerUid, key, model, method, args, kwargs] = call.params;
    if (db !== options.db || callerUid !== uid || key !== options.apiKey) {
      return answer(200, writeFault(FAULT_ACCESS_DENIED, 'Access Denied'));
    }
    if (model !== 'mail.thread' || method !== 'message_process' || !isStruct(kwargs)) {
      return answer(
        200,
        writeFault(FAULT_APPLICATION_ERROR, `fake: unexpected call ${String(model)}.${String(method)}`),
      );
    }
    if (!Array.isArray(args) || args.length !== 2 || args[0] !== false || !Buffer.isBuffer(args[1])) {
      return answer(200, writeFault(FAULT_APPLICATION_ERROR, 'fake: message_process args must be [False, Binary]'));
    }
    const raw = args[1];
    if (options.expectedRaw && !raw.equals(Buffer.from(options.expectedRaw))) {
      return answer(
        200,
        writeFault(
          FAULT_APPLICATION_ERROR,
          `fake: raw bytes differ (got ${raw.length} bytes, expected ${options.expectedRaw.length})`,
        ),
      );
    }
    if (options.noRoute) return answer(200, writeFault(FAULT_APPLICATION_ERROR, noRouteTraceback(raw)));
    processed.push(raw);
    return answer(200, writeMethodResponse(options.threadId ?? 42));
  });
  return Object.assign(fake, server);
}

function isStruct(value: RpcValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** What /xmlrpc/2 puts in faultString for an unexpected exception: the formatted traceback. */
export function noRouteTraceback(raw: Buffer): string {
  const head = raw.toString('latin1');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  return [
    'Traceback (most recent call last):',
    '  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 165, in xmlrpc_2',
    '    response = self._xmlrpc(service)',
    '  File "/opt/odoo/addons/mail/models/mail_thread.py", line 1327, in message_route',
    '    raise ValueError(',
    `ValueError: No possible route found for incoming message from ${header('From')} to ${header('To')} (Message-Id ${header('Message-Id')}:). Create an appropriate mail.alias or force the destination model.`,
    '',
  ].join('\n');
}
