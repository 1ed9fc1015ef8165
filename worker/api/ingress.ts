// `POST /api/ingress/raw`: the relay ingress behind `mailgate relay` (an MTA's pipe) and `mailgate import-mbox`.
import { Hono } from 'hono';
import { z } from 'zod';
import { splitAddress } from '../../shared/mail/address.ts';
import { ingressEnvelopeSchema, type IngressEnvelope, type IngressResult } from '../../shared/api/ingress.ts';
import { relayMessage, type RelayedRecipient } from '../ingress/relay.ts';
import { BodyTooLargeError, EmptyBodyError, sizeRelayBody } from '../ingress/relay-body.ts';
import { findDomainById, findDomainByName } from '../store/domains.ts';
import { requireBearerToken } from './auth.ts';
import type { AppEnv, Principal } from './context.ts';
import { ApiError } from './errors.ts';
import { limitRequestRate } from './rate-limit.ts';

/** The envelope from the query, else from `X-Mailgate-Sender` / `X-Mailgate-Recipient` (comma-separated or repeated). */
function readEnvelope(query: Record<string, string[]>, header: (name: string) => string | undefined): IngressEnvelope {
  const headerList = (name: string) =>
    (header(name) ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
  const input = {
    sender: query.sender?.[0] ?? header('x-mailgate-sender') ?? '',
    recipient: query.recipient?.length ? query.recipient : headerList('x-mailgate-recipient'),
    import: query.import?.[0],
    deliver: query.deliver?.[0],
    domain: query.domain?.[0],
    restoreThread: query.restoreThread?.[0],
  };
  const result = ingressEnvelopeSchema.safeParse(input);
  if (!result.success) throw new ApiError(400, 'invalid_input', z.prettifyError(result.error));
  return result.data;
}

/**
 * Live mail needs an `ingress` token (or an admin one); an import files old mail into threads without the checks
 * live mail gets, so it needs the power to change the domain (`write`, or admin).
 */
function assertMayInject(principal: Principal, envelope: IngressEnvelope): void {
  if (envelope.deliver && !envelope.import) {
    throw new ApiError(400, 'invalid_input', 'deliver: only with import=1 (live mail is always delivered)');
  }
  if (envelope.restoreThread && (!envelope.import || envelope.deliver)) {
    throw new ApiError(400, 'invalid_input', 'restoreThread: only with import=1 and without deliver');
  }
  // A restore names thread ids: an installation-wide admin's power.
  const allowed = envelope.restoreThread ? ['admin'] : envelope.import ? ['write', 'admin'] : ['ingress', 'admin'];
  if (!allowed.includes(principal.scope)) {
    const what = envelope.import ? 'importing old mail' : 'relaying live mail';
    throw new ApiError(403, 'forbidden', `${what} needs a token of scope ${allowed.map((s) => `"${s}"`).join(' or ')}`);
  }
}

/** The recipients, each checked against the token's domain; an import without one goes to its domain's catchall. */
async function resolveRecipients(c: { var: AppEnv['Variables'] }, envelope: IngressEnvelope): Promise<string[]> {
  const { db } = c.var.services;
  const principal = c.var.principal;
  const scopedDomain = principal.domainId ? await findDomainById(db, principal.domainId) : undefined;
  let recipients = envelope.recipient;
  if (recipients.length === 0) {
    const domainName = envelope.import ? (envelope.domain ?? scopedDomain?.name) : undefined;
    if (!domainName) throw new ApiError(400, 'invalid_input', 'recipient: at least one envelope recipient is needed');
    const domain = await findDomainByName(db, domainName);
    if (!domain) throw new ApiError(404, 'not_found', `the domain ${domainName} was not found`);
    recipients = [`${domain.catchall}@${domain.name}`];
  }
  if (scopedDomain) {
    const outside = recipients.find((recipient) => splitAddress(recipient)?.domain !== scopedDomain.name);
    if (outside)
      throw new ApiError(403, 'forbidden', `this token delivers only to ${scopedDomain.name}, not to ${outside}`);
  }
  return recipients;
}

function toRecipientResult({ recipient, outcome }: RelayedRecipient) {
  return {
    recipient,
    inboundId: outcome.inboundId,
    status: outcome.status,
    route: outcome.route ?? null,
    duplicate: outcome.duplicate,
    smtpReject: outcome.smtpReject ?? null,
  };
}

export const ingressRoutes = new Hono<AppEnv>().post('/raw', requireBearerToken, limitRequestRate, async (c) => {
  const envelope = readEnvelope(c.req.queries(), (name) => c.req.header(name));
  const principal = c.var.principal;
  assertMayInject(principal, envelope);
  const recipients = await resolveRecipients(c, envelope);
  let body;
  try {
    body = await sizeRelayBody(c.req.raw.body, c.req.header('content-length'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(413, 'too_large', `5.3.4 ${error.message}`);
    if (error instanceof EmptyBodyError) throw new ApiError(400, 'invalid_input', error.message);
    throw error;
  }
  const relayed = await relayMessage(c.var.services, {
    envelopeFrom: envelope.sender,
    recipients,
    ...body,
    origin: {
      source: envelope.import ? 'import' : 'relay',
      trustReceived: !envelope.import && principal.scope === 'ingress' && principal.trustedRelay === true,
      importMode: envelope.restoreThread
        ? 'restore'
        : envelope.import
          ? envelope.deliver
            ? 'deliver'
            : 'archive'
          : null,
      threadId: envelope.restoreThread && envelope.restoreThread !== 'none' ? envelope.restoreThread : null,
    },
  });
  const results = relayed.map(toRecipientResult);
  const answer: IngressResult = {
    accepted: results.filter((result) => !result.smtpReject),
    refused: results.filter((result) => result.smtpReject),
  };
  console.log(JSON.stringify({ event: 'relay.accepted', sender: envelope.sender, ...answer }));
  if (answer.accepted.length === 0) {
    // The same refusal email() gives with setReject: the MTA turns it into its own bounce (DSN) to the sender.
    const message = answer.refused.map((result) => result.smtpReject).join('; ');
    return c.json({ error: { code: 'refused', message }, ...answer }, 422);
  }
  return c.json(answer, 202);
});
