import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementAt, MAX_XML_DEPTH, parseXml, XmlError, type XmlElement } from './xml.ts';

/** An element as a test writes it: its content in order, text and comments between the children. */
interface Tree {
  readonly name: string;
  readonly prefixed: boolean;
  readonly attributes: readonly (readonly [string, string])[];
  readonly content: readonly Content[];
}
type Content =
  | { readonly kind: 'text'; readonly text: string; readonly style: number }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'element'; readonly tree: Tree };

/** What the reader should give for a tree. */
interface Read {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly attributes: Record<string, string>;
  readonly text: string;
  readonly children: Read[];
}

const DEFAULT_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:test.001.01';
const OTHER_NAMESPACE = 'urn:example:other';

const name = fc
  .tuple(
    fc.constantFrom(...Array.from('abcXYZ_')),
    fc.array(fc.constantFrom(...Array.from('azAZ09_.-')), { maxLength: 8 }),
  )
  .map(([first, rest]) => first + rest.join(''));
// Characters that need care (markup, quotes, white space, CR) among ordinary ones, some outside the BMP.
const character = fc.constantFrom(
  ...Array.from('<>&"\']]-?!;#x'),
  ' ',
  '\t',
  '\n',
  '\r',
  'a',
  'Z',
  '0',
  'é',
  'ß',
  '日',
  '\u00A0',
  '😀',
);
const text = fc.array(character, { maxLength: 12 }).map((characters) => characters.join(''));

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; content: Content }>((tie) => ({
  tree: fc.record({
    name,
    prefixed: fc.boolean(),
    attributes: fc.uniqueArray(fc.tuple(name, text), {
      maxLength: 3,
      selector: ([attribute]) => attribute,
    }),
    content: fc.array(tie('content'), { maxLength: 4, depthIdentifier: 'tree' }),
  }),
  content: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('text' as const), text, style: fc.nat(3) }),
    fc.record({
      kind: fc.constant('comment' as const),
      text: text.map((comment) => comment.replaceAll('-', '_')),
    }),
    fc.record({ kind: fc.constant('element' as const), tree: tie('tree') }),
  ),
})).tree;

function reference(character: string, style: number): string {
  const code = character.codePointAt(0) ?? 0;
  return style === 1 ? `&#${code};` : `&#x${code.toString(16)};`;
}

