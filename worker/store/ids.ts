// Prefixed, time-sortable row ids (`thr_01hx…`): minted in code, so one D1 batch can write rows that refer to each other.

const CROCKFORD_BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
/** 10 characters of milliseconds (50 bits, good until the year 37,000) keep ids sortable by creation time. */
const TIME_CHARS = 10;
/** 16 random characters (80 bits): collisions are not a practical concern. */
const RANDOM_CHARS = 16;

export type IdPrefix =
  | 'dom' | 'ali' | 'rul' | 'inb' | 'thr' | 'msg' | 'att' | 'tok' | 'evt' | 'whk' | 'odo' | 'dlv' | 'dla' | 'bnc';

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < TIME_CHARS; i++) {
    time = CROCKFORD_BASE32[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const randomBytes = crypto.getRandomValues(new Uint8Array(RANDOM_CHARS));
  let random = '';
  for (const byte of randomBytes) random += CROCKFORD_BASE32[byte % 32];
  return `${prefix}_${time}${random}`;
}
