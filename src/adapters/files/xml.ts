/**
 * A small, strict XML reader for the documents Weft reads whole (ISO 20022 messages): elements,
 * attributes, text, CDATA, comments and processing instructions, the five predefined entities and
 * character references. Namespace prefixes are resolved and elements and attributes are named by
 * their local names. No DTD is read: a DOCTYPE (and so any ENTITY declaration) is refused, which
 * keeps entity expansion and external entities out. Anything not well-formed is an XmlError with
 * its line and column; nothing is guessed.
 */

/** One element: its local name, namespace, attributes, the text directly inside it and its child elements. */
export interface XmlElement {
  /** The local name (without its prefix). */
  readonly name: string;
  /** The namespace URI the element's prefix (or the default namespace) resolves to, if any. */
  readonly namespace: string | undefined;
  /** Attributes by local name; namespace declarations (xmlns, xmlns:p) are not among them. */
  readonly attributes: ReadonlyMap<string, string>;
  /** The character data directly inside the element (text and CDATA, entities replaced), concatenated. */
  readonly text: string;
  readonly children: readonly XmlElement[];
  /** The 1-based line of the start tag. */
  readonly line: number;
}

/** Why a document is not well-formed, where. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** Deepest nesting read. */
export const MAX_XML_DEPTH = 256;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*$/u;
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/u;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/u;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Open {
  readonly qualifiedName: string;
  readonly prefix: string | undefined;
  readonly local: string;
  readonly rawAttributes: Map<string, string>;
  readonly scope: ReadonlyMap<string, string>;
  readonly line: number;
  readonly children: XmlElement[];
  text: string;
}

