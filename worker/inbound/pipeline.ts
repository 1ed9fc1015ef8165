// The pipeline runner: loads a stored message, runs the pure stages over it (parse, classify, route, trust) and
// hands the decision to the effects, which file it in one D1 batch with its outbox events.
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { classifyMail } from '../bounces/classify.ts';
import { loadRawMessage } from '../ingress/raw-store.ts';
import type { Database } from '../store/db.ts';
import { countRecentFromSender, type InboundRow } from '../store/inbound.ts';
import type { AuthEnvelope } from './authenticate.ts';
import { carryOut, failInbound } from './effects.ts';
import { gatherFacts } from './facts.ts';
import { fileArchivedMessage, filesQuietly } from './mailboxes/archive.ts';
import { tryParseMail } from './parse.ts';
import { route } from './route.ts';
import { readSignals } from './automation.ts';
import { DEFAULT_RATE_WINDOW_MINUTES, readSpamVerdict } from './signals.ts';
import { applyTrust } from './trust.ts';
import { describeUndecidedAuth } from './trust-policy.ts';

export type PipelineDeps = {
  db: Database;
  bucket: R2Bucket;
  now: () => Date;
  /** Keys of reply and VERP tokens: the first signs, all verify. */
  tokenSecrets: string[];
  /** Hands committed outbox events to the delivery queue; the cron sweep catches what this misses. */
  enqueueEvents?: (eventIds: string[]) => Promise<void>;
  /** SPF/DKIM/DMARC/ARC; without it nothing is authenticated (and `authenticated` aliases refuse everyone). */
  authenticate?: (raw: Uint8Array, envelope: AuthEnvelope) => Promise<AuthVerdict>;
  /** Lower-cased destination addresses verified in the Cloudflare account: the only ones forward() may reach. */
  verifiedDestinations?: ReadonlySet<string>;
  /** The services over the database that holds a recipient's domain (the storage seam); without it, all is `db`'s. */
  depsForRecipient?: (recipient: string) => Promise<PipelineDeps>;
};

/** Per Odoo's gateway: the window of the per-sender rate limit. */
const RATE_WINDOW_MS = DEFAULT_RATE_WINDOW_MINUTES * 60 * 1000;

/** How processing ended, as the ingress needs to know it. */
export type ProcessResult = {
  status: 'delivered' | 'rejected' | 'failed';
  reason: string;
  route?: string;
  threadId?: string;
  /** The 550 text when the sender must be refused at SMTP time (setReject). */
  smtpReject?: string | null;
  /** Verified addresses to pass the raw mail on to with forward(); also stored on the row until done. */
  forwardTo?: string[];
};

/** Authentication is undecided (DNS temperror) and attempts remain: the attempt fails so that it is retried. */
export class AuthUndecidedError extends Error {
  override name = 'AuthUndecidedError';
}

/**
 * The stages over one claimed message (`inbound` is its row as claimed, with this attempt counted): parse,
 * classify, authenticate, route, trust, and the one D1 batch that files it. A message that cannot be parsed ends
 * `failed`; transient trouble (D1, R2, DNS left authentication undecided) throws, for the attempt runner to count.
 */
export async function runPipeline(
  deps: PipelineDeps,
  inbound: InboundRow,
  options: { released?: boolean; attemptsSpent: number; lastAttempt: boolean },
): Promise<ProcessResult> {
  // Archive imports only join threads: no authentication, routing, record, event or forward.
  if (filesQuietly(inbound)) return fileArchivedMessage(deps, inbound);
  const raw = await loadRawMessage(deps.bucket, inbound.rawKey);
  const parsed = await tryParseMail(raw);
  if ('unreadable' in parsed) return failInbound(deps, inbound, parsed.unreadable);
  const { mail } = parsed;
  const rawBytes = new Uint8Array(raw);
  const envelope = { from: inbound.envelopeFrom, to: inbound.envelopeTo };
  const classification = await classifyMail({ mail, raw: rawBytes }, envelope);
  const verdict = await authenticateSafely(deps, rawBytes, inbound);
  const undecided = describeUndecidedAuth(verdict);
  if (undecided && !options.lastAttempt && !options.released)
    throw new AuthUndecidedError(`authentication undecided: ${undecided}`);
  const { facts, directory } = await gatherFacts(deps, inbound, mail, classification.kind, verdict);
  const routed = route(facts);
  const domainRow = facts.recipient ? directory.domainsByName.get(facts.recipient.domainName)?.row : undefined;
  const spam = readSpamVerdict(mail.headers);
  const { decision, quarantineNotice } = applyTrust(routed, {
    ownForwardOf: facts.ownForwardOf,
    signals: readSignals(mail.headers, inbound.envelopeFrom),
    verdict,
    spam,
    dmarcFailurePolicy: domainRow?.dmarcFailurePolicy ?? 'quarantine',
    spamPolicy: domainRow?.spamPolicy ?? 'quarantine',
    recentFromSender:
      routed.route === 'thread' || routed.route === 'alias'
        ? await countRecentFromSender(deps.db, {
            sender: facts.sender,
            envelopeTo: inbound.envelopeTo,
            threadId: routed.route === 'thread' ? routed.threadId : null,
            since: new Date(deps.now().getTime() - RATE_WINDOW_MS),
            excludeId: inbound.id,
          })
        : 0,
    released: options.released ?? false,
    authUndecided: undecided ? `${undecided}, still after ${options.attemptsSpent} attempts` : null,
  });
  return carryOut(deps, inbound, mail, classification, decision, facts, directory, { verdict, spam, quarantineNotice });
}

/** Authentication never decides by crashing: an unexpected error leaves the message unauthenticated, and says so. */
async function authenticateSafely(
  deps: PipelineDeps,
  raw: Uint8Array,
  inbound: InboundRow,
): Promise<AuthVerdict | null> {
  if (!deps.authenticate) return null;
  try {
    return await deps.authenticate(raw, { mailFrom: inbound.envelopeFrom, trustTopReceived: inbound.trustReceived });
  } catch (error) {
    console.error(JSON.stringify({ event: 'authenticate.error', inboundId: inbound.id, error: String(error) }));
    return null;
  }
}
