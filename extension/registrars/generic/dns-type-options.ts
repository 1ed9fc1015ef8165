// Recognises the options of a record-type chooser: `TXT`, `TXT Record`, `TXT - Text record`, `MX – Specifies mail
// servers`, `TXT (SPF, DKIM…)`. The list is every resource record type a panel offers, so that a chooser is known by
// what it contains whatever it is called.

const RECORD_TYPE_TOKENS = new Set([
  'A', 'AAAA', 'AFSDB', 'ALIAS', 'ANAME', 'APL', 'CAA', 'CDNSKEY', 'CDS', 'CERT', 'CNAME', 'CSYNC', 'DHCID', 'DKIM',
  'DLV', 'DMARC', 'DNAME', 'DNSKEY', 'DS', 'EUI48', 'EUI64', 'FWD', 'HINFO', 'HIP', 'HTTPS', 'IPSECKEY', 'KEY', 'KX',
  'LOC', 'MX', 'NAPTR', 'NS', 'NSEC', 'NSEC3', 'OPENPGPKEY', 'PTR', 'RP', 'SMIMEA', 'SOA', 'SPF', 'SRV', 'SSHFP',
  'SVCB', 'TLSA', 'TXT', 'URI', 'URL', 'ZONEMD',
]);

/** The record type an option or tile names (its first word, in capitals as every panel writes it), or null. */
export function readRecordTypeOption(text: string): string | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)(?=$|[\s\-–—:(/.,])/.exec(text);
  const token = match?.[1];
  if (!token || token !== token.toUpperCase()) return null;
  return RECORD_TYPE_TOKENS.has(token) ? token : null;
}

/** True when the options are record types: two or more, and most of the list (a placeholder may come first). */
export function isRecordTypeList(texts: readonly string[]): boolean {
  const meaningful = texts.filter((text) => text.trim() !== '');
  const types = new Set(meaningful.map(readRecordTypeOption).filter((type): type is string => type !== null));
  return types.size >= 2 && types.size >= meaningful.length * 0.6;
}

/** The record types named as whole words in a heading or title (`Aggiungi Record TXT`, `TXT- und CNAME-Records`). */
export function findRecordTypeWords(text: string): string[] {
  const words = text.match(/\b[A-Z][A-Z0-9]{0,9}\b/g) ?? [];
  return [...new Set(words.filter((word) => RECORD_TYPE_TOKENS.has(word) && word !== 'A'))];
}
