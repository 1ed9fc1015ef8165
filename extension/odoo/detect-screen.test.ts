// Screen detection on the reconstructed Odoo pages, and on pages that are not one of them.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../registrars/testing/load-fixture.ts';
import { detectOdooScreen } from './detect-screen.ts';
import { loadOdooFixture } from './testing/load-odoo-fixture.ts';

describe('detectOdooScreen', () => {
  it('tells each Odoo screen by its fields', () => {
    expect(detectOdooScreen(loadOdooFixture('odoo-settings'))).toBe('settings');
    expect(detectOdooScreen(loadOdooFixture('odoo-outgoing-mail-server'))).toBe('outgoing-server');
    expect(detectOdooScreen(loadOdooFixture('odoo-incoming-mail-server'))).toBe('incoming-server');
    expect(detectOdooScreen(loadOdooFixture('odoo-alias-domain'))).toBe('alias-domain');
  });

  it('stays on settings while the alias domain dialog is open over them', () => {
    const doc = loadOdooFixture('odoo-settings');
    doc.getElementById('alias_domain_dialog')!.hidden = false;
    expect(detectOdooScreen(doc)).toBe('settings');
  });

  it("shows nothing on another app's settings tab (no alias domain there)", () => {
    const doc = loadOdooFixture('odoo-settings');
    doc.querySelector('.o_field_widget[name=alias_domain_id]')!.remove();
    expect(detectOdooScreen(doc)).toBeNull();
  });

  it('shows nothing on a page that is not Odoo, even with look-alike field names', () => {
    expect(detectOdooScreen(loadFixture('cloudflare'))).toBeNull();
    const doc = document.implementation.createHTMLDocument('');
    doc.body.innerHTML =
      '<form><div class="o_field_widget" name="smtp_host"><input></div><div class="o_field_widget" name="smtp_port"><input></div></form>';
    expect(detectOdooScreen(doc)).toBeNull();
  });

  it('shows nothing on an Odoo list view', () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    doc.querySelector('.o_form_view')!.className = 'o_action o_view_controller o_list_view';
    expect(detectOdooScreen(doc)).toBeNull();
  });
});
