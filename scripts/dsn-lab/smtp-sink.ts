// A scripted SMTP server on 127.0.0.1 for the DSN lab: answers each recipient as told and keeps what it accepts.
import { createServer, type Server, type Socket } from 'node:net';

/** What the remote server answers for one recipient: at RCPT TO, or after the data of a message sent to it. */
export type ScriptedReply = { rcpt?: string; data?: string };

export type SinkOptions = {
  port: number;
  /** EHLO SIZE limit to advertise (RFC 1870), if any. */
  sizeLimit?: number;
  /** Replies by lower-case recipient address; any other recipient is accepted with 250. */
  replies: Map<string, ScriptedReply>;
  /** Called with every message accepted for at least one recipient. */
  onMessage: (message: { sender: string; recipients: string[]; data: string }) => void;
};

/** Starts the sink; resolves once it listens. */
export function startSmtpSink(options: SinkOptions): Promise<Server> {
  const server = createServer((socket) => serveSession(socket, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}

function serveSession(socket: Socket, options: SinkOptions): void {
  socket.setEncoding('latin1');
  let buffer = '';
  let inData = false;
  let sender = '';
  let recipients: string[] = [];
  let dataReply: string | null = null;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  reply('220 sink.lab.test ESMTP');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        const data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
        buffer = buffer.slice(end + 5);
        inData = false;
        if (dataReply) reply(dataReply);
        else {
          options.onMessage({ sender, recipients, data });
          reply('250 2.0.0 Ok: queued');
        }
        recipients = [];
        dataReply = null;
        continue;
      }
      const newline = buffer.indexOf('\r\n');
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') {
        reply('250-sink.lab.test');
        if (options.sizeLimit) reply(`250-SIZE ${options.sizeLimit}`);
        reply('250-8BITMIME');
        reply('250 ENHANCEDSTATUSCODES');
      } else if (verb === 'HELO') reply('250 sink.lab.test');
      else if (verb === 'MAIL') {
        sender = /<([^>]*)>/.exec(line)?.[1] ?? '';
        recipients = [];
        dataReply = null;
        reply('250 2.1.0 Ok');
      } else if (verb === 'RCPT') {
        const address = (/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase();
        const scripted = options.replies.get(address);
        if (scripted?.rcpt) reply(scripted.rcpt);
        else {
          recipients.push(address);
          if (scripted?.data) dataReply = scripted.data;
          reply('250 2.1.5 Ok');
        }
      } else if (verb === 'DATA') {
        if (recipients.length === 0) reply('554 5.5.1 Error: no valid recipients');
        else {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        }
      } else if (verb === 'RSET') {
        recipients = [];
        dataReply = null;
        reply('250 2.0.0 Ok');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 Bye');
        socket.end();
        return;
      } else if (verb === 'NOOP') reply('250 2.0.0 Ok');
      else reply('502 5.5.2 Error: command not recognized');
    }
  });
}
