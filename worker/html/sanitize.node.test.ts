import { describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeTree } from './sanitize.ts';
import { parseHtml } from './tree.ts';

const clean = (html: string) => sanitizeHtml(html, { allowRemoteImages: false });

describe('sanitizeHtml: classic XSS vectors (OWASP filter evasion cheat sheet style)', () => {
  it.each([
    ['<script>alert(1)</script>hello', 'hello'],
    ['<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>ok', 'ok'],
    ['<<SCRIPT>alert("XSS");//<</SCRIPT>', '&lt;'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ['<IMG SRC="javascript:alert(\'XSS\');">', '<img>'],
    ['<IMG SRC=JaVaScRiPt:alert(1)>', '<img>'],
    ['<img src=x onerror=alert(1)>', '<img>'],
    ['<IMG """><SCRIPT>alert("XSS")</SCRIPT>">', '<img>"&gt;'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a>x</a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a>x</a>'],
    ['<svg/onload=alert(1)>', ''],
    ['<svg><script>alert(1)</script></svg>after', 'after'],
    ['<BODY ONLOAD=alert(1)>text', 'text'],
    ['<iframe src="javascript:alert(1)"></iframe>x', 'x'],
    ['<object data="x.swf"><param name=a value=b></object>y', 'y'],
    ['<embed src="x.swf">z', 'z'],
    [
      '<form action="https://evil.example"><input name=p><button formaction=javascript:alert(1)>Go</button></form>',
      'Go',
    ],
    ['<div style="width: expression(alert(1))">a</div>', '<div>a</div>'],
    ['<div style="background:url(javascript:alert(1))">a</div>', '<div>a</div>'],
    ['<div style="behavior: url(x.htc)">a</div>', '<div>a</div>'],
    ['<div style="x:\\65xpression(alert(1))">a</div>', '<div>a</div>'],
    ['<style>@import "http://evil.example/x.css";</style>b', 'b'],
    ['<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1)">c', 'c'],
    ['<LINK REL="stylesheet" HREF="javascript:alert(1)">d', 'd'],
    ['<BASE HREF="javascript:alert(1)//">e', 'e'],
    ['<!--<script>alert(1)</script>-->f', 'f'],
    // HTML5: outside SVG/MathML, `<![CDATA[` opens a bogus comment that ends at the first `>`, as here.
    ['<![CDATA[<script>alert(1)</script>]]>g', 'alert(1)]]&gt;g'],
    ['<p id="x" name="y" onclick="alert(1)" onmouseover=alert(1)>h</p>', '<p>h</p>'],
    ['<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', '<img>'],
    ['<table background="javascript:alert(1)"><tr><td>i</td></tr></table>', '<table><tr><td>i</td></tr></table>'],
    [
      '<div><a href="https://ok.example" title="a&quot;b">j',
      '<div><a href="https://ok.example" title="a&quot;b" rel="noopener noreferrer nofollow" target="_blank">j</a></div>',
    ],
    ['<b>unclosed <i>tags', '<b>unclosed <i>tags</i></b>'],
    ['</div>stray end', 'stray end'],
    ['<img src="x" <script>alert(1)</script>', '<img>alert(1)'],
    ['<a href="https://ok.example"', ''],
  ])('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });
});

describe('sanitizeHtml: images', () => {
  it('blocks remote images with a placeholder attribute, keeps cid: and raster data: images', () => {
    expect(clean('<img src="https://tracker.example/p.gif" alt="logo" width="1">')).toBe(
      '<img data-mailgate-blocked-src="https://tracker.example/p.gif" alt="logo" width="1">',
    );
    expect(clean('<img src="cid:logo@sender.example">')).toBe('<img src="cid:logo@sender.example">');
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
    );
  });

  it('lets remote images through when allowed', () => {
    expect(sanitizeHtml('<img src="https://cdn.example/a.png">', { allowRemoteImages: true })).toBe(
      '<img src="https://cdn.example/a.png">',
    );
  });
});

describe('sanitizeHtml: ordinary mail HTML', () => {
  it('keeps a typical newsletter layout', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><table width="600" cellpadding="0"><tr><td style="color: #333; font-family: Arial">Hello <b>Ann</b>,<br>see <a href="mailto:sales@example.com">us</a>.</td></tr></table></body></html>';
    expect(clean(html)).toBe(
      '<table width="600" cellpadding="0"><tr><td style="color: #333; font-family: Arial">Hello <b>Ann</b>,<br>see <a href="mailto:sales@example.com" rel="noopener noreferrer nofollow" target="_blank">us</a>.</td></tr></table>',
    );
  });

  it('keeps what entities in text mean, written back canonically (markup characters escaped, the rest as characters)', () => {
    expect(clean('<p>5 &lt; 6 &amp;&amp; caf&eacute; &NotNestedGreaterGreater;</p>')).toBe(
      '<p>5 &lt; 6 &amp;&amp; café \u2aa2\u0338</p>',
    );
  });
});

describe('sanitizeHtml: the body survives whatever the <head> does', () => {
  it.each([
    ['an unclosed <head>', '<html><head><meta charset="utf-8"><div>Body text</div>', '<div>Body text</div>'],
    ['an unclosed <head> before text', '<head><link rel="stylesheet" href="x.css">Body text', 'Body text'],
    ['an unclosed <title>', '<head><title>Invoice<body><p>Body text</p>', 'Invoice<p>Body text</p>'],
    ['an unclosed <style>', '<style>p { color: red }<p>Body text</p>', 'p { color: red }<p>Body text</p>'],
    ['an unclosed <textarea>', '<textarea>note<p>Body text</p>', 'note<p>Body text</p>'],
    ['an unclosed <script>', '<script>var a<p>Body text</p>', 'var a<p>Body text</p>'],
    [
      'a closed head, as usual',
      '<head><title>T</title><style>p{}</style></head><body><p>Body text</p></body>',
      '<p>Body text</p>',
    ],
    [
      'a <title> closed far later (read as a browser does)',
      '<title>T<p>x</p></title><p>Body text</p>',
      '<p>Body text</p>',
    ],
  ])('%s', (_name, html, expected) => {
    expect(clean(html)).toBe(expected);
  });
});

describe('sanitizeHtml: allowed CSS only', () => {
  it('keeps allowed declarations and drops remote loads and overlays from the same attribute', () => {
    expect(
      clean(
        `<td style="color:#333; background-image:image-set('https://tracker.example/a.png' 1x); position:fixed; padding:4px">x</td>`,
      ),
    ).toBe('<td style="color: #333; padding: 4px">x</td>');
  });

  it('drops an attribute whose CSS hides a remote load behind an escape or a comment', () => {
    expect(clean(String.raw`<p style="color:red;background:u\72l(https://tracker.example/a.gif)">x</p>`)).toBe(
      '<p>x</p>',
    );
    expect(clean('<p style="color:red;background:ur/**/l(https://tracker.example/a.gif)">x</p>')).toBe('<p>x</p>');
  });
});

describe('sanitizeHtml: escaping and the shared tree', () => {
  it('escapes every special character of texts and attribute values, at the ends and in runs, and drops NUL', () => {
    expect(clean('<p title="&quot;a&amp;&lt;b&gt;&quot;">&lt;1 &amp;&amp; 2\u0000 &gt; 0&gt;</p>&amp;')).toBe(
      '<p title="&quot;a&amp;&lt;b&gt;&quot;">&lt;1 &amp;&amp; 2 &gt; 0&gt;</p>&amp;',
    );
  });

  it('writes a tree parsed by the caller as it writes the HTML', () => {
    const html = '<div style="color: red">Hi <b>there</b><script>x</script> &amp; bye</div>';
    expect(sanitizeTree(parseHtml(html))).toBe(clean(html));
  });
});
