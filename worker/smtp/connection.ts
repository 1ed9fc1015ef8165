// One SMTP connection from the Worker over a `cloudflare:sockets` socket: replies read against a deadline, commands
// written as CRLF lines, and the in-place TLS upgrade of STARTTLS (RFC 3207), which replaces the socket.
import { createReplyReader, SmtpProtocolError, type SmtpReply } from './reply.ts';

/** `connect` of `cloudflare:sockets`, injected so that the probe's wiring stays at the edge. */
export type OpenSocket = (address: { hostname: string; port: number }, options: SocketOptions) => Socket;

export class SmtpTimeoutError extends Error {
  override name = 'SmtpTimeoutError';
}

/** The server closed the connection where a reply was due. */
export class SmtpClosedError extends Error {
  override name = 'SmtpClosedError';
}

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SmtpTimeoutError(`${what}: no answer within ${Math.round(ms / 100) / 10} s`)),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export type SmtpConnection = {
  /** Resolves once the socket (and, for implicit TLS, the handshake when the runtime does it eagerly) is up. */
  opened(timeoutMs: number): Promise<void>;
  readReply(timeoutMs: number, what: string): Promise<SmtpReply>;
  send(line: string): Promise<void>;
  /** STARTTLS accepted (220): the same connection continues over TLS; every later read is encrypted. */
  upgradeToTls(): void;
  close(): Promise<void>;
};

export function openSmtpConnection(
  openSocket: OpenSocket,
  address: { hostname: string; port: number },
  secureTransport: 'on' | 'off' | 'starttls',
): SmtpConnection {
  let socket = openSocket(address, { secureTransport, allowHalfOpen: false });
  let reader = socket.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  let writer = socket.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
  let replies = createReplyReader();
  const encoder = new TextEncoder();

  const nextReply = async (): Promise<SmtpReply> => {
    for (;;) {
      const reply = replies.take();
      if (reply) return reply;
      const { value, done } = await reader.read();
      if (done) throw new SmtpClosedError('the server closed the connection');
      replies.push(value);
    }
  };

  return {
    async opened(timeoutMs) {
      await withDeadline(socket.opened, timeoutMs, 'connect');
    },
    readReply: (timeoutMs, what) => withDeadline(nextReply(), timeoutMs, what),
    async send(line) {
      await writer.write(encoder.encode(`${line}\r\n`));
    },
    upgradeToTls() {
      // RFC 3207 5: nothing the server sent before the handshake may be read as if it came after it.
      if (replies.hasPending())
        throw new SmtpProtocolError('the server sent data after its STARTTLS answer, before TLS began');
      reader.releaseLock();
      writer.releaseLock();
      // The runtime checks the certificate against the host name the socket was opened with.
      socket = socket.startTls();
      reader = socket.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>;
      writer = socket.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
      replies = createReplyReader();
    },
    async close() {
      // A socket stuck in a TLS handshake may never finish closing: the probe does not wait for it.
      await withDeadline(socket.close(), 1000, 'close').catch(() => undefined);
    },
  };
}
