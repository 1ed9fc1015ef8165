// Bounces told in prose (no machine-readable report): who failed, read from the text, headers and quoted original.
import type { MailClassification, OriginalHeaders } from '../../shared/api/bounces.ts';
import { findHeader } from '../inbound/header-fields.ts';
import { isBounceSenderHeader, isNullSender } from '../inbound/automation.ts';
import { isBounceSubject } from './bounce-subject.ts';
import type { MessageView } from './message-view.ts';
import { findOriginalHeaders } from './original.ts';
import { buildRecipient } from './recipient.ts';
import { findMention, readProse, summarizeProse } from './report-text.ts';
import { findEnhancedStatus, findReplyCode } from './status-codes.ts';
import { findProseRecipients, readProsePermanence, type ProseRecipient } from './text-bounce.ts';

/** Whether the sender, subject or headers say a mail system sent the message as a report (else its prose is not read). */
export function hasBounceMarks(view: MessageView): boolean {
  return (
    isNullSender(view.envelope.from) ||
    isNullSender(findHeader(view.headers, 'return-path')) ||
    isBounceSenderHeader(view.from) ||
    isBounceSubject(view.subject) ||
    findHeader(view.headers, 'x-failed-recipients') !== null
  );
}

export function classifyProseBounce(
  view: MessageView,
  /** The classification of the attached original when it is itself a bounce notice (parsed one level down). */
  nested: MailClassification | null,
  isDeliveryReport = false,
): MailClassification | null {
  const nullSender = isNullSender(view.envelope.from) || isNullSender(findHeader(view.headers, 'return-path'));
  const bounceSender = isBounceSenderHeader(view.from);
  const bounceSubject = isBounceSubject(view.subject);
  const failedHeader = findHeader(view.headers, 'x-failed-recipients');
  if (!isDeliveryReport && !bounceSender && !bounceSubject && failedHeader === null && !nullSender) return null;

  const { prose, rest } = readProse(view, undefined);
  const originalHeaders = findOriginalHeaders(view.leaves, rest);
  const excluded = collectNonRecipients(view, originalHeaders);
  let mentions: ProseRecipient[] = findProseRecipients(prose, excluded);
  if (failedHeader) {
    const listed = failedHeader
      .split(/[,\s]+/)
      .map((value) => value.replace(/^<|>$/g, ''))
      .filter((value) => value.includes('@'));
    if (listed.length > 0) {
      mentions = listed.map(
        (address) =>
          findMention(mentions, address) ?? {
            address,
            diagnostic: summarizeProse(prose) ?? '',
            status: findEnhancedStatus(prose),
            replyCode: findReplyCode(prose),
          },
      );
    }
  }
  if (mentions.length === 0) mentions = findSelfAddressedFailures(prose, view);
  const hasFailureWording = FAILURE_WORDING.test(prose);
  // A null sender alone is also how auto-replies and notifications travel: demand bounce wording in that case.
  if (!isDeliveryReport && !bounceSender && !bounceSubject && failedHeader === null && !hasFailureWording) return null;
  // The quoted "original" is itself a bounce notice (a forwarded report): its To is our sender, its report the answer.
  if (mentions.length === 0 && originalHeaders && isBounceSenderHeader(originalHeaders.from)) {
    if (nested?.kind === 'bounce' && nested.recipients.length > 0) return nested;
  }
  if (
    mentions.length === 0 &&
    originalHeaders?.to &&
    !isBounceSenderHeader(originalHeaders.from) &&
    (bounceSender || bounceSubject || isDeliveryReport) &&
    hasFailureWording
  ) {
    const address =
      /<([^<>\s]+@[^<>\s]+)>/.exec(originalHeaders.to)?.[1] ?? /[^\s<>,;"]+@[^\s<>,;"]+/.exec(originalHeaders.to)?.[0];
    if (address)
      mentions = [
        {
          address,
          diagnostic: summarizeProse(prose) ?? '',
          status: findEnhancedStatus(prose),
          replyCode: findReplyCode(prose),
        },
      ];
  }
  if (mentions.length === 0 && !(bounceSender && bounceSubject) && !isDeliveryReport) return null;
  const prosePermanent = readProsePermanence(prose);
  const recipients = mentions.map((mention) => {
    const status = mention.status ?? (mentions.length === 1 ? findEnhancedStatus(prose) : null);
    const replyCode = mention.replyCode ?? (mentions.length === 1 ? findReplyCode(prose) : null);
    const segmentHasReason = mention.diagnostic.length > mention.address.length + 8;
    return buildRecipient({
      address: mention.address,
      action: null,
      fieldStatus: status,
      replyCode,
      diagnostic: segmentHasReason ? mention.diagnostic : summarizeProse(prose),
      remoteMta: null,
      reportingMta: null,
      arrivalDate: null,
      prosePermanent,
    });
  });
  return {
    kind: 'bounce',
    recipients,
    originalMessageId: originalHeaders?.messageId ?? null,
    ...(originalHeaders ? { originalHeaders } : {}),
  };
}

/** Words every bounce uses somewhere in its explanation. */
const FAILURE_WORDING =
  /could ?n[o']?t be delivered|undeliver|not (?:be )?delivered|delivery (?:to the following|has failed|failed|problem)|failed|permanent|rejected|unknown (?:user|recipient)|does not exist|no such (?:user|mailbox)|returned|unable to deliver|fatal error|mailbox (?:is )?(?:full|unavailable)|not (?:yet )?been delivered|delayed|error/i;

/** Addresses a bounce mentions that are not failed recipients: its own, the envelope's, the original sender's. */
function collectNonRecipients(view: MessageView, originalHeaders: OriginalHeaders | null): Set<string> {
  const values = [
    findHeader(view.headers, 'to'),
    findHeader(view.headers, 'from'),
    findHeader(view.headers, 'reply-to'),
    view.envelope.to,
    view.envelope.from,
    originalHeaders?.from,
  ];
  const excluded = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const match of value.matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)) excluded.add(match[0].toLowerCase());
  }
  if (originalHeaders?.messageId) excluded.add(originalHeaders.messageId.toLowerCase());
  return excluded;
}

/**
 * A message sent to oneself bounces to the failed address: the report's To is then the recipient after all, when the
 * prose lists it the way failure lists do (`<address>:` opening a line).
 */
function findSelfAddressedFailures(prose: string, view: MessageView): ProseRecipient[] {
  const reportAddresses = new Set(
    [findHeader(view.headers, 'from'), findHeader(view.headers, 'reply-to')].flatMap((value) =>
      [...(value ?? '').matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)].map((match) => match[0].toLowerCase()),
    ),
  );
  return findProseRecipients(prose, reportAddresses).filter((mention) => {
    const escaped = mention.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^[ \\t]*<?${escaped}>?:`, 'im').test(prose);
  });
}
