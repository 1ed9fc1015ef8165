// A list of record types is found by what its items say, whatever their markup; records lists and prose are not.
import { describe, expect, it } from 'vitest';
import { findTypeItem, findTypeItems } from './type-items.ts';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = html;
  return doc;
}

describe('findTypeItems', () => {
  it('finds cards without roles, menu entries and captioned icons', () => {
    const cards = page(
      '<div><div><b>A</b> IPv4</div><div><b>CNAME</b> Alias</div><div><b>TXT</b> Text</div><div><b>MX</b> Mail</div></div>',
    );
    const [group] = findTypeItems([cards]);
    expect(group?.items.map((item) => item.text)).toEqual(['A IPv4', 'CNAME Alias', 'TXT Text', 'MX Mail']);
    expect(findTypeItem(group!, 'MX')?.text).toBe('MX Mail');

    const icons = page(
      '<table><tr><td><a href="#a"><img alt=""></a><br><a href="#a">Address</a></td><td><a href="#m">Mail Server</a></td><td><a href="#t">Text</a></td><td><a href="#z">Zone Parameters</a></td></tr></table>',
    );
    expect(findTypeItems([icons]).map((found) => found.items.map((item) => item.text))).toEqual([
      ['Address', 'Mail Server', 'Text'],
    ]);
  });

  it('leaves records lists, hidden menus and two-type sentences alone', () => {
    const list = page('<table><tbody><tr><td>TXT</td></tr><tr><td>MX</td></tr><tr><td>CNAME</td></tr></tbody></table>');
    expect(findTypeItems([list])).toEqual([]);
    const hidden = page('<ul hidden><li>A</li><li>MX</li><li>TXT</li></ul>');
    expect(findTypeItems([hidden])).toEqual([]);
    const prose = page('<p><span>TXT</span> and <span>MX</span> records</p>');
    expect(findTypeItems([prose])).toEqual([]);
  });
});
