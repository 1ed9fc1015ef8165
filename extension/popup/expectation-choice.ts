// What the admin expects of a domain (who receives its mail, who sends as it), remembered per domain
// (popup-storage.ts), and turned into checkDomain's expectations.
import { z } from 'zod';
import type { DomainExpectationsInput } from '../../shared/api/dns.ts';
import { SENDER_SERVICES, type SenderService } from '../../shared/dns/senders.ts';
import { expectationChoiceItem, lastGatewayDomainItem } from './popup-storage.ts';

export const NO_RECEIVER = 'none';

export const expectationChoiceSchema = z.object({
  /** A service id of shared/dns/senders.ts that receives the mail (its MX), or `none` (a domain that receives none). */
  receiver: z.string(),
  /** Service ids that send mail as the domain (their SPF include and DKIM selectors become expected). */
  senders: z.array(z.string()),
});
export type ExpectationChoice = z.infer<typeof expectationChoiceSchema>;

/** mailgate receives through Cloudflare Email Routing: that is the receiver until the admin says otherwise. */
export const DEFAULT_CHOICE: ExpectationChoice = { receiver: 'cloudflare', senders: [] };

/** Services that can receive a domain's mail: those whose MX the table knows (an own server needs its host name). */
export const RECEIVER_SERVICES: readonly SenderService[] = SENDER_SERVICES.filter(
  (service) => service.mx !== null && (service.mx.hosts.length > 0 || (service.mx.hostSuffixes?.length ?? 0) > 0),
);

/** Services that can send as the domain: every entry of the table (each has an SPF term or a DKIM form). */
export const SENDING_SERVICES: readonly SenderService[] = SENDER_SERVICES.filter(
  (service) => service.spfTerm !== null || service.dkim !== null,
);

const knownIds = new Set(SENDER_SERVICES.map((service) => service.id));

/** A stored choice, with ids the table no longer knows dropped (an older version may have stored them). */
function sanitize(choice: ExpectationChoice): ExpectationChoice {
  return {
    receiver:
      choice.receiver === NO_RECEIVER || knownIds.has(choice.receiver) ? choice.receiver : DEFAULT_CHOICE.receiver,
    senders: [...new Set(choice.senders.filter((id) => knownIds.has(id)))],
  };
}

/** The choice stored for the domain, or null when the admin never made one (the popup then uses DEFAULT_CHOICE). */
export async function loadChoice(domain: string): Promise<ExpectationChoice | null> {
  // Storage holds whatever an earlier version (or another tool) wrote: checked, not trusted for its type.
  const parsed = expectationChoiceSchema.safeParse(await expectationChoiceItem(domain).getValue());
  return parsed.success ? sanitize(parsed.data) : null;
}

export async function saveChoice(domain: string, choice: ExpectationChoice): Promise<void> {
  await expectationChoiceItem(domain).setValue(sanitize(choice));
}

export async function loadLastGatewayDomain(): Promise<string | null> {
  const stored: unknown = await lastGatewayDomainItem.getValue();
  return typeof stored === 'string' ? stored : null;
}

export async function saveLastGatewayDomain(domain: string): Promise<void> {
  await lastGatewayDomainItem.setValue(domain);
}

/** checkDomain's expectations for a choice. */
export function toExpectations(choice: ExpectationChoice): DomainExpectationsInput {
  return { receiver: choice.receiver, senders: choice.senders.filter((id) => id !== choice.receiver) };
}

/** One line naming the choice, shown on the collapsed picker (`Cloudflare Email Routing receives · Odoo sends`). */
export function describeChoice(choice: ExpectationChoice): string {
  const name = (id: string) => SENDER_SERVICES.find((service) => service.id === id)?.name ?? id;
  const receives = choice.receiver === NO_RECEIVER ? 'Receives no mail' : `${name(choice.receiver)} receives`;
  const senders = choice.senders.filter((id) => id !== choice.receiver);
  return senders.length === 0
    ? receives
    : `${receives} · ${senders.map(name).join(', ')} send${senders.length === 1 ? 's' : ''}`;
}
