// Inline CSS by allow-list: properties that lay out and colour text, values that can neither fetch nor run anything.

const SIDES = ['top', 'right', 'bottom', 'left'];
const CORNERS = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

/**
 * Properties a mail's inline style may keep. Left out on purpose: anything that can load a resource (cursor,
 * list-style-image, border-image, content, filter, mask, clip-path, @font-face descriptors such as unicode-range),
 * and anything that lifts content out of the message's flow over the reader's interface (top/left/…, z-index,
 * transform, inset).
 */
const ALLOWED_PROPERTIES: ReadonlySet<string> = new Set([
  'background',
  'background-color',
  'background-image',
  'background-position',
  'background-repeat',
  'background-size',
  'border',
  'border-collapse',
  'border-color',
  'border-radius',
  'border-spacing',
  'border-style',
  'border-width',
  ...SIDES.flatMap((side) => [
    `border-${side}`,
    `border-${side}-color`,
    `border-${side}-style`,
    `border-${side}-width`,
  ]),
  ...CORNERS.map((corner) => `border-${corner}-radius`),
  'box-sizing',
  'caption-side',
  'clear',
  'color',
  'direction',
  'display',
  'float',
  'font',
  'font-family',
  'font-size',
  'font-stretch',
  'font-style',
  'font-variant',
  'font-weight',
  'height',
  'letter-spacing',
  'line-height',
  'list-style',
  'list-style-position',
  'list-style-type',
  'margin',
  ...SIDES.map((side) => `margin-${side}`),
  'max-height',
  'max-width',
  'min-height',
  'min-width',
  'opacity',
  'outline',
  'outline-color',
  'outline-style',
  'outline-width',
  'overflow',
  'overflow-wrap',
  'overflow-x',
  'overflow-y',
  'padding',
  ...SIDES.map((side) => `padding-${side}`),
  'position',
  'table-layout',
  'text-align',
  'text-decoration',
  'text-decoration-color',
  'text-decoration-line',
  'text-decoration-style',
  'text-indent',
  'text-overflow',
  'text-transform',
  'vertical-align',
  'visibility',
  'white-space',
  'width',
  'word-break',
  'word-spacing',
  'word-wrap',
]);

/** Functions a value may call: colours, arithmetic and gradients. url(), image-set(), expression() and the rest are not. */
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'calc',
  'min',
  'max',
  'clamp',
  'linear-gradient',
  'radial-gradient',
  'repeating-linear-gradient',
  'repeating-radial-gradient',
]);

/** Values a property may only take from a list: `position` may not pin or float content over the page. */
const KEYWORD_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['position', new Set(['static', 'relative'])],
]);

/**
 * Anything that lets CSS say one thing and mean another makes the whole attribute go: escapes (`\75 rl(`),
 * comments (`ur/**\/l(`), at-rules and blocks, markup characters, and control characters (U+0000 is read as U+FFFD).
 */
const SMUGGLING = /[\\<>@{}\u0000-\u0008\u000b\u000e-\u001f\u007f]|\/\*/;
/** Quoted strings (no escapes: refused above; no line breaks: an unterminated string in CSS). */
const QUOTED_STRING = /"[^"\n\r\f]*"|'[^'\n\r\f]*'/g;
/** After strings are taken out, a value is made of identifiers, numbers, hashes, operators and parentheses. */
const VALUE_CHARACTERS = /^[\p{L}\p{N}\s#%.,+\-*/!()_]*$/u;
/** A `(` and the name written right before it (empty for a bare parenthesis). */
const OPENING_PARENTHESIS = /([\p{L}\p{N}_-]*)\(/gu;
const PROPERTY_NAME = /^[a-z][a-z-]*$/;
const IMPORTANT = /\s*!\s*important\s*$/i;

/** Returns the declarations of `style` that are allowed, normalised (`name: value; …`), or '' when none is. */
export function sanitizeStyle(style: string): string {
  if (SMUGGLING.test(style)) return '';
  const kept: string[] = [];
  for (const declaration of splitDeclarations(style)) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (isAllowedDeclaration(property, value)) kept.push(`${property}: ${value}`);
  }
  return kept.join('; ');
}

function isAllowedDeclaration(property: string, value: string): boolean {
  if (!PROPERTY_NAME.test(property) || !ALLOWED_PROPERTIES.has(property) || value.length === 0) return false;
  // Strings may hold any text (font names); what is left must be plain tokens, with no stray quote.
  const bare = value.replace(QUOTED_STRING, ' ');
  if (!VALUE_CHARACTERS.test(bare)) return false;
  for (const [, name] of bare.matchAll(OPENING_PARENTHESIS)) {
    if (!ALLOWED_FUNCTIONS.has(name!.toLowerCase())) return false;
  }
  const keywords = KEYWORD_VALUES.get(property);
  return keywords === undefined || keywords.has(bare.replace(IMPORTANT, '').trim().toLowerCase());
}

/** Splits at the semicolons that end declarations, not at those inside a quoted string. */
function splitDeclarations(style: string): string[] {
  const declarations: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < style.length; index++) {
    const char = style[index];
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ';') {
      declarations.push(style.slice(start, index));
      start = index + 1;
    }
  }
  declarations.push(style.slice(start));
  return declarations;
}
