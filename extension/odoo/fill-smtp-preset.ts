// Fills an ir.mail_server form from a preset: host, port, encryption, and the FROM Filtering when the preset relays
// for a whole domain and the form has none. Username and password stay the admin's to type (a provider's fixed user
// name, such as Cloudflare's `api_token`, is filled).
import { chooseSelection, emptyOutcome, fillTextField, type FillOutcome } from './fill-fields.ts';
import { readFieldValue } from './odoo-fields.ts';
import { resolvePresetHost, type SmtpPreset } from './smtp-presets.ts';

export type SmtpPresetOptions = {
  /** Amazon SES region (ignored by other presets). */
  region?: string;
  /** The domain mail is sent for (the gateway's domain): written to FROM Filtering for domain-wide relays. */
  domain?: string | null;
};

export async function fillSmtpPreset(
  doc: Document,
  preset: SmtpPreset,
  options: SmtpPresetOptions = {},
): Promise<FillOutcome> {
  const outcome = emptyOutcome();
  if (!readFieldValue(doc, 'name')) fillTextField(doc, 'name', preset.label, 'name', outcome);
  fillTextField(doc, 'smtp_host', resolvePresetHost(preset, options.region), 'SMTP server', outcome);
  fillTextField(doc, 'smtp_port', String(preset.port), 'port', outcome);
  if (preset.username && !readFieldValue(doc, 'smtp_user'))
    fillTextField(doc, 'smtp_user', preset.username, 'username', outcome);
  // Later Odoo versions split each scheme into "encryption and validation" (`_strict`, recommended) and
  // "encryption only": prefer the validating one where it exists.
  const encryption = await chooseSelection(doc, 'smtp_encryption', [`${preset.encryption}_strict`, preset.encryption]);
  if (encryption === null)
    outcome.problems.push(
      `encryption: this form offers no ${preset.encryption === 'ssl' ? 'SSL/TLS' : 'STARTTLS'} choice`,
    );
  else if (encryption !== readFieldValue(doc, 'smtp_encryption'))
    outcome.problems.push('encryption: Odoo did not take the choice');
  else outcome.filled.push('encryption');
  const currentFilter = readFieldValue(doc, 'from_filter');
  if (preset.fromFilter === 'domain' && options.domain) {
    if (!currentFilter) fillTextField(doc, 'from_filter', options.domain, 'FROM Filtering', outcome);
    else if (currentFilter !== options.domain)
      outcome.problems.push(`FROM Filtering is ${currentFilter}; this relay sends for ${options.domain}`);
  } else if (preset.fromFilter === 'address' && !currentFilter) {
    outcome.problems.push('FROM Filtering: enter the mailbox address you sign in with');
  }
  return outcome;
}
