// Outgoing SMTP servers an Odoo admin commonly relays through: host, port and encryption as each provider documents
// them, and what the admin must still do on the provider's side. mailgate receives mail; Odoo still sends its own.

/** Odoo's `smtp_encryption` values (17/18: none/starttls/ssl; later versions add `_strict` variants that also validate). */
export type SmtpEncryption = 'starttls' | 'ssl';

/** What the FROM Filtering field should hold for this provider: the sending domain, a single mailbox, or nothing. */
export type FromFilterKind = 'domain' | 'address' | 'none';

export type SmtpPreset = {
  id: string;
  /** Shown in the picker and used as the server's name when the form has none yet. */
  label: string;
  /** Host name; `{region}` is replaced by the chosen region (Amazon SES). */
  host: string;
  port: number;
  encryption: SmtpEncryption;
  fromFilter: FromFilterKind;
  /** What goes into Username (never filled: it is the admin's secret or account). */
  usernameHint: string;
  /** A fixed user name the provider documents, not an account (filled when the form has none). */
  username?: string;
  /** Regions to choose from, first is the default; only for hosts that contain `{region}`. */
  regions?: readonly string[];
  /** Provider-specific warnings, shown before the admin fills the form. */
  warnings: readonly string[];
};

/**
 * Shown with every preset. Source: Odoo documentation, "Email communication → Manage outbound messages → Port
 * restriction" ("Port 25 is blocked for security reasons on Odoo Online and Odoo.sh. Try using port 465, 587, or
 * 2525 instead."); many cloud and residential networks block outbound port 25 as well.
 */
export const PORT_25_WARNING =
  'Many hosts block outgoing port 25, and Odoo Online and Odoo.sh always do: use 587 (STARTTLS) or 465 (SSL/TLS).';

/** Amazon SES regions with an SMTP endpoint (AWS General Reference, "Amazon SES endpoints and quotas"). */
export const SES_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'il-central-1',
] as const;

