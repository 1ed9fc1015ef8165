// Sanity of the SMTP preset table: unique ids, plausible hosts, ports that match their encryption, warnings present.
import { describe, expect, it } from 'vitest';
import { PORT_25_WARNING, SES_REGIONS, SMTP_PRESETS, findSmtpPreset, resolvePresetHost } from './smtp-presets.ts';

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

describe('SMTP_PRESETS', () => {
  it('has unique ids and the providers the overlay promises', () => {
    const ids = SMTP_PRESETS.map((preset) => preset.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'google-relay',
      'gmail-587',
      'gmail-465',
      'microsoft365',
      'mailgun',
      'amazon-ses',
      'brevo',
      'cloudflare-email-service',
    ]);
  });

  it('pairs 465 with SSL/TLS and 587 with STARTTLS, never port 25', () => {
    for (const preset of SMTP_PRESETS) {
      expect([465, 587], preset.id).toContain(preset.port);
      expect(preset.encryption, preset.id).toBe(preset.port === 465 ? 'ssl' : 'starttls');
    }
  });

  it('resolves every host to a valid host name', () => {
    for (const preset of SMTP_PRESETS) expect(resolvePresetHost(preset), preset.id).toMatch(HOST_NAME);
    const ses = findSmtpPreset('amazon-ses')!;
    expect(resolvePresetHost(ses)).toBe('email-smtp.us-east-1.amazonaws.com');
    expect(resolvePresetHost(ses, 'ap-southeast-2')).toBe('email-smtp.ap-southeast-2.amazonaws.com');
    expect(resolvePresetHost(ses, 'moon-1')).toBe('email-smtp.us-east-1.amazonaws.com');
    for (const region of SES_REGIONS) expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  });

  it('carries the known provider warnings', () => {
    const microsoft = findSmtpPreset('microsoft365')!;
    expect(microsoft.host).toBe('smtp.office365.com');
    expect(microsoft.warnings.join(' ')).toMatch(/Basic authentication.*SMTP AUTH/);
    expect(microsoft.warnings.join(' ')).toMatch(/connector/);
    expect(findSmtpPreset('google-relay')!.host).toBe('smtp-relay.gmail.com');
    expect(findSmtpPreset('brevo')!.host).toBe('smtp-relay.brevo.com');
    expect(PORT_25_WARNING).toMatch(/port 25.*Odoo Online and Odoo\.sh/);
    const cloudflare = findSmtpPreset('cloudflare-email-service')!;
    expect(cloudflare).toMatchObject({
      host: 'smtp.mx.cloudflare.net',
      port: 465,
      encryption: 'ssl',
      username: 'api_token',
    });
    expect(cloudflare.warnings.join(' ')).toMatch(/API token with the "Email Sending: Edit" permission/);
    expect(cloudflare.warnings.join(' ')).toMatch(/cf-bounce\._domainkey/);
    for (const preset of SMTP_PRESETS) expect(preset.usernameHint, preset.id).not.toBe('');
  });
});
