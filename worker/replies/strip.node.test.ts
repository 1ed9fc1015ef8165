// Reply text extraction on small fixtures of each client and language: the new text stays, history and signature go.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../html/tree.ts';
import { extractReplyText, MAX_REPLY_SCAN_CHARS } from './strip.ts';

const readFixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const fromText = (text: string): string => extractReplyText({ text });

describe('extractReplyText on HTML bodies', () => {
  it('drops a Gmail quote container and the Gmail signature', () => {
    expect(extractReplyText({ html: readFixture('gmail-reply.html') })).toBe(
      "Sounds good, let's meet on Tuesday.\n\nMarie",
    );
  });

  it('cuts an Outlook desktop reply at the bordered From/Sent block', () => {
    expect(extractReplyText({ html: readFixture('outlook-reply.html') })).toBe(
      'Hello Bob,\n\nThe invoice is attached.',
    );
  });

  it('cuts an Outlook on the web reply at appendonsend / divRplyFwdMsg', () => {
    expect(extractReplyText({ html: readFixture('outlook-web-reply.html') })).toBe('Approved & signed.');
  });

  it('reads the tree the caller parsed (for sanitizing too) instead of parsing the HTML again', () => {
    const html = readFixture('gmail-reply.html');
    expect(extractReplyText({ html, htmlTree: parseHtml(html) })).toBe(extractReplyText({ html }));
    // A tree of other HTML shows that the given one is read, not the string.
    expect(extractReplyText({ html, htmlTree: parseHtml('<p>Other words.</p>') })).toBe('Other words.');
  });

  it('drops Apple Mail cite blockquotes and the iPhone signature', () => {
    expect(extractReplyText({ html: readFixture('apple-mail-reply.html') })).toBe('Yes, 14:00 works.');
  });

  it('drops the Thunderbird cite prefix, quote and moz-signature', () => {
    expect(extractReplyText({ html: readFixture('thunderbird-reply.html') })).toBe("Merci, c'est noté.");
  });

  it('keeps the answers of an interleaved reply and drops the quoted questions', () => {
    expect(extractReplyText({ html: readFixture('interleaved-reply.html') })).toBe(
      'See my answers below.\nYes, it is final.\nNext Monday.',
    );
  });

  it('keeps a forwarded message, which is the content being passed on', () => {
    const html =
      '<div>FYI</div><div class="gmail_quote">---------- Forwarded message ---------<br>From: Bob &lt;bob@example.com&gt;<br>Subject: Order<br><br>Ten boxes, please.</div>';
    expect(extractReplyText({ html })).toContain('Ten boxes, please.');
  });

  it('decodes entities and turns <br> and blocks into lines', () => {
    expect(extractReplyText({ html: '<p>Caf&eacute; &amp; cr&#232;me&nbsp;!</p><p>Line<br>break</p>' })).toBe(
      'Café & crème\u00a0!\n\nLine\nbreak',
    );
  });

  it('falls back to the text part when the HTML part renders to nothing', () => {
    expect(
      extractReplyText({ html: '<img src="cid:logo">', text: 'Only text here.\n\n> quoted\n> more\n> lines' }),
    ).toBe('Only text here.');
  });
});

