// TXT record text: splitting into character-strings, quoting for forms that want zone-file syntax, and reading back.

/** RFC 1035 3.3.14 / 3.3: a TXT character-string holds at most 255 octets (one length byte). */
export const TXT_STRING_MAX_OCTETS = 255;

/**
 * Splits text into character-strings of at most 255 octets, never cutting a UTF-8 sequence.
 * The receiver concatenates them without separators (RFC 7208 3.3 for SPF, RFC 6376 3.6.2.2 for DKIM).
 */
export function splitTxt(text: string, maxOctets = TXT_STRING_MAX_OCTETS): string[] {
  const encoder = new TextEncoder();
  const chunks: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const char of text) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > maxOctets) {
      chunks.push(current);
      current = '';
      currentOctets = 0;
    }
    current += char;
    currentOctets += octets;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Zone-file syntax: each character-string in double quotes (with `"` and `\` escaped), separated by spaces. */
export function quoteTxt(text: string, maxOctets = TXT_STRING_MAX_OCTETS): string {
  return splitTxt(text, maxOctets)
    .map((chunk) => `"${chunk.replace(/(["\\])/g, '\\$1')}"`)
    .join(' ');
}

/**
 * The text a displayed TXT value stands for: quoted character-strings are unescaped and concatenated
 * (`"v=DKIM1; p=ab" "cd"` → `v=DKIM1; p=abcd`); an unquoted value is returned trimmed.
 */
export function unquoteTxt(display: string): string {
  const trimmed = display.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  const strings = trimmed.match(/"((?:[^"\\]|\\.)*)"/g);
  if (!strings) return trimmed;
  return strings.map((quoted) => quoted.slice(1, -1).replace(/\\(.)/g, '$1')).join('');
}
