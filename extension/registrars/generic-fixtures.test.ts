// Every fixture, old and new, filled by the generic adapter alone (no registrar profile), for every record kind the
// form offers: each field must end up holding a value the product accepts (testing/fixture-answers.ts), and the
// adapter must claim exactly the fields it filled.
import { describe, expect, it } from 'vitest';
import { genericAdapter } from './generic.ts';
import { fixtureAnswers } from './testing/fixture-answers.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { buildSampleRecord } from './testing/sample-records.ts';
import { expectedFields, scoreFill } from './testing/score-fill.ts';

describe.each(fixtureAnswers.map((answer) => [answer.fixture, answer] as const))(
  'generic adapter on %s',
  (_fixture, answer) => {
    it(`fills ${answer.kinds.join(', ')} completely (${answer.style})`, async () => {
      // The kinds run side by side: each fills its own copy of the page.
      const outcomes = await Promise.all(
        answer.kinds.map(async (kind) => {
          const doc = loadFixture(answer.fixture);
          const record = buildSampleRecord(kind, answer.zone);
          const result = await genericAdapter.fill(doc, record);
          return { kind, result, expected: expectedFields(record, answer), score: scoreFill(doc, answer, record) };
        }),
      );
      for (const { kind, result, expected, score } of outcomes) {
        expect(score, kind).toEqual(Object.fromEntries(expected.map((field) => [field, true])));
        // A page with one form per record type has no type control: opening the type's form is choosing the type.
        expect(result.filled, kind).toEqual(answer.probes.type ? expected : ['type', ...expected]);
      }
    });
  },
);

describe('generic adapter, what it must leave alone and say', () => {
  it('fills the unseen "Record kind / Host / Data / Lifetime" form: type and TTL chosen from their options', async () => {
    const doc = loadFixture('generic-kind');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: '_dmarc.example.com',
      value: 'v=DMARC1; p=none',
      ttl: 86400,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.getElementById('k-kind'))).toBe('TXT');
    expect(readNoticedValue(doc.getElementById('k-life'))).toBe('86400');
  });

  it('says so, and claims nothing, when the TTL list has no such duration', async () => {
    const doc = loadFixture('generic-kind');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'example.com',
      value: 'v=spf1 -all',
      ttl: 1800,
    });
    expect(result.filled).toEqual(['type', 'name', 'value']);
    expect(result.problems).toEqual(["The TTL 1800 could not be set; the registrar's default stays."]);
    expect(readNoticedValue(doc.getElementById('k-life'))).toBeNull();
  });

  it('adds a new row instead of overwriting the records already shown as editable rows', async () => {
    const doc = loadFixture('strato');
    await genericAdapter.fill(doc, {
      type: 'CNAME',
      name: 'mg1._domainkey.example.org',
      value: 'mg1.dkim.mailgate.example',
    });
    expect(doc.getElementById('st-new')?.hidden).toBe(false);
    for (const name of ['prefix[0]', 'value[0]', 'prefix[1]', 'value[1]'])
      expect(readNoticedValue(doc.querySelector(`[name="${name}"]`)), name).toBeNull();
    expect(readNoticedValue(doc.getElementById('st-type'))).toBe('CNAME');
  });

  it('leaves a zone-wide TTL alone and opens the section of the record type', async () => {
    const doc = loadFixture('aruba');
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.net',
      value: 'mx.mailgate.example',
      priority: 10,
      ttl: 3600,
    });
    expect(result.filled).toEqual(['type', 'name', 'value', 'priority']);
    expect(readNoticedValue(doc.getElementById('ar-zone-ttl'))).toBeNull();
    expect(doc.getElementById('ar-mx')?.hidden).toBe(false);
    expect(doc.getElementById('ar-txt')?.hidden).toBe(true);
  });

  it('opens the form behind "Add Record" and a type card, and never submits it', async () => {
    const doc = loadFixture('bunny-dns');
    let submitted = 0;
    doc.addEventListener('submit', () => (submitted += 1), true);
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: '_dmarc.example.io',
      value: 'v=DMARC1; p=none',
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.getElementById('bn-ttl-mode'))).toBe('custom');
    expect(doc.getElementById('bn-modal')?.hidden).toBe(false);
    expect(submitted).toBe(0);
  });

  it('leaves the TTL switch on its default when the record brings no TTL', async () => {
    const doc = loadFixture('generic-ttl-switch');
    const result = await genericAdapter.fill(doc, { type: 'TXT', name: 'example.es', value: 'v=spf1 -all' });
    expect(result).toEqual({ filled: ['type', 'name', 'value'], problems: [] });
    expect((doc.querySelector('#es-dialog-txt input[name=ttl_def][value="1"]') as HTMLInputElement).checked).toBe(true);
  });

  it('reports a record type the list of types does not offer, and fills nothing', async () => {
    const doc = loadFixture('bunny-dns');
    const result = await genericAdapter.fill(doc, { type: 'NS', name: 'sub.example.io', value: 'ns1.example.net' });
    expect(result.filled).toEqual([]);
    expect(result.problems).toEqual(['No add-record form was found on this web page.']);
  });

  it('reads the records listed inside a same-origin frame and inside a shadow root', () => {
    expect(genericAdapter.readZone(loadFixture('directadmin'))).toBe('example.net');
    expect(genericAdapter.readRecords(loadFixture('directadmin'))).toContainEqual({
      type: 'MX',
      name: 'example.net',
      value: 'mail.example.net',
      ttl: 14400,
      priority: 10,
    });
    expect(genericAdapter.readRecords(loadFixture('solcon'))).toContainEqual({
      type: 'TXT',
      name: 'example.nl',
      value: 'v=spf1 include:spf.solcon.nl ~all',
      ttl: 86400,
    });
  });
});