describe('extractReplyText on plain-text bodies', () => {
  it('cuts at an English "On … wrote:" line and its `>` quote', () => {
    expect(
      fromText('Works for me.\n\nOn Mon, Mar 3, 2025 at 10:00 AM Bob <bob@example.com> wrote:\n> Does it work?\n'),
    ).toBe('Works for me.');
  });

  it('cuts at an "On … wrote:" line wrapped over two lines', () => {
    expect(
      fromText('Thanks!\n\nOn Mon, Mar 3, 2025 at 10:00 AM Bob Builder <\nbob@example.com> wrote:\n\n> Hi\n'),
    ).toBe('Thanks!');
  });

  it('cuts at a German "Am … schrieb …:" line', () => {
    expect(
      fromText('Danke, passt.\n\nAm 03.03.2025 um 10:00 schrieb Bob Builder <bob@example.com>:\n> Passt das?\n'),
    ).toBe('Danke, passt.');
  });

  it('cuts at a French "Le … a écrit :" line', () => {
    expect(
      fromText("C'est parfait.\n\nLe lun. 3 mars 2025 à 10:00, Bob <bob@example.com> a écrit :\n> Ça vous va ?\n"),
    ).toBe("C'est parfait.");
  });

  it('cuts at an -----Original Message----- block', () => {
    expect(
      fromText(
        'Approved.\n\n-----Original Message-----\nFrom: Bob\nSent: Monday\nTo: Alice\nSubject: Budget\n\nPlease approve.',
      ),
    ).toBe('Approved.');
  });

  it('cuts at a From:/Sent:/To:/Subject: header block in another language', () => {
    expect(
      fromText(
        'Klar.\n\nVon: Bob Builder <bob@example.com>\nGesendet: Montag, 3. März 2025 10:00\nAn: Alice\nBetreff: Termin\n\nGeht Dienstag?',
      ),
    ).toBe('Klar.');
  });

  it('removes `>` quote blocks without an attribution', () => {
    expect(fromText('Yes please.\n\n> Do you want the blue one?\n> It is in stock.\n> Regards')).toBe('Yes please.');
  });

  it('treats a URL tail that lost its `>` when wrapped as part of the quote', () => {
    expect(fromText('Done.\n\nOn Mon, 3 Mar 2025, Bob wrote:\n> See (http://example.com/a\n_b=1)\n>\n')).toBe('Done.');
  });

  it('keeps new text written under a quote (bottom posting)', () => {
    expect(fromText('On 03/03/2025 10:00, Bob wrote:\n> Is it ready?\n\nIt is ready.')).toBe('It is ready.');
  });

  it('keeps inline answers between quoted lines', () => {
    expect(fromText('> Price final?\n\nYes.\n\n> Delivery date?\n\nMonday.')).toBe('Yes.\n\nMonday.');
  });

  it('removes a mobile signature in English and German', () => {
    expect(fromText('On my way.\n\nSent from my iPhone')).toBe('On my way.');
    expect(fromText('Bin unterwegs.\n\nGesendet von meinem iPhone')).toBe('Bin unterwegs.');
  });

  it('removes a "-- " signature', () => {
    expect(fromText('See attached.\n\n-- \nAlice Martin\nACME Corp\n+1 555 0100')).toBe('See attached.');
  });

  it('keeps "--" in the middle of a sentence and a friendly closing', () => {
    expect(fromText('This is -- honestly -- fine.\n\nThanks,\nAlice')).toBe(
      'This is -- honestly -- fine.\n\nThanks,\nAlice',
    );
  });

  it('returns a message with no quote unchanged (apart from trailing whitespace)', () => {
    expect(fromText('Hello team,\n\nthe server is back up.  \n\nBest,\nAlice\n')).toBe(
      'Hello team,\n\nthe server is back up.\n\nBest,\nAlice',
    );
  });

  it('does not mistake prose ending in "wrote:" for an attribution', () => {
    expect(fromText('Here is what the customer wrote:\nthe parcel arrived broken.')).toBe(
      'Here is what the customer wrote:\nthe parcel arrived broken.',
    );
  });

  it('returns an empty string for an empty body', () => {
    expect(extractReplyText({})).toBe('');
    expect(extractReplyText({ text: null, html: null })).toBe('');
  });
});

describe('extractReplyText within its budget (MAX_REPLY_SCAN_CHARS)', () => {
  it('reads the lines of a body of many short lines up to the budget, and looks for no signature at the cut', () => {
    const lines = Array.from({ length: MAX_REPLY_SCAN_CHARS }, (_, index) =>
      index % 3 === 2 ? '-- ' : `l${index % 10}`,
    );
    const text = `Thanks, the new text.\n${lines.join('\n')}`;
    // Short lines cost their length and line break: the lines read are those that start within the budget.
    const textLines = text.split('\n');
    let read = 0;
    for (let spent = 0; spent <= MAX_REPLY_SCAN_CHARS; read++) spent += textLines[read]!.length + 1;
    const expected = textLines
      .slice(0, read)
      .map((line) => line.trimEnd())
      .join('\n');
    // Nothing past the budget is read, and the sig-dash lines near the cut are no signature: the cut is no end.
    expect(fromText(text)).toBe(expected);
    // A whole body of the same make, shorter than the budget, ends in a signature that is cut.
    expect(fromText(`Thanks, the new text.\nl1\n-- \nBob`)).toBe('Thanks, the new text.\nl1');
  });

  it('counts a long line as MAX_LINE_COST: the text after a 700,000-character line is still read', () => {
    const text = `Hello,\n${'x'.repeat(700_000)}\nthe last line.\n-- \nBob`;
    const reply = fromText(text);
    expect(reply.endsWith('\nthe last line.')).toBe(true);
  });
});
