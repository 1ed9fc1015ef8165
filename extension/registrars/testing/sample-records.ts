// Records the adapter tests fill and expect to read back (a 2048-bit-sized DKIM key exercises TXT splitting).
import type { RecordToFill } from '../registrar-adapter.ts';

/** The DKIM public key used in every fixture (random bytes shaped like a 2048-bit RSA key; not a real key). */
export const FIXTURE_DKIM_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/yy6yxz4Uk0yGfuBXunJJm/oSHoNrKsFXJu59awr2qxPDjpLK4NFQV7FZmH+UzHQR1xfxRXmyqhAPu7NPpZP+rtJySLdi46tYBfB2WiucHX4PN8RJIb0/ZWTq338UKnJmjEfiI9Fu3YxHtGr8W67iYfU7JhUtJjuoOwN81JYuQ0gBJWuIXpyQUfMgsNuD856nrb0NdObex/PfrsyPZGVmZBp7omYPMBH8NXApHFeZDRoAkSaJGfJdnQYS3zWdYCaiQPRYml15Hx3ZfP76d3p7TxUk';
export const FIXTURE_DKIM_TEXT = `v=DKIM1; k=rsa; p=${FIXTURE_DKIM_KEY}`;
export const FIXTURE_DMARC_TEXT = 'v=DMARC1; p=none; rua=mailto:dmarc@example.com';

/** The records a mail setup asks an admin to add, one of each shape a DNS form must take. */
export const RECORD_KINDS = ['spf', 'dmarc', 'dkim', 'cname', 'mx'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The record of a kind for a zone, fully qualified, with a TTL of one hour (every fixture offers it). */
export function buildSampleRecord(kind: RecordKind, zone: string): RecordToFill {
  switch (kind) {
    case 'spf':
      return { type: 'TXT', name: zone, value: 'v=spf1 include:_spf.mailgate.example ~all', ttl: 3600 };
    case 'dmarc':
      return { type: 'TXT', name: `_dmarc.${zone}`, value: `v=DMARC1; p=none; rua=mailto:dmarc@${zone}`, ttl: 3600 };
    case 'dkim':
      return { type: 'TXT', name: `mailgate._domainkey.${zone}`, value: FIXTURE_DKIM_TEXT, ttl: 3600 };
    case 'cname':
      return { type: 'CNAME', name: `mg1._domainkey.${zone}`, value: 'mg1.dkim.mailgate.example', ttl: 3600 };
    case 'mx':
      return { type: 'MX', name: zone, value: 'mx.mailgate.example', priority: 10, ttl: 3600 };
  }
}
