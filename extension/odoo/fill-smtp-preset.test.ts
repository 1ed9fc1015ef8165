// SMTP presets on the reconstructed ir.mail_server form, and on the widget variants of other Odoo versions.
import { describe, expect, it } from 'vitest';
import { fillSmtpPreset } from './fill-smtp-preset.ts';
import { findSmtpPreset, type SmtpPreset } from './smtp-presets.ts';
import { loadOdooFixture, readNoticedValue } from './testing/load-odoo-fixture.ts';

function preset(id: string): SmtpPreset {
  const found = findSmtpPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

function noticed(doc: Document, id: string): string | null {
  return readNoticedValue(doc.getElementById(id));
}

describe('fillSmtpPreset', () => {
  it('fills Mailgun with the gateway domain as FROM Filtering', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    const outcome = await fillSmtpPreset(doc, preset('mailgun'), { domain: 'example.com' });
    expect(outcome).toEqual({ filled: ['name', 'SMTP server', 'port', 'encryption', 'FROM Filtering'], problems: [] });
    expect(noticed(doc, 'name_0')).toBe('Mailgun');
    expect(noticed(doc, 'smtp_host_0')).toBe('smtp.mailgun.org');
    expect(noticed(doc, 'smtp_port_0')).toBe('587');
    expect(noticed(doc, 'smtp_encryption_0')).toBe('starttls');
    expect(noticed(doc, 'from_filter_0')).toBe('example.com');
    expect(noticed(doc, 'smtp_user_0')).toBeNull();
    expect(noticed(doc, 'smtp_pass_0')).toBeNull();
  });

  it('puts the chosen region into the Amazon SES host', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    await fillSmtpPreset(doc, preset('amazon-ses'), { region: 'eu-west-1' });
    expect(noticed(doc, 'smtp_host_0')).toBe('email-smtp.eu-west-1.amazonaws.com');
    expect(noticed(doc, 'from_filter_0')).toBeNull(); // no gateway domain known
  });

  it('chooses SSL/TLS on 465 and asks for the mailbox address as FROM Filtering for Gmail', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    const outcome = await fillSmtpPreset(doc, preset('gmail-465'), { domain: 'example.com' });
    expect(noticed(doc, 'smtp_port_0')).toBe('465');
    expect(noticed(doc, 'smtp_encryption_0')).toBe('ssl');
    expect(noticed(doc, 'from_filter_0')).toBeNull();
    expect(outcome.problems).toEqual(['FROM Filtering: enter the mailbox address you sign in with']);
  });

  it('keeps an existing name and a different FROM Filtering, and says so', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    for (const [id, value] of [
      ['name_0', 'Relay'],
      ['from_filter_0', 'other.example'],
    ] as const) {
      const input = doc.getElementById(id) as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    }
    const outcome = await fillSmtpPreset(doc, preset('brevo'), { domain: 'example.com' });
    expect(outcome.filled).toEqual(['SMTP server', 'port', 'encryption']);
    expect(outcome.problems).toEqual(['FROM Filtering is other.example; this relay sends for example.com']);
    expect(noticed(doc, 'smtp_host_0')).toBe('smtp-relay.brevo.com');
  });

  it('prefers "encryption and validation" where Odoo offers the _strict variants', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    const select = doc.getElementById('smtp_encryption_0') as HTMLSelectElement;
    select.innerHTML = ['none', 'starttls_strict', 'starttls', 'ssl_strict', 'ssl']
      .map((value) => `<option value='"${value}"'>${value}</option>`)
      .join('');
    await fillSmtpPreset(doc, preset('google-relay'));
    expect(noticed(doc, 'smtp_encryption_0')).toBe('starttls_strict');
    expect(noticed(doc, 'smtp_host_0')).toBe('smtp-relay.gmail.com');
  });

  it('clicks the radio button where encryption is shown as radio buttons', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    const widget = doc.querySelector('.o_field_widget[name=smtp_encryption]')!;
    widget.className = 'o_field_widget o_field_radio';
    widget.innerHTML = ['none', 'starttls', 'ssl']
      .map(
        (value) =>
          `<div class="form-check o_radio_item"><input type="radio" class="o_radio_input" name="radio_field_9" id="radio_field_9_${value}" data-value="${value}"${value === 'none' ? ' checked' : ''}><label for="radio_field_9_${value}">${value}</label></div>`,
      )
      .join('');
    const outcome = await fillSmtpPreset(doc, preset('microsoft365'));
    expect(outcome.filled).toContain('encryption');
    expect(readNoticedValue(widget)).toBe('starttls');
  });

  it('says so when the form offers no such encryption', async () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    doc.querySelector('#smtp_encryption_0 option[value=\'"ssl"\']')!.remove();
    const outcome = await fillSmtpPreset(doc, preset('gmail-465'));
    expect(outcome.problems).toContain('encryption: this form offers no SSL/TLS choice');
    expect(noticed(doc, 'smtp_encryption_0')).toBeNull();
  });
});
