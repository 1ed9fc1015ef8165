// Who a delivered mail must also be passed on to with the Email Worker's forward(), and with which verdict headers.
// Cloudflare only forwards to destination addresses verified in the account (Email Routing → Destination addresses);
// MAILGATE_VERIFIED_DESTINATIONS mirrors that list so that mailgate never plans a forward() that would throw forever.
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { splitAddress } from '../../shared/mail/address.ts';
import { readListVar } from '../config-list.ts';
import type { ForwardVerdict } from '../deliver/forward-headers.ts';

/** MAILGATE_VERIFIED_DESTINATIONS → a lower-cased set. */
export function readVerifiedDestinations(value: string | undefined): ReadonlySet<string> {
  return new Set(readListVar(value));
}

export type FollowerForwardInput = {
  followers: readonly string[];
  /** The reply's author: never sent their own mail back. */
  sender: string;
  /** The installation's alias domains: a follower address on one of them would loop back into mailgate. */
  ownDomainNames: ReadonlySet<string>;
  verified: ReadonlySet<string>;
};

/**
 * The followers who get a copy of a reply in their own mailbox (with `forwardRepliesToFollowers`): verified, not the
 * author, not an address of mailgate's own domains. Sorted, so the plan is the same on every run of the same message.
 */
export function planFollowerForwards(input: FollowerForwardInput): string[] {
  const sender = input.sender.toLowerCase();
  const targets = new Set<string>();
  for (const follower of input.followers) {
    const address = follower.toLowerCase();
    const domain = splitAddress(address)?.domain;
    if (address === sender || !domain || input.ownDomainNames.has(domain)) continue;
    if (input.verified.has(address)) targets.add(address);
  }
  return [...targets].sort();
}

/** A forward still owed for this row: after processing, or when a sender retries a mail whose forward() failed. */
export type ForwardPlan = { to: string[]; verdict: ForwardVerdict };

/** The inbound row's columns a plan is made of (structural, so this module stays free of the D1 types). */
type ForwardableRow = {
  id: string;
  status: string;
  kind: string | null;
  reason: string | null;
  auth: unknown;
  spam: unknown;
  forwardTo: string[];
  forwardedAt: Date | null;
};

export function pendingForward(row: ForwardableRow): ForwardPlan | null {
  if (row.status !== 'delivered' || row.forwardTo.length === 0 || row.forwardedAt) return null;
  return { to: row.forwardTo, verdict: toForwardVerdict(row) };
}

function toForwardVerdict(row: ForwardableRow): ForwardVerdict {
  const auth = row.auth as AuthVerdict | null;
  const spam = row.spam as { flagged?: boolean; score?: number | null; source?: string | null } | null;
  return {
    inboundId: row.id,
    ...(row.kind ? { kind: row.kind } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(auth
      ? {
          auth: {
            spf: auth.spf.result,
            // The best DKIM result: one valid aligned signature is what DMARC needs (RFC 7489 3.1.1).
            dkim: auth.dkim.find((signature) => signature.result === 'pass')?.result ?? auth.dkim[0]?.result ?? 'none',
            dmarc: auth.dmarc.result,
            arc: auth.arc.result,
          },
        }
      : {}),
    ...(spam
      ? {
          spam: {
            isSpam: spam.flagged === true,
            ...(typeof spam.score === 'number' ? { score: spam.score } : {}),
            ...(spam.source ? { reason: spam.source } : {}),
          },
        }
      : {}),
  };
}
