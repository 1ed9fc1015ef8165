// A tiny XML-RPC reader for the fakes, written independently of worker/deliver/odoo-xmlrpc.ts (a cursor parser,
// Node's Buffer for base64), so that a bug in the worker's codec cannot hide itself in a symmetric fake.

export type RpcValue = string | number | boolean | null | Buffer | RpcValue[] | { [member: string]: RpcValue };
type XmlNode = { tag: string; kids: XmlNode[]; text: string };

/** Reads `<methodCall>`: the method name and its params. Throws on malformed input. */
export function readMethodCall(xml: string): { methodName: string; params: RpcValue[] } {
  const root = parseDocument(xml);
  if (root.tag !== 'methodCall') throw new Error(`root is <${root.tag}>, not <methodCall>`);
  const nameNode = root.kids.find((kid) => kid.tag === 'methodName');
  if (!nameNode) throw new Error('no <methodName>');
  const paramsNode = root.kids.find((kid) => kid.tag === 'params');
  const params = (paramsNode?.kids ?? []).map((param) => {
    if (param.tag !== 'param' || param.kids.length !== 1 || param.kids[0]!.tag !== 'value') {
      throw new Error('a <param> holds one <value>');
    }
    return readValue(param.kids[0]!);
  });
  return { methodName: nameNode.text, params };
}

function readValue(node: XmlNode): RpcValue {
  if (node.kids.length === 0) return node.text;
  if (node.kids.length !== 1) throw new Error('a <value> holds one typed element');
  const typed = node.kids[0]!;
  switch (typed.tag) {
    case 'string':
      return typed.text;
    case 'int':
    case 'i4':
    case 'i8':
      if (!/^[+-]?\d+$/.test(typed.text.trim())) throw new Error(`bad integer ${typed.text}`);
      return parseInt(typed.text, 10);
    case 'double':
      return parseFloat(typed.text);
    case 'boolean':
      if (typed.text !== '0' && typed.text !== '1') throw new Error(`bad boolean ${typed.text}`);
      return typed.text === '1';
    case 'nil':
      return null;
    case 'base64':
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(typed.text)) throw new Error('bad base64 alphabet');
      return Buffer.from(typed.text, 'base64');
    case 'array': {
      const data = typed.kids[0];
      if (!data || data.tag !== 'data') throw new Error('<array> needs <data>');
      return data.kids.map(readValue);
    }
    case 'struct': {
      const struct: { [member: string]: RpcValue } = {};
      for (const member of typed.kids) {
        const [name, value] = member.kids;
        if (member.tag !== 'member' || name?.tag !== 'name' || value?.tag !== 'value') throw new Error('bad <member>');
        struct[name.text] = readValue(value);
      }
      return struct;
    }
    default:
      throw new Error(`unsupported type <${typed.tag}>`);
  }
}

function parseDocument(source: string): XmlNode {
  let at = 0;
  const startsWith = (token: string) => source.startsWith(token, at);
  const skipPast = (token: string) => {
    const end = source.indexOf(token, at);
    if (end < 0) throw new Error(`unterminated, expected ${token}`);
    at = end + token.length;
  };
  const skipProlog = () => {
    for (;;) {
      while (at < source.length && /\s/.test(source[at]!)) at += 1;
      if (startsWith('<?')) skipPast('?>');
      else if (startsWith('<!--')) skipPast('-->');
      else return;
    }
  };
  const readName = () => {
    const match = /^[A-Za-z_][\w.:-]*/.exec(source.slice(at, at + 200));
    if (!match) throw new Error(`expected a name at ${at}`);
    at += match[0].length;
    return match[0];
  };
  const readElement = (): XmlNode => {
    if (!startsWith('<')) throw new Error(`expected an element at ${at}`);
    at += 1;
    const node: XmlNode = { tag: readName(), kids: [], text: '' };
    const tagEnd = source.indexOf('>', at);
    if (tagEnd < 0) throw new Error('unterminated tag');
    const selfClosing = source[tagEnd - 1] === '/';
    at = tagEnd + 1;
    if (selfClosing) return node;
    for (;;) {
      if (at >= source.length) throw new Error(`<${node.tag}> never closes`);
      if (startsWith('</')) {
        at += 2;
        const name = readName();
        if (name !== node.tag) throw new Error(`</${name}> closes <${node.tag}>`);
        skipPast('>');
        return node;
      }
      if (startsWith('<!--')) skipPast('-->');
      else if (startsWith('<![CDATA[')) {
        const end = source.indexOf(']]>', at);
        node.text += source.slice(at + 9, end);
        at = end + 3;
      } else if (startsWith('<')) node.kids.push(readElement());
      else {
        const end = source.indexOf('<', at);
        const raw = source.slice(at, end < 0 ? source.length : end);
        node.text += unescapeXml(raw);
        at += raw.length;
      }
    }
  };
  skipProlog();
  const root = readElement();
  skipProlog();
  if (at !== source.length) throw new Error('content after the root element');
  return root;
}

function unescapeXml(raw: string): string {
  // XML line-end normalisation first (a literal CR never survives a parser), then references.
  const normalized = raw.split('\r\n').join('\n').split('\r').join('\n');
  return normalized.replace(/&([a-z]+|#[0-9]+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name in named) return named[name]!;
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    throw new Error(`unknown entity ${whole}`);
  });
}

/** Writes a `<methodResponse>` the way Python's xmlrpc.client (and so Odoo) does, for the subset the fakes need. */
export function writeMethodResponse(result: number | boolean | string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>${writeScalar(result)}</value>\n</param>\n</params>\n</methodResponse>\n`;
}

export function writeFault(faultCode: number, faultString: string): string {
  return (
    `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n` +
    `<member>\n<name>faultCode</name>\n<value><int>${faultCode}</int></value>\n</member>\n` +
    `<member>\n<name>faultString</name>\n<value><string>${escapeLikePython(faultString)}</string></value>\n</member>\n` +
    `</struct></value>\n</fault>\n</methodResponse>\n`
  );
}

function writeScalar(value: number | boolean | string): string {
  if (typeof value === 'boolean') return `<boolean>${value ? 1 : 0}</boolean>`;
  if (typeof value === 'number') return `<int>${value}</int>`;
  return `<string>${escapeLikePython(value)}</string>`;
}

/** xmlrpc.client.escape: only &, < and > (newlines stay literal). */
function escapeLikePython(text: string): string {
  return text.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;');
}
