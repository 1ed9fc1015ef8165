// Prefixed, time-sortable row ids (`thr_01hx…`): minted in code, so one D1 batch can write rows that refer to each other.

const CROCKFORD_BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
/** 10 characters of milliseconds (50 bits, good until the year 37,000) keep ids sortable by creation time. */
const TIME_CHARS = 10;
/** 16 random characters (80 bits): collisions are not a practical concern. */
const RANDOM_CHARS = 16;

export type IdPrefix =
  | 'dom'
  | 'ali'
  | 'rul'
  | 'inb'
  | 'thr'
  | 'msg'
  | 'att'
  | 'tok'
  | 'evt'
  | 'whk'
  | 'odo'
  | 'dlv'
  | 'dla'
  | 'bnc'
  | 'snd'
  | 'alr';

let lastTime = -1;
let lastRandom: number[] = [];

/** Adds one to a base-32 digit array (ULID's monotonic rule: ids minted in the same millisecond keep their order). */
function increment(digits: number[]): number[] {
  const next = digits.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]! += 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  const time = Math.max(now, lastTime);
  const random =
    time === lastTime
      ? increment(lastRandom)
      : [...crypto.getRandomValues(new Uint8Array(RANDOM_CHARS))].map((b) => b % 32);
  lastTime = time;
  lastRandom = random;
  let timeChars = '';
  let rest = time;
  for (let i = 0; i < TIME_CHARS; i++) {
    timeChars = CROCKFORD_BASE32[rest % 32] + timeChars;
    rest = Math.floor(rest / 32);
  }
  return `${prefix}_${timeChars}${random.map((digit) => CROCKFORD_BASE32[digit]).join('')}`;
}