/** Text as XML, written in one of four styles: named entities, decimal or hex references, CDATA. */
function writeText(value: string, style: number): string {
  if (style === 3 && !value.includes(']]>') && !value.includes('\r')) return `<![CDATA[${value}]]>`;
  return Array.from(value)
    .map((character) => {
      if (character === '\r' || (style !== 0 && /[<>&"'\u00A0-\u{10FFFF}]/u.test(character))) {
        return reference(character, style === 0 ? 2 : style);
      }
      return { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }[character] ?? character;
    })
    .join('');
}

function writeAttribute(value: string): string {
  return value.replace(/[<&"\t\n\r]/gu, (character) => reference(character, 1));
}

function write(element: Tree, root = true): string {
  const tag = element.prefixed ? `o:${element.name}` : element.name;
  const declarations = root ? ` xmlns="${DEFAULT_NAMESPACE}" xmlns:o='${OTHER_NAMESPACE}'` : '';
  const attributes = element.attributes.map(([key, value]) => ` ${key}="${writeAttribute(value)}"`).join('');
  const inner = element.content
    .map((item) => {
      switch (item.kind) {
        case 'text':
          return writeText(item.text, item.style);
        case 'comment':
          return `<!--${item.text}-->`;
        case 'element':
          return write(item.tree, false);
      }
    })
    .join('');
  return inner === ''
    ? `<${tag}${declarations}${attributes}/>`
    : `<${tag}${declarations}${attributes}>${inner}</${tag}>`;
}

function expected(element: Tree): Read {
  return {
    name: element.name,
    namespace: element.prefixed ? OTHER_NAMESPACE : DEFAULT_NAMESPACE,
    attributes: Object.fromEntries(element.attributes),
    text: element.content.map((item) => (item.kind === 'text' ? item.text : '')).join(''),
    children: element.content.flatMap((item) => (item.kind === 'element' ? [expected(item.tree)] : [])),
  };
}

function read(element: XmlElement): Read {
  return {
    name: element.name,
    namespace: element.namespace,
    attributes: Object.fromEntries(element.attributes),
    text: element.text,
    children: element.children.map(read),
  };
}

function errorOf(document: string): XmlError {
  try {
    parseXml(document);
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error(`read without an error: ${document}`);
}

describe('parseXml', () => {
  it('reads back any tree as it was written, whatever the escaping', () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (element, declared) => {
        const document = `${declared ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${write(element)}\n`;
        expect(read(parseXml(document))).toEqual(expected(element));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every cut-short document', () => {
    fc.assert(
      fc.property(
        tree.map((element) => write(element)),
        fc.nat(),
        (document, cut) => {
          const prefix = document.slice(0, cut % document.length);
          expect(() => parseXml(prefix)).toThrow(XmlError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws nothing but an XmlError, whatever it is given', () => {
    const anything = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(fc.constantFrom('<', '>', '/', 'a', '=', '"', '&', ';', '!', '?', '-', '[', ' ', ':', 'x'), {
        maxLength: 40,
      }),
      fc
        .tuple(
          tree.map((element) => write(element)),
          fc.nat(),
          character,
        )
        .map(([document, at, inserted]) => {
          const position = at % (document.length + 1);
          return document.slice(0, position) + inserted + document.slice(position);
        }),
    );
    fc.assert(
      fc.property(anything, (input) => {
        const document = Array.isArray(input) ? input.join('') : input;
        try {
          parseXml(document);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlError);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a DOCTYPE, so entities are never declared nor expanded', () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      '  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ']>',
      '<lolz>&lol2;</lolz>',
    ].join('\n');
    expect(errorOf(laughs).message).toBe(
      'line 2, column 1: DOCTYPE and ENTITY declarations are not accepted (no DTD is read)',
    );
    expect(errorOf('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>').reason).toMatch(/DOCTYPE/);
    expect(errorOf('<a><!ENTITY x "y"></a>').reason).toMatch(/DOCTYPE and ENTITY/);
    expect(errorOf('<a/><!DOCTYPE a>').reason).toMatch(/DOCTYPE/);
    expect(errorOf('<a>&lol;</a>').reason).toMatch(/unknown entity "&lol;"/);
  });

  it('reads entities, character references, CDATA, comments and processing instructions', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<!-- a message -->\r\n' +
        '<?app data?><a t="x &amp; y&#9;&#x41;\tz">1 &lt; 2 &gt; 0 &quot;&apos;&#233;&#x1F600;<![CDATA[<b>&amp;</b>]]>\r\nend<!---->' +
        '<?pi?></a>\n<!-- after -->\n',
    );
    expect(root.name).toBe('a');
    expect(root.namespace).toBeUndefined();
    expect(root.attributes.get('t')).toBe('x & y\tA z');
    expect(root.text).toBe('1 < 2 > 0 "\'é😀<b>&amp;</b>\nend');
    expect(root.children).toEqual([]);
  });

  it('names elements and attributes by local name, with the namespace their prefix resolves to', () => {
    const root = parseXml(
      [
        '<h:Document xmlns:h="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x">',
        '  <h:Amt h:Ccy="EUR">1.00</h:Amt>',
        '  <Plain xmlns="urn:plain"><Inner/></Plain>',
        '  <Undone xmlns=""/>',
        '</h:Document>',
      ].join('\n'),
    );
    expect(root.name).toBe('Document');
    expect(root.namespace).toBe('urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08');
    expect([...root.attributes]).toEqual([['schemaLocation', 'x']]);
    expect(root.children.map((child) => [child.name, child.namespace, child.line])).toEqual([
      ['Amt', 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08', 2],
      ['Plain', 'urn:plain', 3],
      ['Undone', undefined, 4],
    ]);
    expect(elementAt(root, 'Amt')?.attributes.get('Ccy')).toBe('EUR');
    expect(elementAt(root, 'Plain/Inner')?.namespace).toBe('urn:plain');
    expect(elementAt(root, 'Plain/Missing/Inner')).toBeUndefined();
  });

  it.each([
    ['', 'line 1, column 1: the document has no root element'],
    ['  \n', 'line 2, column 1: the document has no root element'],
    ['hello', 'line 1, column 1: expected the root element'],
    ['<a>', 'line 1, column 4: <a>, opened on line 1, is not closed'],
    ['<a>\n  <b>\n</a>', 'line 3, column 1: </a> closes <b>, opened on line 2'],
    ['<a></a><b/>', 'line 1, column 8: the document has more than one root element'],
    ['<a/>text', 'line 1, column 5: text is not allowed after the root element'],
    ['<a x=1/>', 'line 1, column 6: the value of "x" must be quoted'],
    ['<a x="1" x="2"/>', 'line 1, column 10: the attribute "x" is written twice'],
    ['<a p:x="1" xmlns:p="u" q:x="2" xmlns:q="v"/>', 'line 1, column 24: two attributes are named "x"'],
    ['<a x="<"/>', 'line 1, column 7: "<" is not allowed in an attribute value (write &lt;)'],
    ['<a x="1"y="2"/>', 'line 1, column 9: expected a space, ">" or "/>" in the start tag <a>'],
    ['<a>fish & chips</a>', 'line 1, column 9: "&" must start a reference such as &amp; (a lone "&" is written &amp;)'],
    ['<a>&#0;</a>', 'line 1, column 4: "&#0;" refers to a character XML does not allow'],
    ['<a>&#xZZ;</a>', 'line 1, column 4: "&#xZZ;" is not a character reference'],
    ['<a>]]></a>', 'line 1, column 4: "]]>" is not allowed in text (write ]]&gt;)'],
    ['<a><![CDATA[x</a>', 'line 1, column 4: the CDATA section is not closed by ]]>'],
    ['<a><!-- a -- b --></a>', 'line 1, column 4: "--" is not allowed inside a comment'],
    ['<p:a/>', 'line 1, column 2: the prefix "p" is not declared'],
    ['<a xmlns:p=""/>', 'line 1, column 4: the prefix "p" cannot be undeclared'],
    ['<a>\u0001</a>', 'line 1, column 4: character U+0001 is not allowed in XML'],
    ['<a>\uD800</a>', 'line 1, column 4: the text has a lone surrogate (it is not valid Unicode)'],
    [' <?xml version="1.0"?><a/>', 'line 1, column 2: the XML declaration may only open the document'],
    [
      '<?xml version="1.0" encoding="ISO-8859-1"?><a/>',
      'line 1, column 1: the document declares encoding "ISO-8859-1"; only UTF-8 is read',
    ],
    [
      '<?xml encoding="UTF-8"?><a/>',
      'line 1, column 1: the XML declaration is malformed (<?xml version="1.0" encoding="UTF-8"?>)',
    ],
    ['</a>', 'line 1, column 2: expected an element name'],
  ])('refuses %j: %s', (document, message) => {
    expect(errorOf(document).message).toBe(message);
  });

  it(`refuses elements nested deeper than ${MAX_XML_DEPTH}`, () => {
    const deep = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
    expect(parseXml(deep(MAX_XML_DEPTH)).name).toBe('a');
    expect(errorOf(deep(MAX_XML_DEPTH + 1)).reason).toBe(`elements are nested deeper than ${MAX_XML_DEPTH}`);
  });

  it('reads a large document in linear time', () => {
    const items = '<Item Ccy="EUR">12.50</Item>\n'.repeat(100_000);
    const started = performance.now();
    const root = parseXml(`<List>\n${items}</List>`);
    expect(root.children).toHaveLength(100_000);
    expect(root.children.at(-1)?.line).toBe(100_001);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
