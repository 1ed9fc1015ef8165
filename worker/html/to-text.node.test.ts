// HTML to text without a DOM: tolerant parsing, invisible elements, entities and line structure.
import { describe, expect, it } from 'vitest';
import { convertHtmlToText } from './to-text.ts';

describe('convertHtmlToText', () => {
  it('skips head, style, script and comments', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- c --><script>var a = "<b>";</script>Visible</body></html>';
    expect(convertHtmlToText(html)).toBe('Visible');
  });

  it('reads the body after an unclosed <head>, <title> or <style>', () => {
    expect(convertHtmlToText('<html><head><meta charset=utf-8><div>Body</div>')).toBe('Body');
    expect(convertHtmlToText('<head><title>Subject<body>Body')).toBe('Subject\nBody');
    expect(convertHtmlToText('<style>p{}<p>Body</p>')).toBe('p{}\n\nBody');
  });

  it('ends an open paragraph where a block starts, as a browser does', () => {
    expect(convertHtmlToText('<p>one<div>two</div>three')).toBe('one\n\ntwo\nthree');
  });

  it('survives unclosed and stray tags', () => {
    expect(convertHtmlToText('<div>one<div>two</span></div>three')).toBe('one\ntwo\nthree');
  });

  it('reads a ">" inside a quoted attribute as part of the attribute', () => {
    expect(convertHtmlToText('<a title="a > b" href="x">link</a> text')).toBe('link text');
  });

  it('collapses spaces but keeps <pre> as written', () => {
    expect(convertHtmlToText('<div>a   \n  b</div><pre>x  y\n  z</pre>')).toBe('a b\n\nx  y\n  z');
  });

  it('treats Outlook MsoNormal paragraphs as lines, not paragraphs', () => {
    expect(convertHtmlToText('<p class=MsoNormal>one</p><p class=MsoNormal>two</p>')).toBe('one\ntwo');
  });
});

describe('character references', () => {
  it('decodes named, decimal, hex and Windows-1252 references and leaves unknown names', () => {
    expect(convertHtmlToText('&lt;&amp;&#233;&#xE9;&#150;&bogus;')).toBe('<&éé\u2013&bogus;');
  });

  it('knows the whole HTML5 table, not only the common names', () => {
    expect(convertHtmlToText('&NotNestedGreaterGreater; &fjlig; &bne; &ccaron;&Zcaron;')).toBe(
      '\u2aa2\u0338 fj =\u20e5 čŽ',
    );
  });

  it('reads legacy names without a semicolon in text but not inside an attribute-like query string', () => {
    expect(convertHtmlToText('caf&eacute &copy 2026 <a href="?a=1&copy=2">x</a>')).toBe('café © 2026 x');
  });
});
