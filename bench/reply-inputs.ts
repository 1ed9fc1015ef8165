// Synthetic plain-text replies of a given size and shape, for the reply-extraction benchmark and its linear-time test.

export const REPLY_INPUT_SHAPES = [
  'thread', // a reply over a long history of attributed, quoted messages
  'short-lines', // many one-character lines
  'deep-quotes', // lines with hundreds of '>' levels
  'long-line', // one line without a break
  'header-like-lines', // "From: …" lines that never make a block
  'attribution-like-lines', // "On … wrote:" lines without quotes
  'signature-marks', // "-- " and rule lines all along
] as const;

export type ReplyInputShape = (typeof REPLY_INPUT_SHAPES)[number];

const UNITS: Record<ReplyInputShape, (index: number) => string> = {
  thread: (index) =>
    `Answer ${index}: sounds good, see you then.\n\nOn Mon, Mar 3, 2025 at 10:${String(index % 60).padStart(2, '0')} AM Bob <bob@example.com> wrote:\n> Can we meet on Tuesday?\n> Thanks, Bob\n\n`,
  'short-lines': () => 'a\n',
  'deep-quotes': (index) => `${'>'.repeat(300)} level ${index}\n`,
  'long-line': () => 'word-and-more-words-without-any-break-',
  'header-like-lines': (index) => `From: sender${index}@example.com and more prose\nJust text in between.\n`,
  'attribution-like-lines': (index) => `On Monday ${index} Bob wrote: something\nand prose follows\n`,
  'signature-marks': () => '-- \n____\nline\n',
};

/** Repeats the shape's unit until the text reaches `size` characters; starts with a line of new text. */
export function buildReplyInput(shape: ReplyInputShape, size: number): string {
  const parts: string[] = ['Thanks, this is the new text.\n\n'];
  let length = parts[0]!.length;
  for (let index = 0; length < size; index++) {
    const unit = UNITS[shape](index);
    parts.push(unit);
    length += unit.length;
  }
  return parts.join('').slice(0, size);
}
