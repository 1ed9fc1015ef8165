// The message frame keeps a hostile mail inert: empty sandbox, CSP before the mail's markup, the mail only in srcdoc.
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { buildMessageDocument, MESSAGE_FRAME_CSP, MessageFrame } from './message-frame.tsx';

const HOSTILE_HTML =
  '<img src="https://tracker.example/p.gif" onerror="parent.alert(1)"><script>parent.document.title="owned"</script><p>Hello</p>';

describe('MessageFrame', () => {
  it('renders the mail in an iframe whose sandbox grants nothing', () => {
    const { container } = render(<MessageFrame html={HOSTILE_HTML} title="Message from alice@example.com" />);
    const frame = container.querySelector('iframe');
    expect(frame?.getAttribute('sandbox')).toBe('');
    expect(frame?.getAttribute('title')).toBe('Message from alice@example.com');
    expect(frame?.getAttribute('srcdoc')).toBe(buildMessageDocument(HOSTILE_HTML));
    // The mail is never part of the console's own DOM.
    expect(container.querySelector('script, img, p')).toBeNull();
  });

  it("puts a CSP forbidding scripts and remote loads before the mail's markup", () => {
    const documentHtml = buildMessageDocument(HOSTILE_HTML);
    const cspAt = documentHtml.indexOf(`content="${MESSAGE_FRAME_CSP}"`);
    expect(cspAt).toBeGreaterThan(0);
    expect(cspAt).toBeLessThan(documentHtml.indexOf('<img'));
    expect(MESSAGE_FRAME_CSP).toMatch(/default-src 'none'/);
    expect(MESSAGE_FRAME_CSP).not.toMatch(/script-src|unsafe-eval|https:/);
  });
});
