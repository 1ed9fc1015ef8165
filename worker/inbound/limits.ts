// The limits every inbound message is held to, each with its reason; going over one degrades, never crashes.

/** Email Routing refuses larger messages (Cloudflare's production limit); the relay ingress answers 413 above it. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** Header section budget per message: far above real mail (a few KiB), well below the isolate's 128 MB. */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** postal-mime's default (256) lets a hostile message nest parts deep enough to burn CPU; real mail nests < 10. */
export const MAX_MIME_NESTING_DEPTH = 64;
/**
 * Real mail has tens of parts (a hundred attachments is already rare); thousands are a parser bomb. Counted by
 * boundary delimiter lines (mime-parts.ts), so parts without headers count too.
 */
export const MAX_MIME_PARTS = 1000;
/**
 * The text body the text stages (reply extraction, classification) work on: D1 keeps at most 128 KiB of text, so a
 * larger body is cut here once (twice that, for the reply under a long quote), and postal-mime decodes no more of a
 * large text part than this (it spends about 10 µs per line). The whole body stays in the raw message.
 */
export const MAX_WORKING_TEXT_CHARS = 256 * 1024;
/**
 * The HTML body the text stages (sanitizing, html-to-text, reply text) work on: D1 keeps at most 128 KiB of it
 * (storage-caps.ts says why), and filing cuts it to that before it sanitizes it and reads the reply text, so decoding
 * more of a large part would be CPU spent for nothing (a megabyte of HTML cost postal-mime 5–10 ms of a Worker's CPU).
 */
export const MAX_WORKING_HTML_CHARS = 128 * 1024;
/** Attachments kept as their own R2 objects: a larger one stays by reference (inside the raw message) instead of a second copy. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/**
 * Attachments copied to R2 per message: each copy is an R2 put, a subrequest of the 50 a Workers Free invocation may
 * make, next to about 11 D1 queries, 2 R2 calls and 1 queue send per message (measured by `npm run replay:corpora`)
 * and up to 20 DNS lookups (SPF's limit of 10 plus DKIM, DMARC and ARC). Beyond it attachments stay by reference,
 * listed and downloadable like the others.
 */
export const MAX_STORED_ATTACHMENTS = 10;
