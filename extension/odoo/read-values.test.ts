// Reading what each Odoo screen holds, from its field widgets.
import { describe, expect, it } from 'vitest';
import { readAliasDomainValues, readIncomingServerValues, readOutgoingServerValues } from './read-values.ts';
import { loadOdooFixture } from './testing/load-odoo-fixture.ts';

describe('reading Odoo screens', () => {
  it('reads the alias domain and the Custom Email Servers switch on General Settings', () => {
    expect(readAliasDomainValues(loadOdooFixture('odoo-settings'))).toEqual({
      aliasDomain: 'mycompany.odoo.com',
      catchall: null,
      bounce: null,
      customEmailServers: false,
    });
  });

  it('reads catchall and bounce once the alias domain form is open in a dialog', () => {
    const doc = loadOdooFixture('odoo-settings');
    doc.getElementById('alias_domain_dialog')!.hidden = false;
    expect(readAliasDomainValues(doc)).toMatchObject({
      aliasDomain: 'mycompany.odoo.com',
      catchall: 'catchall',
      bounce: 'bounce',
    });
  });

  it('reads the alias domain form page', () => {
    expect(readAliasDomainValues(loadOdooFixture('odoo-alias-domain'))).toEqual({
      aliasDomain: 'mycompany.odoo.com',
      catchall: 'catchall',
      bounce: 'bounce',
      customEmailServers: null,
    });
  });

  it("reads a new outgoing server: Odoo's defaults, JSON selection values parsed", () => {
    expect(readOutgoingServerValues(loadOdooFixture('odoo-outgoing-mail-server'))).toEqual({
      name: null,
      host: null,
      port: 25,
      encryption: 'none',
      fromFilter: null,
      authentication: 'login',
    });
  });

  it('reads an incoming server, read-only fields included', () => {
    expect(readIncomingServerValues(loadOdooFixture('odoo-incoming-mail-server'))).toEqual({
      name: 'catchall IMAP',
      serverType: 'imap',
      server: 'imap.mail.example.org',
      user: 'catchall@mail.example.org',
    });
  });
});