export const SMTP_PRESETS: readonly SmtpPreset[] = [
  {
    // Google Workspace Admin Help, "Route outgoing SMTP relay messages through Google" (support.google.com/a/answer/2956491):
    // smtp-relay.gmail.com, port 587 with TLS (465 and 25 also accepted); allowed senders by IP address or SMTP AUTH.
    id: 'google-relay',
    label: 'Google Workspace SMTP relay',
    host: 'smtp-relay.gmail.com',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'domain',
    usernameHint: "Empty when the relay allows your server's IP address; else a Workspace user and its app password.",
    warnings: [
      "Turn on the SMTP relay service first (Admin console → Apps → Google Workspace → Gmail → Routing → SMTP relay service), allowing your Odoo server's IP address or requiring SMTP authentication.",
    ],
  },
  {
    // Google Workspace Admin Help, "Send email from a printer, scanner, or app" (support.google.com/a/answer/176600):
    // smtp.gmail.com, 465 with SSL or 587 with TLS, sign in with the full address.
    id: 'gmail-587',
    label: 'Gmail / Google Workspace (smtp.gmail.com, 587)',
    host: 'smtp.gmail.com',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'address',
    usernameHint: 'The full Gmail address that sends.',
    warnings: [
      'Google no longer accepts the account password: use Odoo\'s "Gmail OAuth Authentication" (module google_gmail) or an app password (needs 2-Step Verification).',
      'Gmail rewrites the sender to the signed-in mailbox: set FROM Filtering to that address.',
    ],
  },
  {
    // Same source as above: the SSL variant on port 465.
    id: 'gmail-465',
    label: 'Gmail / Google Workspace (smtp.gmail.com, 465)',
    host: 'smtp.gmail.com',
    port: 465,
    encryption: 'ssl',
    fromFilter: 'address',
    usernameHint: 'The full Gmail address that sends.',
    warnings: [
      'Google no longer accepts the account password: use Odoo\'s "Gmail OAuth Authentication" (module google_gmail) or an app password (needs 2-Step Verification).',
      'Gmail rewrites the sender to the signed-in mailbox: set FROM Filtering to that address.',
    ],
  },
  {
    // Microsoft Learn, "How to set up a multifunction device or application to send email using Microsoft 365 or
    // Office 365" (Option 1, SMTP AUTH client submission: smtp.office365.com, 587, STARTTLS; Option 3, SMTP relay:
    // a connector and the MX endpoint on port 25). Microsoft 365 Message Center MC786329 (Exchange Online retires
    // Basic auth for SMTP AUTH client submission; updated Jan 2026: off by default for existing tenants from the end
    // of December 2026). Odoo documentation, "Connect Microsoft Outlook 365 to Odoo using Azure OAuth".
    id: 'microsoft365',
    label: 'Microsoft 365 / Exchange Online',
    host: 'smtp.office365.com',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'address',
    usernameHint: 'The licensed mailbox that sends (with Outlook OAuth, no password).',
    warnings: [
      'Microsoft is retiring Basic authentication (username + password) for SMTP AUTH in Exchange Online (MC786329): use Odoo\'s "Outlook OAuth Authentication" (module microsoft_outlook), not a password.',
      'SMTP AUTH must be enabled for the sending mailbox; relaying without a login instead needs a connector in the Exchange admin center and goes to your MX endpoint (<domain>.mail.protection.outlook.com) on port 25.',
    ],
  },
  {
    // Mailgun documentation, "Sending via SMTP" (documentation.mailgun.com): smtp.mailgun.org (EU: smtp.eu.mailgun.org),
    // ports 25, 587, 2525 with STARTTLS and 465 with SSL; credentials per sending domain.
    id: 'mailgun',
    label: 'Mailgun',
    host: 'smtp.mailgun.org',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'domain',
    usernameHint: 'The SMTP login of your Mailgun sending domain, e.g. postmaster@<domain>.',
    warnings: ['Accounts in the EU region send through smtp.eu.mailgun.org instead.'],
  },
  {
    // Amazon SES Developer Guide, "Connecting to an Amazon SES SMTP endpoint": email-smtp.<region>.amazonaws.com,
    // STARTTLS on 25, 587 or 2587, TLS wrapper on 465 or 2465; "Obtaining Amazon SES SMTP credentials".
    id: 'amazon-ses',
    label: 'Amazon SES',
    host: 'email-smtp.{region}.amazonaws.com',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'domain',
    usernameHint: 'The SES SMTP user name (created in the SES console; not your AWS access key).',
    regions: SES_REGIONS,
    warnings: [
      'SES SMTP credentials are region-specific and are not your AWS access keys.',
      'A new SES account is in the sandbox: it only sends to verified addresses until you request production access.',
    ],
  },
  {
    // Brevo Help Center, "Send transactional emails using Brevo SMTP": smtp-relay.brevo.com, port 587
    // (465 SSL and 2525 also offered); login and SMTP key from "SMTP & API".
    id: 'brevo',
    label: 'Brevo (Sendinblue)',
    host: 'smtp-relay.brevo.com',
    port: 587,
    encryption: 'starttls',
    fromFilter: 'domain',
    usernameHint: 'Your Brevo SMTP login (SMTP & API page); the password is an SMTP key.',
    warnings: ['Authenticate your sending domain in Brevo first, or your mail goes out as unauthenticated.'],
  },
  {
    // Cloudflare Email Service documentation, "SMTP": smtp.mx.cloudflare.net, port 465 with implicit TLS only (no
    // STARTTLS on 587, no relay on 25), AUTH PLAIN or LOGIN, username the literal string api_token, password a
    // Cloudflare API token with the Email Sending: Edit permission; "Domain configuration" for the DNS records.
    id: 'cloudflare-email-service',
    label: 'Cloudflare Email Service (SMTP)',
    host: 'smtp.mx.cloudflare.net',
    port: 465,
    encryption: 'ssl',
    fromFilter: 'domain',
    usernameHint: 'The literal word api_token; the password is a Cloudflare API token.',
    username: 'api_token',
    warnings: [
      'The password is a Cloudflare API token with the "Email Sending: Edit" permission: whoever holds it can send as every domain onboarded in the account. Create an account-owned token for Odoo alone, and revoke it if it leaks.',
      'Only port 465 with SSL/TLS is offered: no STARTTLS on 587, no port 25.',
      'Onboard the sending domain first (Email Service → Email Sending): Cloudflare publishes MX and "v=spf1 include:_spf.mx.cloudflare.net ~all" on cf-bounce.<domain>, the DKIM key at cf-bounce._domainkey.<domain>, and DMARC at _dmarc.<domain>.',
      'Plain SMTP goes around mailgate: no suppression check before sending and no reply address of mailgate. Odoo handing its mail to mailgate (POST /api/send, see the README) gives both.',
    ],
  },
];

export function findSmtpPreset(id: string): SmtpPreset | undefined {
  return SMTP_PRESETS.find((preset) => preset.id === id);
}

/** The host to use: `{region}` replaced (an unknown region falls back to the preset's first region). */
export function resolvePresetHost(preset: SmtpPreset, region?: string): string {
  if (!preset.host.includes('{region}')) return preset.host;
  const regions = preset.regions ?? [];
  const chosen = region && regions.includes(region) ? region : regions[0];
  if (!chosen) throw new Error(`preset ${preset.id} needs a region`);
  return preset.host.replace('{region}', chosen);
}
