// The `mailgate:fill` answer: adapter choice by URL, the contract's shape, and failures as data.
import { describe, expect, it } from 'vitest';
import { handleFillRequest } from './handle-fill-request.ts';
import { loadFixture } from './testing/load-fixture.ts';

const dmarc = { type: 'mailgate:fill', record: { type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1; p=none' } };

describe('handleFillRequest', () => {
  it('uses the registrar adapter matching the URL', async () => {
    const response = await handleFillRequest(
      dmarc,
      loadFixture('cloudflare'),
      'https://dash.cloudflare.com/a/example.com/dns/records',
    );
    expect(response).toEqual({ ok: true, adapter: 'cloudflare', filled: ['type', 'name', 'value'], problems: [] });
  });

  it('falls back to the generic adapter on any other page (the e2e build serves fixtures on 127.0.0.1)', async () => {
    const response = await handleFillRequest(
      dmarc,
      loadFixture('generic-cpanel'),
      'http://127.0.0.1:4173/generic-cpanel.html',
    );
    expect(response).toMatchObject({ ok: true, adapter: 'generic', filled: ['type', 'name', 'value'] });
  });

  it('answers ok: false for an invalid message or a page without a form', async () => {
    expect(
      await handleFillRequest({ type: 'mailgate:fill', record: { type: 'TXT' } }, document, 'http://x.test/'),
    ).toMatchObject({ ok: false });
    const empty = document.implementation.createHTMLDocument('');
    expect(await handleFillRequest(dmarc, empty, 'http://x.test/')).toEqual({
      ok: false,
      error: 'No add-record form was found on this web page.',
    });
  });
});
