// Shows a mail's HTML inert: a sandboxed frame (no script, no same-origin, no forms) whose document forbids fetches.
// The worker already sanitizes the HTML; this is the second wall, for whatever the sanitizer misses.

/**
 * CSP of the frame's document: nothing is loaded from anywhere (tracking pixels included), inline styles stay so the
 * mail still looks like itself, and `data:` images show. Scripts are off twice: here and by `sandbox=""`.
 */
export const MESSAGE_FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'";

/** The frame's whole document: the CSP first, so that it rules before any of the mail's markup is parsed. */
export function buildMessageDocument(mailHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MESSAGE_FRAME_CSP}"><base target="_blank"></head><body>${mailHtml}</body></html>`;
}

export type MessageFrameProps = { html: string; title: string };

export function MessageFrame({ html, title }: MessageFrameProps) {
  // `sandbox=""` grants nothing: no scripts, no same-origin access to the console, no popups, no top navigation.
  return (
    <iframe
      class="message-frame"
      title={title}
      sandbox=""
      referrerpolicy="no-referrer"
      srcdoc={buildMessageDocument(html)}
    />
  );
}
