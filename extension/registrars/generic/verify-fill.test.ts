// The generic adapter claims only what it checked: small forms where a field would go wrong, and the general rules that
// fill them right (per-type add buttons, free-text type fields, priority choosers).
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../generic.ts';

function makePage(html: string): Document {
  const doc = document.implementation.createHTMLDocument('zone example.com');
  doc.body.innerHTML = html;
  return doc;
}

const input = (doc: Document, id: string) => doc.getElementById(id) as HTMLInputElement;

const TXT = { type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1; p=none' } as const;

describe('generic adapter: what it claims', () => {
  it('does not write into the form of another record type, and says why', async () => {
    const doc = makePage(`<form aria-label="New MX record"><label for="n">Name</label><input id="n">
      <label for="v">Mail server</label><input id="v"></form>`);
    const result = await genericAdapter.fill(doc, TXT);
    expect(result.filled).toEqual([]);
    expect(result.problems).toContain('The name (host) was not filled: the form it sits in is for MX records.');
    expect(result.problems).toContain('The value was not filled: the form it sits in is for MX records.');
    expect(input(doc, 'n').value).toBe('');
    expect(input(doc, 'v').value).toBe('');
  });

  it('leaves a field two controls compete for, and fills the rest', async () => {
    const doc = makePage(`<form><label for="t">Type</label><select id="t"><option>A</option><option>MX</option>
      <option>TXT</option></select><label for="h">Host name</label><input id="h"><label for="n">Name</label><input id="n">
      <label for="v">Value</label><input id="v"></form>`);
    const result = await genericAdapter.fill(doc, TXT);
    expect(result.filled).toEqual(['type', 'value']);
    expect(result.problems).toEqual([
      'The name (host) was not filled: two fields read as the name (host), "Host name" and "Name".',
    ]);
    expect(input(doc, 'h').value).toBe('');
    expect(input(doc, 'v').value).toBe(TXT.value);
  });

  it('reads every field back: one the page resets is not claimed', async () => {
    const doc =
      makePage(`<form><label for="t">Type</label><select id="t"><option>A</option><option>TXT</option></select>
      <label for="n">Name</label><input id="n"><label for="v">Value</label><input id="v"></form>`);
    input(doc, 'n').addEventListener('blur', () => {
      input(doc, 'n').value = '';
    });
    const result = await genericAdapter.fill(doc, TXT);
    expect(result.filled).toEqual(['type', 'value']);
    expect(result.problems).toEqual(['The name (host) was not filled: its field shows "" instead of "_dmarc".']);
  });

  it("does not claim a type the chooser does not keep, nor the value written into the other type's form", async () => {
    const doc =
      makePage(`<form><label for="t">Type</label><select id="t"><option>A</option><option>TXT</option></select>
      <label for="n">Name</label><input id="n"><label for="v">Value</label><input id="v"></form>`);
    const select = doc.getElementById('t') as HTMLSelectElement;
    select.addEventListener('change', () => {
      select.value = 'A';
    });
    const result = await genericAdapter.fill(doc, TXT);
    expect(result.filled).toEqual(['name']);
    expect(result.problems).toEqual([
      'The record type was not filled: the type chooser shows A.',
      "The value was not filled: the form's type chooser does not hold the record's type, so this field may be another type's.",
    ]);
  });

  it('does not claim a value when the form has no type chooser it could use', async () => {
    const doc = makePage(
      '<form><label for="n">Name</label><input id="n"><label for="v">IPv4 address</label><input id="v"></form>',
    );
    const result = await genericAdapter.fill(doc, TXT);
    expect(result.filled).toEqual(['name']);
    expect(result.problems).toContain('The record type TXT could not be chosen.');
  });
});

describe('generic adapter: forms in general', () => {
  it('presses the add button that names the record type, not the first per-type one', async () => {
    const doc =
      makePage(`<section aria-label="MX Record"><h2>MX Record</h2><button type="button" id="add-mx">Add an MX Record</button></section>
      <section aria-label="TXT Record"><h2>TXT Record</h2><button type="button" id="add-txt">Add a TXT Record</button></section>
      <div role="dialog" id="d-mx" aria-labelledby="t-mx" hidden><h2 id="t-mx">Create MX Record</h2>
        <label for="mx-v">Mail Server</label><input id="mx-v"><label for="mx-n">Subdomain</label><input id="mx-n"></div>
      <div role="dialog" id="d-txt" aria-labelledby="t-txt" hidden><h2 id="t-txt">Create TXT Record</h2>
        <label for="txt-n">Hostname</label><input id="txt-n"><label for="txt-v">Value</label><input id="txt-v"></div>`);
    for (const type of ['mx', 'txt'])
      doc
        .getElementById(`add-${type}`)
        ?.addEventListener('click', () => doc.getElementById(`d-${type}`)?.removeAttribute('hidden'));
    const result = await genericAdapter.fill(doc, TXT);
    expect(result).toEqual({ filled: ['type', 'name', 'value'], problems: [] });
    expect(input(doc, 'txt-v').value).toBe(TXT.value);
    expect(doc.getElementById('d-mx')?.hasAttribute('hidden')).toBe(true);
  });

  it('types the type into a free-text type field and fills the fields it brings', async () => {
    const doc = makePage(`<form><label for="t">Record Set Type</label><input id="t" value="A">
      <label for="n">Subname</label><input id="n">
      <div data-for="A"><label for="a">IPv4 address</label><input id="a"></div>
      <div data-for="TXT" hidden><label for="c">Content</label><input id="c"></div></form>`);
    input(doc, 't').addEventListener('input', () => {
      for (const row of Array.from(doc.querySelectorAll('[data-for]')))
        (row as HTMLElement).hidden = row.getAttribute('data-for') !== input(doc, 't').value;
    });
    const result = await genericAdapter.fill(doc, { ...TXT, name: 'example.com' });
    expect(result).toEqual({ filled: ['type', 'name', 'value'], problems: [] });
    expect(input(doc, 't').value).toBe('TXT');
    // A sub-domain field takes nothing for the apex.
    expect(input(doc, 'n').value).toBe('');
    expect(input(doc, 'c').value).toBe(TXT.value);
    expect(input(doc, 'a').value).toBe('');
  });

  it('chooses the MX priority among numbered presets, keeping it out of the value', async () => {
    const doc =
      makePage(`<form><label for="t">Eintragstyp</label><select id="t"><option>A</option><option>MX</option></select>
      <label for="n">Domainname</label><input id="n"><label for="v">Mail-Exchange-Server</label><input id="v">
      <label for="p">Geben Sie die Priorität des Mail-Exchange-Servers an</label><select id="p"><option value="0">sehr hoch (0)</option>
      <option value="10">hoch (10)</option><option value="20">normal (20)</option></select></form>`);
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 10,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'priority'], problems: [] });
    expect(input(doc, 'v').value).toBe('mx.mailgate.example');
    expect((doc.getElementById('p') as HTMLSelectElement).value).toBe('10');
  });
});
