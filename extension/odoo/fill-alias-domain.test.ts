// "Use mailgate" on the reconstructed Odoo pages: every value must be noticed by the simulated OWL client.
import { describe, expect, it } from 'vitest';
import { fillAliasDomain } from './fill-alias-domain.ts';
import { loadOdooFixture, readNoticedValue } from './testing/load-odoo-fixture.ts';

const GATEWAY_DOMAIN = { domain: 'example.com', catchall: 'replies', bounce: 'bounces' };

describe('fillAliasDomain', () => {
  it('the fixture notices nothing that was assigned without an event (the test can fail)', () => {
    const doc = loadOdooFixture('odoo-alias-domain');
    const catchall = doc.getElementById('catchall_alias_0') as HTMLInputElement;
    catchall.value = 'replies';
    catchall.dispatchEvent(new Event('input', { bubbles: true }));
    expect(readNoticedValue(catchall)).toBeNull();
  });

  it('creates a domain Odoo does not know through "Create and edit..." and sets its catchall and bounce', async () => {
    const doc = loadOdooFixture('odoo-settings');
    const outcome = await fillAliasDomain(doc, GATEWAY_DOMAIN);
    expect(outcome).toEqual({ filled: ['alias domain (new)', 'catchall', 'bounce'], problems: [] });
    expect(doc.getElementById('alias_domain_dialog')!.hidden).toBe(false);
    expect(readNoticedValue(doc.getElementById('name_0'))).toBe('example.com');
    expect(readNoticedValue(doc.getElementById('catchall_alias_0'))).toBe('replies');
    expect(readNoticedValue(doc.getElementById('bounce_alias_0'))).toBe('bounces');
    // The many2one was typed into, and its dropdown closed once the choice was made.
    expect(readNoticedValue(doc.getElementById('alias_domain_id_0'))).toBe('example.com');
    expect(doc.querySelector('.o-autocomplete--dropdown-menu')).toBeNull();
  });

  it('chooses a domain Odoo already has, then opens it to set catchall and bounce', async () => {
    const doc = loadOdooFixture('odoo-settings');
    const outcome = await fillAliasDomain(doc, { domain: 'Mail.Example.org', catchall: 'catchall', bounce: 'bounces' });
    expect(outcome).toEqual({ filled: ['alias domain', 'bounce'], problems: [] });
    expect(readNoticedValue(doc.getElementById('alias_domain_id_0'))).toBe('mail.example.org');
    expect((doc.getElementById('name_0') as HTMLInputElement).value).toBe('mail.example.org');
    expect(readNoticedValue(doc.getElementById('bounce_alias_0'))).toBe('bounces');
    expect(readNoticedValue(doc.getElementById('catchall_alias_0'))).toBeNull(); // already "catchall": untouched
  });

  it('fills the alias domain form page of the same domain', async () => {
    const doc = loadOdooFixture('odoo-alias-domain');
    const outcome = await fillAliasDomain(doc, {
      domain: 'mycompany.odoo.com',
      catchall: 'replies',
      bounce: 'bounces',
    });
    expect(outcome).toEqual({ filled: ['catchall', 'bounce'], problems: [] });
    expect(readNoticedValue(doc.getElementById('catchall_alias_0'))).toBe('replies');
    expect(readNoticedValue(doc.getElementById('bounce_alias_0'))).toBe('bounces');
  });

  it('never renames another alias domain', async () => {
    const doc = loadOdooFixture('odoo-alias-domain');
    const outcome = await fillAliasDomain(doc, GATEWAY_DOMAIN);
    expect(outcome.filled).toEqual([]);
    expect(outcome.problems).toEqual([
      'This alias domain is mycompany.odoo.com, not example.com: open or create example.com instead',
    ]);
    expect(doc.querySelectorAll('[data-framework-value]')).toHaveLength(0);
  });
});
