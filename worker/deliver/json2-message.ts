// The `message` argument of Odoo's JSON-2 `message_process`: a JSON string, which Odoo turns back into bytes as UTF-8.
// UTF-8 mail goes as it is, byte for byte. Other mail is first made 7-bit (seven-bit.ts: its 8-bit parts re-encoded,
// meaning unchanged), so that every body byte survives; what is left outside UTF-8 (8-bit header bytes a mailer wrote
// raw, against RFC 5322 2.2) is read as windows-1252, the charset such bytes nearly always are.
import { convertToSevenBit } from './seven-bit.ts';

export type Json2Message = {
  message: string;
  /** Parts re-encoded to base64 or quoted-printable (0: the bytes went as they were). */
  reencodedParts: number;
  /** Bytes outside UTF-8 left after re-encoding (in header fields), read as windows-1252. */
  repairedBytes: number;
};

/** windows-1252's 0x80–0x9F (WHATWG Encoding); 0xA0–0xFF are the same code points in Unicode. Undefined bytes keep theirs. */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
  0x017e, 0x0178,
];

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629 4), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[i + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first < 0x80) return 1;
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** UTF-8 where the bytes are UTF-8, windows-1252 for each byte that is not. */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): { text: string; repaired: number } {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const pieces: string[] = [];
  let repaired = 0;
  let runStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) pieces.push(utf8.decode(bytes.subarray(runStart, i)));
    const byte = bytes[i]!;
    pieces.push(String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_C1[byte - 0x80]! : byte));
    repaired += 1;
    i += 1;
    runStart = i;
  }
  if (runStart < bytes.length) pieces.push(utf8.decode(bytes.subarray(runStart)));
  return { text: pieces.join(''), repaired };
}

export function prepareJson2Message(raw: Uint8Array): Json2Message {
  try {
    return {
      message: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw),
      reencodedParts: 0,
      repairedBytes: 0,
    };
  } catch {
    const { bytes, reencodedParts } = convertToSevenBit(raw);
    const { text, repaired } = decodeUtf8OrWindows1252(bytes);
    return { message: text, reencodedParts, repairedBytes: repaired };
  }
}
