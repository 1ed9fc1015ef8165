// The XML-RPC codec (http://xmlrpc.com/spec.md) for the subset Odoo's /xmlrpc/2 endpoints speak.
import { decodeBase64, encodeBase64 } from '../../shared/crypto/base64.ts';

/** Values we send and receive. Integers become <int>/<i8>, other numbers <double>, bytes <base64>, null <nil/>. */
export type XmlRpcValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | readonly XmlRpcValue[]
  | { readonly [member: string]: XmlRpcValue };

export type XmlRpcResponse =
  | { kind: 'result'; value: XmlRpcValue }
  | { kind: 'fault'; faultCode: XmlRpcValue; faultString: string };

export class XmlRpcSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcSyntaxError';
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** XML 1.0 section 2.2: these characters cannot appear in a document at all, even as references. */
const CHARACTERS_FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The body of `POST /xmlrpc/2/<service>` calling `methodName(params…)`. */
export function encodeXmlRpcCall(methodName: string, params: readonly XmlRpcValue[]): string {
  const encodedParams = params.map((param) => `<param>${encodeValue(param)}</param>`).join('');
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXmlText(methodName)}</methodName><params>${encodedParams}</params></methodCall>\n`;
}

/**
 * Escapes text for an XML element: `&`, `<` and `>` as entities, and CR as `&#13;` because XML parsers turn a
 * literal CR (and CRLF) into LF (XML 1.0 section 2.11), which would change the string. Throws on characters
 * XML 1.0 cannot carry at all (send such data as bytes, in <base64>).
 */
