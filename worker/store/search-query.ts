// Turns the console's search text (`GET /api/threads?q=`) into an FTS5 MATCH expression that can never be a syntax
// error: every word is quoted, so the user's `"`, `*`, `:`, `(`, `AND`, `NEAR`… are plain text, not query syntax.

/**
 * What the unicode61 tokenizer keeps as word characters (letters, digits, combining marks); everything else separates
 * words, as it does when the text is indexed.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** More words than this add nothing a person types, and each one costs a doclist walk. */
export const MAX_SEARCH_TERMS = 16;

/**
 * `q` split on whitespace into terms; each term is a phrase of its words (`ann@buyer.example` → the adjacent words
 * ann, buyer, example), and all terms must match one document. The last word of the whole text matches as a prefix
 * (`inv` finds "invoice") unless punctuation ends it (`5_%` is the word 5, not a prefix of 50). Null: no word at all.
 */
export function buildMatchExpression(q: string): string | null {
  const terms = q.split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_TERMS);
  const phrases = terms.flatMap((term, index) => {
    const words = term.match(WORD);
    if (!words) return [];
    const isLastTerm = index === terms.length - 1;
    const endsInWord = /[\p{L}\p{N}\p{M}]$/u.test(term);
    // Words hold no double quote (WORD excludes it), so wrapping them in quotes is a complete escape.
    return [`"${words.join(' ')}"${isLastTerm && endsInWord ? ' *' : ''}`];
  });
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}
