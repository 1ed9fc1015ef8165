// Which tabs the popup offers to read and fill.
import { describe, expect, it } from 'vitest';
import { isScriptablePage } from './active-page.ts';

describe('isScriptablePage', () => {
  it('offers web pages, never browser or extension pages, nor a tab whose URL is hidden (no access)', () => {
    expect(isScriptablePage('https://dash.cloudflare.com/a/example.com/dns/records')).toBe(true);
    expect(isScriptablePage('http://127.0.0.1:8080/zone')).toBe(true);
    for (const url of [
      'chrome://extensions/',
      'about:blank',
      'moz-extension://uuid/popup.html',
      'chrome-extension://id/popup.html',
      'view-source:https://x.example/',
    ]) {
      expect(isScriptablePage(url), url).toBe(false);
    }
    expect(isScriptablePage(null)).toBe(false);
  });
});
