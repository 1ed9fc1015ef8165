import { describe, expect, it } from 'vitest';
import { readMethodCall } from '../../tests/fakes/xml-rpc-reader.ts';
import { XmlRpcSyntaxError, decodeXmlRpcResponse, encodeXmlRpcCall, escapeXmlText } from './odoo-xmlrpc.ts';

// Written by Python's xmlrpc.client.dumps(..., methodresponse=True), which is what Odoo's /xmlrpc/2 uses.
const PYTHON_FAULT = `<?xml version='1.0'?>
<methodResponse>
<fault>
<value><struct>
<member>
<name>faultCode</name>
<value><int>1</int></value>
</member>
<member>
<name>faultString</name>
<value><string>Traceback (most recent call last):
ValueError: No possible route &lt;x&gt; &amp; y</string></value>
</member>
</struct></value>
</fault>
</methodResponse>
`;
const PYTHON_RESULT = `<?xml version='1.0'?>
<methodResponse>
<params>
<param>
<value><struct>
<member>
<name>a</name>
<value><array><data>
<value><int>1</int></value>
<value><boolean>1</boolean></value>
<value><nil/></value>
<value><string>x\r\ny</string></value>
<value><double>2.5</double></value>
<value><base64>
AP8=
</base64></value>
<value>untyped</value>
</data></array></value>
</member>
</struct></value>
</param>
</params>
</methodResponse>
`;

describe('encodeXmlRpcCall', () => {
  it('writes the message_process call odoo-mailgate.py makes', () => {
    const raw = new Uint8Array([0x41, 0x00, 0x0d, 0x0a, 0xff]);
    const xml = encodeXmlRpcCall('execute_kw', ['db', 7, 'key', 'mail.thread', 'message_process', [false, raw], {}]);
    expect(xml).toContain('<methodName>execute_kw</methodName>');
    expect(xml).toContain(
      '<param><value><array><data><value><boolean>0</boolean></value><value><base64>QQANCv8=</base64></value></data></array></value></param>',
    );
    expect(xml).toContain('<param><value><struct></struct></value></param>');
    expect(xml).toContain('<param><value><int>7</int></value></param>');
  });

  it('round-trips through the independent reader of the fakes', () => {
    const raw = new Uint8Array(Array.from({ length: 256 }, (_, byte) => byte));
    const xml = encodeXmlRpcCall('m', ['a&b <c> ]]> \r\n\r', -3, 2 ** 40, 0.25, true, null, raw, [{ 'k&y': ['v'] }]]);
    const { methodName, params } = readMethodCall(xml);
    expect(methodName).toBe('m');
    expect(params.slice(0, 6)).toEqual(['a&b <c> ]]> \r\n\r', -3, 2 ** 40, 0.25, true, null]);
    expect(Buffer.compare(params[6] as Buffer, Buffer.from(raw))).toBe(0);
    expect(params[7]).toEqual([{ 'k&y': ['v'] }]);
  });
});

describe('escapeXmlText', () => {
  it('escapes markup and carriage returns, and refuses characters XML cannot carry', () => {
    expect(escapeXmlText('a&b<c>d\r\n')).toBe('a&amp;b&lt;c&gt;d&#13;\n');
    expect(() => escapeXmlText('nul\u0000')).toThrow(TypeError);
  });
});

describe('decodeXmlRpcResponse', () => {
  it('reads a fault as Python writes it', () => {
    expect(decodeXmlRpcResponse(PYTHON_FAULT)).toEqual({
      kind: 'fault',
      faultCode: 1,
      faultString: 'Traceback (most recent call last):\nValueError: No possible route <x> & y',
    });
  });

  it('reads every type, normalising literal CRLF to LF as an XML parser must', () => {
    const decoded = decodeXmlRpcResponse(PYTHON_RESULT);
    expect(decoded.kind).toBe('result');
    const [one, flag, nil, text, double, bytes, untyped] = (decoded as unknown as { value: { a: unknown[] } }).value.a;
    expect([one, flag, nil, text, double, untyped]).toEqual([1, true, null, 'x\ny', 2.5, 'untyped']);
    expect(Array.from(bytes as Uint8Array)).toEqual([0x00, 0xff]);
  });

  it('throws XmlRpcSyntaxError on HTML or broken XML', () => {
    expect(() => decodeXmlRpcResponse('<html><body>502 Bad Gateway</body></html>')).toThrow(XmlRpcSyntaxError);
    expect(() => decodeXmlRpcResponse('<methodResponse><params>')).toThrow(XmlRpcSyntaxError);
    expect(() =>
      decodeXmlRpcResponse(
        '<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>',
      ),
    ).toThrow(XmlRpcSyntaxError);
  });
});
