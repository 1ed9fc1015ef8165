// Inline CSS by allow-list: what mail layouts need stays, anything that fetches, runs or overlays goes.
import { describe, expect, it } from 'vitest';
import { sanitizeStyle } from './css.ts';

describe('sanitizeStyle', () => {
  it('keeps the layout and colour declarations of ordinary mail, normalised', () => {
    expect(sanitizeStyle('color:#333;FONT-FAMILY: "Segoe UI", Arial, sans-serif; font-size:14px;line-height:1.4')).toBe(
      'color: #333; font-family: "Segoe UI", Arial, sans-serif; font-size: 14px; line-height: 1.4',
    );
    expect(sanitizeStyle('margin:0 auto !important; padding: 8px 12px; border-top: 1px solid rgb(225, 225, 225)')).toBe(
      'margin: 0 auto !important; padding: 8px 12px; border-top: 1px solid rgb(225, 225, 225)',
    );
    expect(
      sanitizeStyle('background-image: linear-gradient(to right, #fff, hsla(0, 0%, 0%, .5)); width: calc(100% - 20px)'),
    ).toBe('background-image: linear-gradient(to right, #fff, hsla(0, 0%, 0%, .5)); width: calc(100% - 20px)');
    expect(sanitizeStyle('font-family: 微软雅黑, "Hiragino Sans"; position: relative')).toBe(
      'font-family: 微软雅黑, "Hiragino Sans"; position: relative',
    );
  });

  it.each([
    ['url()', 'background: url(https://tracker.example/a.gif) no-repeat'],
    ['URL() in capitals with spaces', "background: URL( 'https://tracker.example/a.gif' )"],
    ['image-set()', "background-image: image-set('https://tracker.example/a.png' 1x)"],
    ['-webkit-image-set()', 'background-image: -webkit-image-set(url(https://tracker.example/a.png) 1x)'],
    ['image()', 'background-image: image(url(https://tracker.example/a.png))'],
    ['cross-fade()', 'background-image: cross-fade(url(a.png), url(b.png), 50%)'],
    ['a function not on the list', 'width: attr(data-width px)'],
    ['var()', 'color: var(--x)'],
    ['a bare parenthesis', 'width: (1px)'],
    ['expression()', 'width: expression(alert(1))'],
    ['a property that loads (list-style-image)', 'list-style-image: none'],
    ['a property that loads (cursor)', 'cursor: pointer'],
    ['behavior', 'behavior: url(x.htc)'],
    ['-moz-binding', '-moz-binding: none'],
    ['unicode-range (a @font-face descriptor)', 'unicode-range: U+0-7F'],
    ['position: fixed', 'position: fixed'],
    ['position: FIXED !important', 'position: FIXED !important'],
    ['position: absolute', 'position:absolute'],
    ['position: sticky', 'position:sticky'],
    ['offsets (top)', 'top: 0'],
    ['z-index', 'z-index: 9999'],
    ['transform', 'transform: translate(0, -500px)'],
    ['a custom property', '--x: red'],
    ['a line break inside a string', 'font-family: "A\nB"'],
  ])('drops %s', (_name, declaration) => {
    expect(sanitizeStyle(declaration)).toBe('');
    expect(sanitizeStyle(`color: red; ${declaration}; font-weight: bold`)).toBe('color: red; font-weight: bold');
  });

  it.each([
    ['a CSS escape', String.raw`color: red; background: u\72l(https://tracker.example/a.gif)`],
    ['a CSS escape in a keyword', String.raw`color: red; position: fi\78 ed`],
    ['an escaped newline', 'color: red; font-family: "a\\\nb"'],
    ['a comment inside a value', 'color: red; background: ur/**/l(https://tracker.example/a.gif)'],
    ['a comment between keyword parts', 'color: red; position: /**/fixed'],
    ['an at-rule', "color: red; @import 'https://tracker.example/x.css'"],
    ['a block', 'color: red} @font-face {src: url(https://tracker.example/f.woff)'],
    ['a NUL', 'color: red; width: e\u0000xpression(alert(1))'],
    ['markup', 'color: red; font-family: </style><script>'],
  ])('drops the whole attribute for %s', (_name, style) => {
    expect(sanitizeStyle(style)).toBe('');
  });

  it('does not split inside a quoted string, and an unterminated string takes the rest of the attribute with it', () => {
    expect(sanitizeStyle('font-family: "a;b", serif; color: blue')).toBe('font-family: "a;b", serif; color: blue');
    expect(sanitizeStyle("color: red; font-family: 'Arial; background: url(https://tracker.example/a.gif)")).toBe(
      'color: red',
    );
  });
});
