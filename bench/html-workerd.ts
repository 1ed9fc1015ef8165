// The worker bench/html.ts runs under wrangler dev: the HTML candidates, run inside workerd on documents it is sent.
import { Tokenizer } from 'htmlparser2';
import { sanitizeHtml } from '../worker/html/sanitize.ts';
import { convertHtmlToText } from '../worker/html/to-text.ts';
import { tokenizeHtml } from '../worker/html/tokenize.ts';

/** The part of workerd's native HTMLRewriter used here (its types come with workerd, not with Node's). */
declare class HTMLRewriter {
  on(
    selector: string,
    handlers: {
      element?(element: { attributes: Iterable<[string, string]> }): void;
      text?(chunk: { text: string }): void;
    },
  ): HTMLRewriter;
  onDocument(handlers: { text?(chunk: { text: string }): void }): HTMLRewriter;
  transform(response: Response): Response;
}

type Candidate = (html: string) => number | Promise<number>;

const IGNORE = (): void => {};
const COUNTING_SINK = { onStartTag: IGNORE, onEndTag: IGNORE, onText: IGNORE, isInForeignContent: () => false };

const CANDIDATES: Record<string, Candidate> = {
  noop: (html) => html.length,
  /** Native lol-html: every element with its attributes and every text chunk visited, the document streamed through. */
  htmlrewriter: async (html) => {
    let visited = 0;
    const rewriter = new HTMLRewriter()
      .on('*', {
        element: (element) => {
          for (const attribute of element.attributes) visited += attribute[0].length;
        },
      })
      .onDocument({
        text: (chunk) => {
          visited += chunk.text.length;
        },
      });
    await rewriter.transform(new Response(html)).arrayBuffer();
    return visited;
  },
  /** The same stream with no handler: the cost of lol-html's own tokenizer and serializer. */
  'htmlrewriter-no-handlers': async (html) =>
    (await new HTMLRewriter().transform(new Response(html)).arrayBuffer()).byteLength,
  /** Text chunks through an element-scoped handler (text inside elements) instead of the document-wide one. */
  'htmlrewriter-element-text': async (html) => {
    let visited = 0;
    const rewriter = new HTMLRewriter().on('*', {
      element: () => {
        visited++;
      },
      text: (chunk) => {
        visited += chunk.text.length;
      },
    });
    await rewriter.transform(new Response(html)).arrayBuffer();
    return visited;
  },
  /** Element handlers only (no document-wide text handler). */
  'htmlrewriter-elements': async (html) => {
    let visited = 0;
    const rewriter = new HTMLRewriter().on('*', {
      element: () => {
        visited++;
      },
    });
    await rewriter.transform(new Response(html)).arrayBuffer();
    return visited;
  },
  'htmlparser2-tokenizer': (html) => {
    let visited = 0;
    const count = (): void => {
      visited++;
    };
    const tokenizer = new Tokenizer(
      { decodeEntities: true },
      {
        onattribdata: count,
        onattribentity: count,
        onattribend: count,
        onattribname: count,
        oncdata: count,
        onclosetag: count,
        oncomment: count,
        ondeclaration: count,
        onend: count,
        onopentagend: count,
        onopentagname: count,
        onprocessinginstruction: count,
        onselfclosingtag: count,
        ontext: count,
        ontextentity: count,
      },
    );
    tokenizer.write(html);
    tokenizer.end();
    return visited;
  },
  'toolkit-tokenizer': (html) => {
    tokenizeHtml(html, COUNTING_SINK);
    return html.length;
  },
  'toolkit-html-to-text': (html) => convertHtmlToText(html).length,
  'toolkit-sanitize': (html) => sanitizeHtml(html).length,
};

let documents: string[] = [];

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/load') {
      documents = (await request.json()) as string[];
      return new Response(String(documents.length));
    }
    const candidate = CANDIDATES[url.searchParams.get('candidate') ?? ''];
    if (!candidate) return new Response(`candidates: ${Object.keys(CANDIDATES).join(', ')}`, { status: 404 });
    const rounds = Number(url.searchParams.get('rounds') ?? 1);
    let visited = 0;
    for (let round = 0; round < rounds; round++) for (const html of documents) visited += await candidate(html);
    return new Response(String(visited));
  },
};
