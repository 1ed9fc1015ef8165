// The admin's email about a newly raised alert: a plain-text message built with the outgoing mail's builder and
// handed to the `send_email` binding, after the suppression list of the sending domain has been read (like any send).
import type { AlertJson, AlertKind } from '../../shared/api/health.ts';
import type { Database } from '../store/db.ts';
import { findDomainByAddress, listDomains, type DomainRow } from '../store/domains.ts';
import { loadSuppressions } from '../store/suppressions.ts';
import { buildEmailServiceMessage, type EmailServiceMessage } from '../outgoing/email-message.ts';
import { buildPlainTextDraft, type OutgoingDraft } from '../outgoing/draft.ts';

export type AlertMailConfig = {
  /** The admin's address (MAILGATE_ALERT_EMAIL). */
  to: string;
  /** The sender (MAILGATE_ALERT_FROM), on a domain of the gateway; null: `mailgate-alerts@<first domain by name>`. */
  from: string | null;
  /** MAILGATE_PUBLIC_URL: the link to `/health/deep` is absolute with it. */
  publicUrl: string | null;
};

export type AlertMailDeps = { db: Database; sendEmail: Pick<SendEmail, 'send'>; config: AlertMailConfig };

/** The sender's local part when MAILGATE_ALERT_FROM is not set. */
export const DEFAULT_ALERT_LOCAL_PART = 'mailgate-alerts';

const TITLES: Record<AlertKind, string> = {
  silence: 'no mail received',
  backlog: 'deliveries to the ERP piling up',
  failures: 'deliveries and messages failing',
  dns: 'DNS records no longer match',
};

const ADVICE: Record<AlertKind, string> = {
  silence:
    "Check the domain's MX records (Email Routing's), its catch-all rule (Send to a Worker → mailgate) and any relay in front; send a test mail to it.",
  backlog:
    'Check that the ERP answers (GET /api/deliveries shows the last errors) and that the delivery queue is consumed.',
  failures:
    'Read the failed deliveries and messages (GET /api/deliveries?status=dead, GET /api/inbound?status=failed), fix the cause and redeliver.',
  dns: "Compare the domain's records with GET /api/domains/<domain>/dns and put back the expected MX, SPF and DMARC records.",
};

/** The settings from the deployment's vars; null (no mail) without an admin address. */
export function readAlertMailConfig(vars: { to?: string; from?: string; publicUrl?: string }): AlertMailConfig | null {
  const to = vars.to?.trim();
  if (!to) return null;
  return { to, from: vars.from?.trim() || null, publicUrl: vars.publicUrl?.trim().replace(/\/+$/, '') || null };
}

/** The plain-text draft: what, since when, which domain, what to do, where to look. */
export function buildAlertDraft(alert: AlertJson, from: string, config: AlertMailConfig): OutgoingDraft {
  const healthLink = `${config.publicUrl ?? ''}/health/deep`;
  const text = [
    `mailgate raised an alert: ${alert.message}`,
    '',
    `What:       ${TITLES[alert.kind]} (${alert.kind})`,
    `Domain:     ${alert.domain ?? 'the whole installation'}`,
    `Since:      ${alert.raisedAt}`,
    `Alert id:   ${alert.id}`,
    '',
    `What to do: ${ADVICE[alert.kind]}`,
    '',
    `Open alerts and the gateway's state: ${healthLink} (an installation-wide admin token), or the banner of the console.`,
    'The alert resolves by itself once its condition is gone; this address is mailed once per alert.',
  ].join('\n');
  return buildPlainTextDraft({
    from: { address: from, name: 'mailgate alerts' },
    to: [{ address: config.to }],
    subject: `[mailgate] ${TITLES[alert.kind]}${alert.domain ? `: ${alert.domain}` : ''}`,
    text,
  });
}

async function findSenderDomain(db: Database, configured: string | null): Promise<{ from: string; domain: DomainRow }> {
  if (configured) {
    const domain = await findDomainByAddress(db, configured);
    if (!domain) throw new Error(`MAILGATE_ALERT_FROM ${configured} is not on a domain of this gateway`);
    return { from: configured, domain };
  }
  const [first] = await listDomains(db);
  if (!first) throw new Error('no domain to send the alert from: add one, or set MAILGATE_ALERT_FROM');
  return { from: `${DEFAULT_ALERT_LOCAL_PART}@${first.name}`, domain: first };
}

/** The probe's `sendAlertEmail`: mails one alert to the admin, unless the sending domain suppresses the address. */
export function createAlertMailer(deps: AlertMailDeps): (alert: AlertJson) => Promise<void> {
  return async (alert) => {
    const { from, domain } = await findSenderDomain(deps.db, deps.config.from);
    const suppressed = (await loadSuppressions(deps.db, domain.id, [deps.config.to])).get(deps.config.to.toLowerCase());
    if (suppressed?.suppressedAt) {
      console.warn(
        JSON.stringify({ event: 'alert.email_suppressed', alertId: alert.id, to: deps.config.to, domain: domain.name }),
      );
      return;
    }
    const draft = buildAlertDraft(alert, from, deps.config);
    // RFC 3834 5: an automatic message says so, so that vacation responders do not answer it.
    const message: EmailServiceMessage = buildEmailServiceMessage(draft, {
      replyTo: draft.from,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Mailgate-Alert': alert.id },
    });
    await deps.sendEmail.send(message satisfies EmailMessageBuilder);
  };
}