export function escapeXmlText(text: string): string {
  if (CHARACTERS_FORBIDDEN_IN_XML.test(text)) {
    throw new TypeError('string holds a control character XML 1.0 cannot carry; send it as bytes (base64)');
  }
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function encodeValue(value: XmlRpcValue): string {
  return `<value>${encodeTypedValue(value)}</value>`;
}

function encodeTypedValue(value: XmlRpcValue): string {
  if (value === null) return '<nil/>';
  if (typeof value === 'string') return `<string>${escapeXmlText(value)}</string>`;
  if (typeof value === 'boolean') return `<boolean>${value ? 1 : 0}</boolean>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`XML-RPC cannot carry the number ${value}`);
    if (!Number.isInteger(value)) return `<double>${value}</double>`;
    return value >= INT32_MIN && value <= INT32_MAX ? `<int>${value}</int>` : `<i8>${value}</i8>`;
  }
  if (value instanceof Uint8Array) return `<base64>${encodeBase64(value)}</base64>`;
  if (Array.isArray(value)) {
    return `<array><data>${(value as readonly XmlRpcValue[]).map(encodeValue).join('')}</data></array>`;
  }
  const members = Object.entries(value as { readonly [member: string]: XmlRpcValue })
    .map(([name, member]) => `<member><name>${escapeXmlText(name)}</name>${encodeValue(member)}</member>`)
    .join('');
  return `<struct>${members}</struct>`;
}

/** A parsed element: just enough XML for XML-RPC (no attributes are meaningful there). */
type XmlElement = { name: string; children: XmlElement[]; text: string };

/** Parses a `<methodResponse>`: a result value or a fault. Throws XmlRpcSyntaxError on anything else. */
export function decodeXmlRpcResponse(xml: string): XmlRpcResponse {
  const root = parseXmlElement(xml);
  if (root.name !== 'methodResponse') throw new XmlRpcSyntaxError(`expected <methodResponse>, got <${root.name}>`);
  const [first] = root.children;
  if (first?.name === 'fault') {
    const fault = decodeValue(onlyChild(first, 'value'));
    if (fault === null || typeof fault !== 'object' || Array.isArray(fault) || fault instanceof Uint8Array) {
      throw new XmlRpcSyntaxError('a <fault> must hold a struct');
    }
    const members = fault as { readonly [member: string]: XmlRpcValue };
    return {
      kind: 'fault',
      faultCode: members.faultCode ?? null,
      faultString: typeof members.faultString === 'string' ? members.faultString : String(members.faultString),
    };
  }
  if (first?.name === 'params') {
    const param = onlyChild(first, 'param');
    return { kind: 'result', value: decodeValue(onlyChild(param, 'value')) };
  }
  throw new XmlRpcSyntaxError('a <methodResponse> holds <params> or <fault>');
}

function onlyChild(element: XmlElement, name: string): XmlElement {
  const child = element.children[0];
  if (!child || child.name !== name || element.children.length !== 1) {
    throw new XmlRpcSyntaxError(`<${element.name}> must hold exactly one <${name}>`);
  }
  return child;
}

function decodeValue(value: XmlElement): XmlRpcValue {
  const typed = value.children[0];
  // The spec: a <value> without a type element is a string.
  if (!typed) return value.text;
  switch (typed.name) {
    case 'string':
      return typed.text;
    case 'int':
    case 'i4':
    case 'i8':
    case 'double': {
      const number = Number(typed.text.trim());
      if (typed.text.trim() === '' || Number.isNaN(number)) throw new XmlRpcSyntaxError(`bad <${typed.name}>`);
      return number;
    }
    case 'boolean': {
      const flag = typed.text.trim();
      if (flag !== '0' && flag !== '1') throw new XmlRpcSyntaxError(`bad <boolean>${flag}</boolean>`);
      return flag === '1';
    }
    case 'nil':
      return null;
    case 'base64':
      try {
        return decodeBase64(typed.text);
      } catch {
        throw new XmlRpcSyntaxError('bad <base64>');
      }
    case 'dateTime.iso8601':
      return typed.text.trim();
    case 'array': {
      const data = onlyChild(typed, 'data');
      return data.children.map((child) => {
        if (child.name !== 'value') throw new XmlRpcSyntaxError('<data> holds only <value>s');
        return decodeValue(child);
      });
    }
    case 'struct': {
      const members: Record<string, XmlRpcValue> = {};
      for (const member of typed.children) {
        const name = member.children.find((child) => child.name === 'name');
        const memberValue = member.children.find((child) => child.name === 'value');
        if (member.name !== 'member' || !name || !memberValue) throw new XmlRpcSyntaxError('bad <member>');
        members[name.text] = decodeValue(memberValue);
      }
      return members;
    }
    default:
      throw new XmlRpcSyntaxError(`unknown XML-RPC type <${typed.name}>`);
  }
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^>]*?)?(\/?)>|([^<]+)|(<)/g;

/** A small non-validating XML reader: elements, text, entities, CDATA; skips the declaration and comments. */
function parseXmlElement(xml: string): XmlElement {
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  for (const match of xml.matchAll(TOKEN)) {
    const [, cdata, closing, name, selfClosing, text, strayAngle] = match;
    const current = stack[stack.length - 1]!;
    if (strayAngle) throw new XmlRpcSyntaxError('malformed markup');
    if (cdata !== undefined) current.text += cdata;
    // XML 1.0 section 2.11: a literal CRLF or CR in text reads as LF; only `&#13;` yields a CR.
    else if (text !== undefined) current.text += decodeXmlEntities(text.replace(/\r\n?/g, '\n'));
    else if (name !== undefined) {
      if (closing) {
        if (current.name !== name) throw new XmlRpcSyntaxError(`</${name}> closes <${current.name}>`);
        stack.pop();
      } else {
        const element: XmlElement = { name, children: [], text: '' };
        current.children.push(element);
        if (!selfClosing) stack.push(element);
      }
    }
  }
  if (stack.length !== 1) throw new XmlRpcSyntaxError(`<${stack[stack.length - 1]!.name}> is not closed`);
  const [root, ...rest] = stack[0]!.children;
  if (!root || rest.length > 0) throw new XmlRpcSyntaxError('expected exactly one root element');
  return root;
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity as 'lt']!;
  });
}