function isAllowedCodePoint(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Reads a whole XML document (UTF-8 text; a byte order mark is skipped) into its root element. */
export function parseXml(input: string): XmlElement {
  // Line ends as XML normalises them: CR LF and lone CR are read as LF.
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/gu, '\n');
  let at = 0;

  function fail(reason: string, position = at): never {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < position && index < text.length; index += 1) {
      if (text.charCodeAt(index) === 10) {
        line += 1;
        lineStart = index + 1;
      }
    }
    throw new XmlError(reason, line, position - lineStart + 1);
  }
  // Start tags come in order: their lines are counted on from the last one.
  let countedTo = 0;
  let countedLine = 1;
  function lineAt(position: number): number {
    for (
      let index = text.indexOf('\n', countedTo);
      index !== -1 && index < position;
      index = text.indexOf('\n', index + 1)
    ) {
      countedLine += 1;
      countedTo = index + 1;
    }
    countedTo = Math.max(countedTo, position);
    return countedLine;
  }

  // Characters XML 1.0 never allows: controls other than tab, line feed and carriage return, lone
  // surrogates, U+FFFE and U+FFFF.
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code < 0xd800) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else fail('the text has a lone surrogate (it is not valid Unicode)', index);
    } else if (code >= 0xdc00 && code <= 0xdfff) fail('the text has a lone surrogate (it is not valid Unicode)', index);
    else if (!isAllowedCodePoint(code)) {
      fail(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, index);
    }
  }

  /** Replaces entity and character references in character data or an attribute value. */
  const decode = (raw: string, start: number): string => {
    if (!raw.includes('&')) return raw;
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      out += raw.slice(from, amp);
      const semicolon = raw.indexOf(';', amp);
      const reference = semicolon === -1 ? '' : raw.slice(amp + 1, semicolon);
      if (semicolon === -1 || reference === '' || /\s|&/u.test(reference)) {
        fail('"&" must start a reference such as &amp; (a lone "&" is written &amp;)', start + amp);
      }
      if (reference.startsWith('#')) {
        const hex = reference.startsWith('#x');
        const digits = reference.slice(hex ? 2 : 1);
        if (!(hex ? /^[0-9A-Fa-f]{1,6}$/u : /^[0-9]{1,7}$/u).test(digits)) {
          fail(`"&${reference};" is not a character reference`, start + amp);
        }
        const code = Number.parseInt(digits, hex ? 16 : 10);
        if (!isAllowedCodePoint(code)) fail(`"&${reference};" refers to a character XML does not allow`, start + amp);
        out += String.fromCodePoint(code);
      } else {
        const value = PREDEFINED[reference];
        if (value === undefined) {
          fail(
            `unknown entity "&${reference};" (only &lt; &gt; &amp; &quot; &apos; and character references are read)`,
            start + amp,
          );
        }
        out += value;
      }
      from = semicolon + 1;
    }
    return out + raw.slice(from);
  };

  const skipSpace = (): void => {
    while (at < text.length && /[ \t\n]/u.test(text.charAt(at))) at += 1;
  };

  const readName = (what: string): string => {
    const start = at;
    if (!NAME_START.test(text.charAt(at))) fail(`expected ${what}`);
    at += 1;
    while (at < text.length && NAME_CHAR.test(text.charAt(at))) at += 1;
    return text.slice(start, at);
  };

  const split = (qualified: string, position: number): { prefix: string | undefined; local: string } => {
    const colon = qualified.indexOf(':');
    if (colon === -1) return { prefix: undefined, local: qualified };
    const prefix = qualified.slice(0, colon);
    const local = qualified.slice(colon + 1);
    if (prefix === '' || local === '' || local.includes(':') || !NAME.test(local)) {
      fail(`"${qualified}" is not a qualified name`, position);
    }
    return { prefix, local };
  };

  const readComment = (): void => {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) fail('the comment is not closed by -->');
    const comment = text.slice(at + 4, end);
    if (comment.includes('--') || comment.endsWith('-')) {
      fail('"--" is not allowed inside a comment');
    }
    at = end + 3;
  };

  const readProcessingInstruction = (): void => {
    const start = at;
    at += 2;
    const target = readName('a processing instruction target');
    if (target.toLowerCase() === 'xml') {
      fail(start === 0 ? 'the XML declaration is malformed' : 'the XML declaration may only open the document', start);
    }
    const end = text.indexOf('?>', at);
    if (end === -1) fail('the processing instruction is not closed by ?>', start);
    if (end > at && !/[ \t\n]/u.test(text.charAt(at))) fail('expected a space after the processing instruction target');
    at = end + 2;
  };

  /** Comments, processing instructions and white space before or after the root. */
  const readMisc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', at)) readComment();
      else if (text.startsWith('<?', at)) readProcessingInstruction();
      else return;
    }
  };

  // The XML declaration: version, then optionally encoding (UTF-8 only) and standalone.
  if (text.startsWith('<?xml', 0) && /[ \t\n?]/u.test(text.charAt(5))) {
    const end = text.indexOf('?>');
    if (end === -1) fail('the XML declaration is not closed by ?>');
    const declaration = text.slice(5, end);
    const match =
      /^[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.\d+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\4)?[ \t\n]*$/u.exec(
        declaration,
      );
    if (match === null) fail('the XML declaration is malformed (<?xml version="1.0" encoding="UTF-8"?>)');
    const encoding = match[3];
    if (encoding !== undefined && !/^utf-?8$/iu.test(encoding)) {
      fail(`the document declares encoding "${encoding}"; only UTF-8 is read`);
    }
    at = end + 2;
  }

  readMisc();
  if (text.startsWith('<!DOCTYPE', at) || text.startsWith('<!ENTITY', at)) {
    fail('DOCTYPE and ENTITY declarations are not accepted (no DTD is read)');
  }
  if (at >= text.length) fail('the document has no root element');
  if (text.charAt(at) !== '<') fail('expected the root element');

  const stack: Open[] = [];
  let root: XmlElement | undefined;
  const baseScope: ReadonlyMap<string, string> = new Map([['xml', XML_NAMESPACE]]);

  const close = (open: Open): void => {
    const uri = open.scope.get(open.prefix ?? '');
    const element: XmlElement = {
      name: open.local,
      namespace: uri === '' ? undefined : uri,
      attributes: open.rawAttributes,
      text: open.text,
      children: open.children,
      line: open.line,
    };
    const parent = stack.at(-1);
    if (parent === undefined) root = element;
    else parent.children.push(element);
  };

  const readStartTag = (): void => {
    const tagStart = at;
    at += 1;
    const qualifiedName = readName('an element name');
    const written = new Map<string, { value: string; position: number }>();
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith('/>', at) || text.charAt(at) === '>') break;
      if (at >= text.length) fail(`the start tag <${qualifiedName}> is not closed`, tagStart);
      if (before === at) fail(`expected a space, ">" or "/>" in the start tag <${qualifiedName}>`);
      const position = at;
      const attribute = readName('an attribute name');
      skipSpace();
      if (text.charAt(at) !== '=') fail(`the attribute "${attribute}" has no value (expected =)`);
      at += 1;
      skipSpace();
      const quote = text.charAt(at);
      if (quote !== '"' && quote !== "'") fail(`the value of "${attribute}" must be quoted`);
      const end = text.indexOf(quote, at + 1);
      if (end === -1) fail(`the value of "${attribute}" is not closed`);
      const raw = text.slice(at + 1, end);
      const lt = raw.indexOf('<');
      if (lt !== -1) fail(`"<" is not allowed in an attribute value (write &lt;)`, at + 1 + lt);
      if (written.has(attribute)) fail(`the attribute "${attribute}" is written twice`, position);
      // Attribute values as XML normalises them: white space characters written as such become spaces.
      written.set(attribute, { value: decode(raw.replace(/[\t\n]/gu, ' '), at + 1), position });
      at = end + 1;
    }
    const selfClosing = text.startsWith('/>', at);
    at += selfClosing ? 2 : 1;

    const parentScope = stack.at(-1)?.scope ?? baseScope;
    let scope = parentScope;
    const attributes = new Map<string, string>();
    const declarations = [...written].filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'));
    if (declarations.length > 0) {
      const own = new Map(parentScope);
      for (const [name, { value, position }] of declarations) {
        const prefix = name === 'xmlns' ? '' : name.slice(6);
        if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NAMESPACE)) {
          fail(`"${name}" cannot be declared as "${value}"`, position);
        }
        if (prefix !== '' && value === '') fail(`the prefix "${prefix}" cannot be undeclared`, position);
        own.set(prefix, value);
      }
      scope = own;
    }
    for (const [name, { value, position }] of written) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const { prefix, local } = split(name, position);
      if (prefix !== undefined && !scope.has(prefix)) fail(`the prefix "${prefix}" is not declared`, position);
      if (attributes.has(local)) fail(`two attributes are named "${local}"`, position);
      attributes.set(local, value);
    }
    const { prefix, local } = split(qualifiedName, tagStart + 1);
    if (prefix !== undefined && !scope.has(prefix)) fail(`the prefix "${prefix}" is not declared`, tagStart + 1);
    if (stack.length >= MAX_XML_DEPTH) fail(`elements are nested deeper than ${MAX_XML_DEPTH}`, tagStart);
    const open: Open = {
      qualifiedName,
      prefix,
      local,
      rawAttributes: attributes,
      scope,
      line: lineAt(tagStart),
      children: [],
      text: '',
    };
    if (selfClosing) close(open);
    else stack.push(open);
  };

  const readEndTag = (): void => {
    const tagStart = at;
    at += 2;
    const name = readName('an element name');
    skipSpace();
    if (text.charAt(at) !== '>') fail(`the end tag </${name}> is not closed by ">"`);
    at += 1;
    const open = stack.pop();
    if (open === undefined) fail(`</${name}> closes no element`, tagStart);
    else if (open.qualifiedName !== name) {
      fail(`</${name}> closes <${open.qualifiedName}>, opened on line ${open.line}`, tagStart);
    } else close(open);
  };

  readStartTag();
  while (stack.length > 0) {
    const current = stack[stack.length - 1];
    if (current === undefined) break;
    if (at >= text.length) fail(`<${current.qualifiedName}>, opened on line ${current.line}, is not closed`);
    const lt = text.indexOf('<', at);
    const end = lt === -1 ? text.length : lt;
    if (end > at) {
      const raw = text.slice(at, end);
      const cdataEnd = raw.indexOf(']]>');
      if (cdataEnd !== -1) fail('"]]>" is not allowed in text (write ]]&gt;)', at + cdataEnd);
      current.text += decode(raw, at);
      at = end;
      continue;
    }
    if (text.startsWith('</', at)) readEndTag();
    else if (text.startsWith('<!--', at)) readComment();
    else if (text.startsWith('<![CDATA[', at)) {
      const close = text.indexOf(']]>', at + 9);
      if (close === -1) fail('the CDATA section is not closed by ]]>');
      current.text += text.slice(at + 9, close);
      at = close + 3;
    } else if (text.startsWith('<?', at)) readProcessingInstruction();
    else if (text.startsWith('<!', at)) fail('DOCTYPE and ENTITY declarations are not accepted (no DTD is read)');
    else readStartTag();
  }
  readMisc();
  if (text.startsWith('<!', at)) fail('DOCTYPE and ENTITY declarations are not accepted (no DTD is read)');
  if (at < text.length) {
    fail(
      text.charAt(at) === '<'
        ? 'the document has more than one root element'
        : 'text is not allowed after the root element',
    );
  }
  if (root === undefined) return fail('the document has no root element');
  return root;
}

/** The first child element of that local name. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** The child elements of that local name. */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The element at a path of local names below this one (`'DbtrAcct/Id/IBAN'`), first of each name. */
export function elementAt(element: XmlElement, path: string): XmlElement | undefined {
  let current: XmlElement | undefined = element;
  for (const name of path.split('/')) {
    if (current === undefined) return undefined;
    current = childOf(current, name);
  }
  return current;
}
