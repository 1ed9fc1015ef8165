// TXT record text: character-strings of at most 255 octets, joined, split, quoted and read back (RFC 1035 3.3.14, 5.1).

/** RFC 1035 3.3.14 / 3.3: a TXT character-string holds at most 255 octets (one length byte). */
export const TXT_STRING_MAX_OCTETS = 255;

/** The text of one TXT record: its character-strings joined without separator (RFC 7208 3.3, RFC 6376 3.6.2.2). */
export function joinTxt(strings: readonly string[]): string {
  return strings.join('');
}

/** Splits text into character-strings of at most `maxOctets` UTF-8 octets, never inside a character. */
export function splitTxt(text: string, maxOctets = TXT_STRING_MAX_OCTETS): string[] {
  const encoder = new TextEncoder();
  const strings: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const char of text) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > maxOctets) {
      strings.push(current);
      current = '';
      currentOctets = 0;
    }
    current += char;
    currentOctets += octets;
  }
  if (current !== '' || strings.length === 0) strings.push(current);
  return strings;
}

/** Zone-file form (RFC 1035 5.1): each character-string in double quotes, `"` and `\` escaped, separated by spaces. */
export function quoteTxt(text: string, maxOctets = TXT_STRING_MAX_OCTETS): string {
  return splitTxt(text, maxOctets)
    .map((string) => `"${string.replace(/[\\"]/g, (char) => `\\${char}`)}"`)
    .join(' ');
}

/**
 * Zone-file form → its character-strings (RFC 1035 5.1): `"a" "b\"c"` → ["a", 'b"c']; `\X` quotes X and `\DDD` is a
 * decimal octet. Text that does not start with a quote is one unquoted string, kept whole.
 */
export function parseQuotedTxt(data: string): string[] {
  if (!data.trimStart().startsWith('"')) return [data];
  const encoder = new TextEncoder();
  const strings: string[] = [];
  let index = 0;
  while (index < data.length) {
    if (data[index] !== '"') {
      index++;
      continue;
    }
    index++;
    const octets: number[] = [];
    while (index < data.length && data[index] !== '"') {
      const char = data[index] ?? '';
      if (char === '\\') {
        const digits = data.slice(index + 1, index + 4);
        if (/^\d{3}$/.test(digits)) {
          octets.push(Number(digits));
          index += 4;
        } else {
          octets.push(...encoder.encode(data[index + 1] ?? ''));
          index += 2;
        }
        continue;
      }
      const text = String.fromCodePoint(data.codePointAt(index) ?? 0);
      octets.push(...encoder.encode(text));
      index += text.length;
    }
    index++;
    strings.push(new TextDecoder().decode(new Uint8Array(octets)));
  }
  return strings;
}

/**
 * The text a displayed TXT value stands for: quoted character-strings unescaped and joined (`"v=DKIM1; p=ab" "cd"` →
 * `v=DKIM1; p=abcd`); a value that is not quoted, trimmed.
 */
export function unquoteTxt(display: string): string {
  return joinTxt(parseQuotedTxt(display.trim()));
}
