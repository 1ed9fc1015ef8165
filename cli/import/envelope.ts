// The envelope of an archived message, read back from its headers (the SMTP envelope itself is long gone).

const HEADER_SCAN_BYTES = 256 * 1024;

/** Header fields by lower-cased name, unfolded (RFC 5322 2.2.3), from the header section only. */
export function readHeaderSection(raw: Buffer): Map<string, string[]> {
  const head = raw.subarray(0, HEADER_SCAN_BYTES).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const fields = new Map<string, string[]>();
  for (const field of (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), field.slice(colon + 1).trim()]);
  }
  return fields;
}

/** The addr-specs of address-list fields (display names and comments dropped). */
export function readAddresses(values: string[]): string[] {
  return values.flatMap((value) =>
    [...value.matchAll(/[^\s<>",;:()]+@[^\s<>",;:()]+/g)].map((match) => match[0].toLowerCase()),
  );
}

export type ArchivedEnvelope = { sender: string; recipient: string | null };

/**
 * The sender: Return-Path (what the delivering MTA recorded), else the mbox `From ` line, else the header From.
 * The recipient: the first delivery address (X-Original-To, Delivered-To), else the first To/Cc address, in
 * `domain` when one is given; null lets the gateway use the domain's catchall.
 */
export function readArchivedEnvelope(
  raw: Buffer,
  options: { separatorSender: string | null; domain: string | null },
): ArchivedEnvelope {
  const fields = readHeaderSection(raw);
  const returnPath = fields.get('return-path')?.[0];
  const sender =
    (returnPath !== undefined ? (readAddresses([returnPath])[0] ?? '') : null) ??
    (options.separatorSender && !/^mailer-daemon@/i.test(options.separatorSender) ? options.separatorSender : null) ??
    readAddresses(fields.get('from') ?? [])[0] ??
    '';
  const candidates = readAddresses([
    ...(fields.get('x-original-to') ?? []),
    ...(fields.get('delivered-to') ?? []),
    ...(options.domain ? [...(fields.get('to') ?? []), ...(fields.get('cc') ?? [])] : []),
  ]);
  const recipient = options.domain
    ? (candidates.find((address) => address.endsWith(`@${options.domain}`)) ?? null)
    : (candidates[0] ?? null);
  return { sender, recipient };
}
