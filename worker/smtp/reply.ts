// SMTP replies as a client reads them (RFC 5321 4.2): lines of "code-text" ending with "code text", collected from
// the bytes a socket hands over in arbitrary chunks, and the EHLO reply read into the extensions it advertises.

export type SmtpReply = { code: number; lines: string[] };

/** A server that sends more than this in one reply is not an SMTP server talking (RFC 5321 4.5.3.1.5: 512 per line). */
export const MAX_REPLY_BYTES = 64 * 1024;

export class SmtpProtocolError extends Error {
  override name = 'SmtpProtocolError';
}

const REPLY_LINE = /^(\d{3})([ -]?)(.*)$/;

/** Collects bytes and hands out complete replies; a line that is not "ddd[ -]text" is a protocol error. */
export function createReplyReader() {
  let pending = '';
  let lines: string[] = [];
  let code: number | null = null;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    push(bytes: Uint8Array): void {
      pending += decoder.decode(bytes, { stream: true });
      if (pending.length > MAX_REPLY_BYTES)
        throw new SmtpProtocolError(`the server sent more than ${MAX_REPLY_BYTES} bytes without ending its reply`);
    },
    /** The next complete reply, or null while more bytes are needed. */
    take(): SmtpReply | null {
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end).replace(/\r$/, '');
        pending = pending.slice(end + 1);
        const match = REPLY_LINE.exec(line);
        if (!match)
          throw new SmtpProtocolError(`the server answered something that is not SMTP: "${line.slice(0, 80)}"`);
        const lineCode = Number(match[1]);
        if (code !== null && lineCode !== code)
          throw new SmtpProtocolError(`a reply mixes the codes ${code} and ${lineCode}`);
        code = lineCode;
        lines.push(match[3]!);
        if (match[2] !== '-') {
          const reply = { code: lineCode, lines };
          lines = [];
          code = null;
          return reply;
        }
      }
      return null;
    },
    /** Bytes received after the last complete reply (must be none before STARTTLS: RFC 3207 5). */
    hasPending(): boolean {
      return pending.length > 0 || lines.length > 0;
    },
  };
}

export function describeReply(reply: SmtpReply): string {
  return reply.lines
    .map((line, index) => `${reply.code}${index < reply.lines.length - 1 ? '-' : ' '}${line}`)
    .join(' | ');
}

export type EhloCapabilities = {
  /** Keywords upper-cased (`STARTTLS`, `SIZE`, `AUTH`, `8BITMIME`, `SMTPUTF8`, `PIPELINING`, …), in the server's order. */
  extensions: string[];
  /** RFC 1870: `SIZE <bytes>`; null when not advertised or without a number (0 means no fixed limit). */
  sizeLimit: number | null;
  /** RFC 4954: `AUTH PLAIN LOGIN …` (and the pre-standard `AUTH=` some servers still write), upper case. */
  authMechanisms: string[];
};

/** The first line of an EHLO reply greets; each following line is one extension (RFC 5321 4.1.1.1). */
export function readEhloCapabilities(reply: SmtpReply): EhloCapabilities {
  const extensions: string[] = [];
  let sizeLimit: number | null = null;
  const mechanisms = new Set<string>();
  for (const line of reply.lines.slice(1)) {
    const [keyword = '', ...parameters] = line.trim().split(/[\s=]+/);
    const upper = keyword.toUpperCase();
    if (!upper) continue;
    if (!extensions.includes(upper)) extensions.push(upper);
    if (upper === 'SIZE' && /^\d+$/.test(parameters[0] ?? '')) sizeLimit = Number(parameters[0]);
    if (upper === 'AUTH') for (const mechanism of parameters) mechanisms.add(mechanism.toUpperCase());
  }
  return { extensions, sizeLimit, authMechanisms: [...mechanisms] };
}
