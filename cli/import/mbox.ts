// Streams the messages of an mbox archive one at a time: never more than one message in memory.

export type MboxMessage = {
  /** The message bytes, line endings as in the file, the mboxrd `>From ` escaping undone. */
  raw: Buffer;
  /** The address of the `From ` separator line (`From sender@host date`), when there is one. */
  separatorSender: string | null;
  /** Byte offset of the separator line in the file. */
  offset: number;
};

const LF = 0x0a;
const FROM_LINE = Buffer.from('From ');

function isSeparator(line: Buffer): boolean {
  return line.subarray(0, FROM_LINE.length).equals(FROM_LINE);
}

/** mboxrd (and mboxo's `>From `): a body line `>From `, `>>From `… had one `>` added when it was written. */
function unescapeLine(line: Buffer): Buffer {
  let depth = 0;
  while (line[depth] === 0x3e) depth++;
  return depth > 0 && line.subarray(depth, depth + FROM_LINE.length).equals(FROM_LINE) ? line.subarray(1) : line;
}

function readSeparatorSender(line: Buffer): string | null {
  const sender = line.toString('latin1').slice(FROM_LINE.length).trim().split(/\s+/)[0] ?? '';
  return sender.includes('@') ? sender : null;
}

/** The blank line that separates messages belongs to the mbox, not to the message before it. */
function finishMessage(lines: Buffer[]): Buffer {
  const last = lines.at(-1);
  if (last && (last.length === 1 || (last.length === 2 && last[0] === 0x0d)) && last[last.length - 1] === LF)
    lines.pop();
  return Buffer.concat(lines);
}

/**
 * Splits an mbox stream at its `From ` lines (every one at the start of a line: writers escape the body's). Bytes
 * before the first separator (not an mbox message) are skipped.
 */
export async function* readMbox(chunks: AsyncIterable<Buffer>): AsyncGenerator<MboxMessage> {
  let carry: Buffer = Buffer.alloc(0);
  let lines: Buffer[] | null = null;
  let separatorSender: string | null = null;
  let messageOffset = 0;
  let position = 0;
  for await (const chunk of chunks) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let lineStart = 0;
    for (let newline = buffer.indexOf(LF, lineStart); newline !== -1; newline = buffer.indexOf(LF, lineStart)) {
      // Copied: the read buffer is reused by the stream, the message outlives it.
      const line = Buffer.from(buffer.subarray(lineStart, newline + 1));
      if (isSeparator(line)) {
        if (lines) yield { raw: finishMessage(lines), separatorSender, offset: messageOffset };
        lines = [];
        separatorSender = readSeparatorSender(line);
        messageOffset = position;
      } else if (lines) {
        lines.push(unescapeLine(line));
      }
      position += line.length;
      lineStart = newline + 1;
    }
    carry = Buffer.from(buffer.subarray(lineStart));
  }
  if (lines) {
    if (carry.length > 0) lines.push(unescapeLine(carry));
    yield { raw: finishMessage(lines), separatorSender, offset: messageOffset };
  }
}
