import { describe, expect, it } from 'vitest';
import { createReplyReader, readEhloCapabilities, SmtpProtocolError } from './reply.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SMTP replies (RFC 5321 4.2)', () => {
  it('assembles multi-line replies from arbitrary chunks', () => {
    const reader = createReplyReader();
    reader.push(bytes('220 smtp.example.com ESMTP\r\n250-smtp.exa'));
    expect(reader.take()).toEqual({ code: 220, lines: ['smtp.example.com ESMTP'] });
    expect(reader.take()).toBeNull();
    reader.push(bytes('mple.com\r\n250-SIZE 10240000\r\n250 AUTH PLAIN LOGIN\r\n'));
    expect(reader.take()).toEqual({ code: 250, lines: ['smtp.example.com', 'SIZE 10240000', 'AUTH PLAIN LOGIN'] });
    expect(reader.hasPending()).toBe(false);
  });

  it('refuses what is not SMTP (a TLS record, an HTTP answer) and mixed codes', () => {
    const tls = createReplyReader();
    tls.push(new Uint8Array([0x16, 0x03, 0x03, 0x00, 0x2a, 0x0a]));
    expect(() => tls.take()).toThrow(SmtpProtocolError);
    const mixed = createReplyReader();
    mixed.push(bytes('250-a\r\n251 b\r\n'));
    expect(() => mixed.take()).toThrow(/mixes the codes 250 and 251/);
  });

  it('reads the EHLO extensions, SIZE and AUTH mechanisms (the old AUTH= form too)', () => {
    expect(
      readEhloCapabilities({
        code: 250,
        lines: [
          'smtp.example.com Hello',
          'PIPELINING',
          'SIZE 35882577',
          'AUTH LOGIN PLAIN XOAUTH2',
          'AUTH=LOGIN',
          '8BITMIME',
          'SMTPUTF8',
          'STARTTLS',
        ],
      }),
    ).toEqual({
      extensions: ['PIPELINING', 'SIZE', 'AUTH', '8BITMIME', 'SMTPUTF8', 'STARTTLS'],
      sizeLimit: 35882577,
      authMechanisms: ['LOGIN', 'PLAIN', 'XOAUTH2'],
    });
    expect(readEhloCapabilities({ code: 250, lines: ['mx.example'] })).toEqual({
      extensions: [],
      sizeLimit: null,
      authMechanisms: [],
    });
  });
});
