// The one HTML tokenizer of mailgate: htmlparser2's state machine with the full HTML5 entity table, as plain tokens.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { RAW_TEXT_ELEMENTS } from './elements.ts';

/** Attribute names (lowercase) to decoded values; the first of duplicate names wins (HTML §13.2.5.33). */
export type HtmlAttributes = Record<string, string>;

/** Shared by every tag without attributes (most of them): one object fewer per element. Read-only. */
const NO_ATTRIBUTES: HtmlAttributes = Object.freeze({});

/** What a reader of the token stream implements. Text arrives decoded (character references resolved). */
export type HtmlTokenSink = {
  onStartTag(name: string, attributes: HtmlAttributes, selfClosing: boolean): void;
  onEndTag(name: string): void;
  onText(text: string): void;
  /** Inside <svg>/<math>, <style>, <title> and the other raw-text names hold markup (HTML §13.2.6.5). */
  isInForeignContent(): boolean;
};

/**
 * HTML §13.2.5.42: outside SVG and MathML, `<![CDATA[` opens a bogus comment that ends at the first `>`; htmlparser2
 * reads on to `]]>` (to the end of input when there is none, hiding the whole body). A real CDATA section can only
 * sit in SVG or MathML, which the sanitizer drops, so every opening is made a bogus comment's (`<!` + anything but
 * `--`, `[CDATA[` or DOCTYPE) by one edit before reading.
 */
const CDATA_OPENING = /<!\[CDATA\[/g;
const BOGUS_COMMENT_OPENING = '<!_CDATA[';

/** A raw-text end tag as the tokenizer recognises one: the name, then whitespace, `/` or `>`. */
const RAW_TEXT_END_TAG = new RegExp(`</(${[...RAW_TEXT_ELEMENTS].join('|')})[\\t\\n\\f\\r />]`, 'gi');

/**
 * Feeds the tokens of `html` to `sink`, in time linear in its length.
 *
 * One more departure from a browser, on purpose: a raw-text element with no end tag anywhere after it (an unclosed
 * <title>, <style>, <textarea>, <script>…) would turn the whole rest of the document into its text, so a mail
 * that forgets `</title>` would show nothing. Such a start tag is dropped and what follows is read as markup.
 */
export function tokenizeHtml(source: string, sink: HtmlTokenSink): void {
  const html = source.includes('<![CDATA[') ? source.replace(CDATA_OPENING, BOGUS_COMMENT_OPENING) : source;
  const lastEndTags = findLastRawTextEndTags(html);
  let segmentStart = 0;
  while (segmentStart < html.length) {
    const reader = new SegmentReader(html, segmentStart, sink, lastEndTags);
    const resumeAt = reader.run();
    if (resumeAt === null) break;
    segmentStart = resumeAt;
  }
}

/** Where each raw-text element's last end tag starts: a start tag after it can never be closed. */
function findLastRawTextEndTags(html: string): Map<string, number> {
  const lastEndTags = new Map<string, number>();
  for (const match of html.matchAll(RAW_TEXT_END_TAG)) lastEndTags.set(match[1]!.toLowerCase(), match.index);
  return lastEndTags;
}

/** Reads from `start` to the end, or to just after an unclosed raw-text start tag (then `run` says where to resume). */
class SegmentReader implements TokenizerCallbacks {
  private readonly segment: string;
  private readonly tokenizer: Tokenizer;
  private pendingText = '';
  private tagName = '';
  private attributes: HtmlAttributes = NO_ATTRIBUTES;
  private attributeName = '';
  private attributeValue = '';
  private resumeAt: number | null = null;
  private readonly start: number;
  private readonly sink: HtmlTokenSink;
  private readonly lastEndTags: ReadonlyMap<string, number>;

  constructor(html: string, start: number, sink: HtmlTokenSink, lastEndTags: ReadonlyMap<string, number>) {
    this.start = start;
    this.sink = sink;
    this.lastEndTags = lastEndTags;
    this.segment = start === 0 ? html : html.slice(start);
    this.tokenizer = new Tokenizer({ decodeEntities: true }, this);
  }

  run(): number | null {
    this.tokenizer.write(this.segment);
    this.tokenizer.end();
    this.flushText();
    return this.resumeAt;
  }

  ontext(start: number, endIndex: number): void {
    this.pendingText += this.segment.slice(start, endIndex);
  }
  ontextentity(codePoint: number): void {
    this.pendingText += String.fromCodePoint(codePoint);
  }
  /** Never called: `tokenizeHtml` turns every `<![CDATA[` into a bogus comment first. */
  oncdata(): void {}

  onopentagname(start: number, endIndex: number): void {
    this.flushText();
    this.tagName = this.segment.slice(start, endIndex).toLowerCase();
    this.attributes = NO_ATTRIBUTES;
  }
  onattribname(start: number, endIndex: number): void {
    this.attributeName = this.segment.slice(start, endIndex).toLowerCase();
    this.attributeValue = '';
  }
  onattribdata(start: number, endIndex: number): void {
    this.attributeValue += this.segment.slice(start, endIndex);
  }
  onattribentity(codePoint: number): void {
    this.attributeValue += String.fromCodePoint(codePoint);
  }
  onattribend(): void {
    // `__proto__` would set the object's prototype, not an attribute: no mail needs it.
    if (this.attributeName === '__proto__' || Object.hasOwn(this.attributes, this.attributeName)) return;
    if (this.attributes === NO_ATTRIBUTES) this.attributes = {};
    this.attributes[this.attributeName] = this.attributeValue;
  }
  onopentagend(endIndex: number): void {
    this.emitStartTag(endIndex, false);
  }
  onselfclosingtag(endIndex: number): void {
    this.emitStartTag(endIndex, true);
  }
  onclosetag(start: number, endIndex: number): void {
    this.flushText();
    this.sink.onEndTag(this.segment.slice(start, endIndex).toLowerCase());
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
  isInForeignContext(): boolean {
    return this.sink.isInForeignContent();
  }

  private emitStartTag(endIndex: number, selfClosing: boolean): void {
    const name = this.tagName;
    if (RAW_TEXT_ELEMENTS.has(name) && !this.sink.isInForeignContent()) {
      const contentStart = this.start + endIndex + 1;
      if ((this.lastEndTags.get(name) ?? -1) < contentStart) {
        this.resumeAt = contentStart;
        this.tokenizer.pause();
        return;
      }
    }
    this.sink.onStartTag(name, this.attributes, selfClosing);
  }

  private flushText(): void {
    if (this.pendingText.length === 0) return;
    this.sink.onText(this.pendingText);
    this.pendingText = '';
  }
}
