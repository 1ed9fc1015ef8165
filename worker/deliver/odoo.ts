// The Odoo adapter: hands the raw bytes to `mail.thread.message_process`, as odoo-mailgate.py does, over HTTP.
//
// XML-RPC (every Odoo version): `authenticate(db, login, key, {})` on /xmlrpc/2/common gives the uid, then
// `execute_kw(db, uid, key, 'mail.thread', 'message_process', [false, <base64 raw>], {})` on /xmlrpc/2/object:
// the same call odoo-mailgate.py makes with `xmlrpc.client.Binary(msg)`, byte-exact.
// JSON-2 (Odoo 19+): `POST /json/2/mail.thread/message_process` with `Authorization: bearer <api key>` and the
// method's arguments by name, `{"model": false, "message": "<raw>"}`. Odoo encodes a str message as UTF-8 before
// parsing it: UTF-8 mail goes byte-exact, other mail is made 7-bit first (json2-message.ts), its meaning unchanged,
// with a header naming the stored original.
//
// Retry policy: timeouts, connection errors, 5xx, 429 and every other unexpected answer are retried with the
// webhook backoff. Rejected credentials (HTTP 401/403, Odoo's AccessDenied, authenticate → false) are also
// retried, because an admin can fix the key while the mail waits, and are flagged `failure: 'credentials'`.
// Odoo's "No possible route found for incoming message…" (its ValueError when no alias or thread matches) is a
import type { Attempt, OdooAttemptOutcome, OdooDeliveryDeps, OdooHandOff, OdooTarget } from './odoo-common.ts';
import { deliverOverJson2 } from './odoo-over-json2.ts';
import { deliverOverXmlRpc } from './odoo-over-xmlrpc.ts';

export type { OdooDeliveryDeps, OdooTarget } from './odoo-common.ts';

/** Hands one raw message to one Odoo target. Never throws for a delivery problem. */
export async function deliverToOdoo(
  target: OdooTarget,
  raw: Uint8Array,
  deps: OdooDeliveryDeps,
  handOff: OdooHandOff = {},
): Promise<OdooAttemptOutcome> {
  const startedAt = deps.now();
  const attempt: Attempt = { deps, elapsed: () => Math.max(0, deps.now() - startedAt) };
  return target.protocol === 'json2'
    ? deliverOverJson2(target, raw, attempt, handOff)
    : deliverOverXmlRpc(target, raw, attempt);
}
