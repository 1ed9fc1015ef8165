// Google Groups' refusal notice: a group that does not take the sender's post, explained in the reader's language only.
import type { MailClassification } from '../../shared/api/bounces.ts';

const GROUP_DOMAIN = /@googlegroups\.com$/i;

/**
 * Google Groups answers a post it will not distribute (the sender is no member, posting is closed, or the group is
 * gone) with localized prose and no code: the refusal concerns the sender, which is Sisimai's `rejected`.
 */
export function refineGoogleGroupsNotice(result: MailClassification): MailClassification {
  if (result.kind !== 'bounce') return result;
  const recipients = result.recipients.map((recipient) =>
    GROUP_DOMAIN.test(recipient.address) && recipient.status === null
      ? { ...recipient, reason: 'rejected' as const }
      : recipient,
  );
  return { ...result, recipients };
}
