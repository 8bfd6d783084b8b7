/**
 * A small, strict XML reader for the two settings formats discovery reads (Thunderbird
 * autoconfig, Microsoft Autodiscover POX). Both come from servers we do not control, so it does
 * only what those documents need and refuses the rest:
 * - no DTD at all (`<!DOCTYPE`, `<!ENTITY` …): that is where entity expansion ("billion laughs")
 *   and external entities (XXE) live, and neither format uses one;
 * - only the five predefined entities and numeric character references (XML 1.0 4.6, 4.1);
 * - bounded input length, nesting depth and element count.
 * Element names are reduced to their local part: the formats' namespaces carry no meaning here.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Direct character data (CDATA included), not trimmed. */
  text: string;
}

export type XmlRefusal = "dtd" | "entity" | "malformed" | "too-large" | "too-deep" | "too-many-elements";

export class XmlRefused extends Error {
  override readonly name = "XmlRefused";
  constructor(
    readonly reason: XmlRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface XmlLimits {
  maxLength: number;
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 256 * 1024, maxDepth: 32, maxElements: 5000 };

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /[A-Za-z_][-A-Za-z0-9_.:]*/y;
const SPACE = /\s*/y;

function localName(qname: string): string {
  const colon = qname.lastIndexOf(":");
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** Replaces references in text or an attribute value; anything but the allowed kinds is refused. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&<\s]{0,32});?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new XmlRefused("malformed", `a bare "&" in character data ("${whole.slice(0, 20)}")`);
    if (ref.startsWith("#")) {
      const hex = /^#x([0-9A-Fa-f]{1,6})$/.exec(ref);
      const dec = /^#([0-9]{1,7})$/.exec(ref);
      const cp = hex ? parseInt(hex[1] ?? "", 16) : dec ? Number(dec[1]) : NaN;
      // XML 1.0 2.2: Char excludes NUL, most C0 controls, surrogates and values above U+10FFFF.
      const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0x10ffff && cp !== 0xfffe && cp !== 0xffff);
      if (!Number.isFinite(cp) || !allowed) throw new XmlRefused("malformed", `an invalid character reference &${ref};`);
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw new XmlRefused("entity", `the entity &${ref}; is not one of XML's five predefined entities: refused`);
    return value;
  });
}

/** Parses one document into its root element, or throws XmlRefused. */
export function parseXml(input: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (input.length > limits.maxLength) throw new XmlRefused("too-large", `the document is larger than ${limits.maxLength} characters`);
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;

  const expect = (token: string, what: string): number => {
    const end = input.indexOf(token, i);
    if (end === -1) throw new XmlRefused("malformed", `an unterminated ${what}`);
    return end;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(input);
    if (!m) throw new XmlRefused("malformed", `a name was expected at offset ${i}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = i;
    i += SPACE.exec(input)?.[0].length ?? 0;
  };

  while (i < input.length) {
    const lt = input.indexOf("<", i);
    const textEnd = lt === -1 ? input.length : lt;
    if (textEnd > i) {
      const text = input.slice(i, textEnd);
      const current = stack[stack.length - 1];
      if (current) current.text += decodeEntities(text);
      else if (text.trim() !== "") throw new XmlRefused("malformed", "text outside the root element");
      i = textEnd;
      continue;
    }
    if (input.startsWith("<?", i)) {
      // The XML declaration and processing instructions carry nothing these formats need.
      i = expect("?>", "processing instruction") + 2;
    } else if (input.startsWith("<!--", i)) {
      i = expect("-->", "comment") + 3;
    } else if (input.startsWith("<![CDATA[", i)) {
      const current = stack[stack.length - 1];
      if (!current) throw new XmlRefused("malformed", "CDATA outside the root element");
      const end = expect("]]>", "CDATA section");
      current.text += input.slice(i + 9, end);
      i = end + 3;
    } else if (input.startsWith("<!", i)) {
      throw new XmlRefused("dtd", "the document has a DTD or a markup declaration (<!DOCTYPE, <!ENTITY …): refused, since entities are where XML expansion and XXE attacks live");
    } else if (input.startsWith("</", i)) {
      i += 2;
      const closing = localName(name());
      skipSpace();
      if (input[i] !== ">") throw new XmlRefused("malformed", `a malformed end tag </${closing}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== closing) throw new XmlRefused("malformed", `</${closing}> does not close <${open?.name ?? "nothing"}>`);
    } else {
      i++;
      const element: XmlElement = { name: localName(name()), attributes: {}, children: [], text: "" };
      if (++elements > limits.maxElements) throw new XmlRefused("too-many-elements", `more than ${limits.maxElements} elements`);
      if (stack.length === 0 && root) throw new XmlRefused("malformed", "a second root element");
      for (;;) {
        skipSpace();
        if (input.startsWith("/>", i) || input[i] === ">") break;
        const attr = localName(name());
        skipSpace();
        if (input[i] !== "=") throw new XmlRefused("malformed", `attribute ${attr} has no value`);
        i++;
        skipSpace();
        const quote = input[i];
        if (quote !== '"' && quote !== "'") throw new XmlRefused("malformed", `attribute ${attr} is not quoted`);
        const end = input.indexOf(quote, i + 1);
        if (end === -1) throw new XmlRefused("malformed", `attribute ${attr} is not terminated`);
        const value = input.slice(i + 1, end);
        if (value.includes("<")) throw new XmlRefused("malformed", `attribute ${attr} contains "<"`);
        element.attributes[attr] = decodeEntities(value);
        i = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
      if (input.startsWith("/>", i)) {
        i += 2;
        continue;
      }
      i++;
      stack.push(element);
      if (stack.length > limits.maxDepth) throw new XmlRefused("too-deep", `elements nested deeper than ${limits.maxDepth}`);
    }
  }
  if (stack.length > 0) throw new XmlRefused("malformed", `<${stack[stack.length - 1]?.name}> is never closed`);
  if (!root) throw new XmlRefused("malformed", "no root element");
  return root;
}

/** Direct children named `name` (local name, case-insensitive: servers differ in spelling). */
export function childrenNamed(el: XmlElement | null | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const wanted = name.toLowerCase();
  return el.children.filter((c) => c.name.toLowerCase() === wanted);
}

export function childNamed(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return childrenNamed(el, name)[0] ?? null;
}

/** The trimmed text of the first child named `name`, or null. */
export function childText(el: XmlElement | null | undefined, name: string): string | null {
  const child = childNamed(el, name);
  return child ? child.text.trim() : null;
}
