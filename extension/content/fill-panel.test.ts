// The fill panel lives in a closed shadow root and shows text only, as generated content.
import { afterEach, describe, expect, it } from 'vitest';
import { showFillPanel } from './fill-panel.ts';
import { readPanelText } from './testing/panel-text.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('showFillPanel', () => {
  it('renders inside a shadow root the page cannot query, and replaces an earlier panel', () => {
    showFillPanel(document, { ok: true, adapterName: 'Cloudflare', filled: ['type'], problems: [] });
    const { host, root: shadow } = showFillPanel(document, {
      ok: true,
      adapterName: 'Cloudflare',
      filled: ['type', 'name', 'value'],
      problems: ['The TTL 60 could not be set.'],
    });
    expect(document.querySelectorAll('#mailgate-fill-panel')).toHaveLength(1);
    expect(host.shadowRoot).toBeNull();
    expect(document.querySelector('.panel')).toBeNull();
    expect(readPanelText(shadow.querySelector('.title')!)).toBe(
      'mailgate filled type, name, value (Cloudflare). Check the form, then save it.',
    );
    expect(readPanelText(shadow.querySelector('.problems li')!)).toBe('The TTL 60 could not be set.');
    expect(shadow.textContent).not.toContain('Cloudflare');
  });

  it('never interprets an error as HTML', () => {
    const { root: shadow } = showFillPanel(document, {
      ok: false,
      adapterName: 'web',
      filled: [],
      problems: [],
      error: '<img src=x onerror=alert(1)>',
    });
    expect(shadow.querySelector('img')).toBeNull();
    expect(readPanelText(shadow.querySelector('.title')!)).toContain('<img src=x onerror=alert(1)>');
  });
});
