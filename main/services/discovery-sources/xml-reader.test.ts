import { describe, expect, it } from "vitest";
import { childText, childrenNamed, decodeEntities, parseXml, XmlRefused, type XmlRefusal } from "./xml-reader";

const refusal = (xml: string): XmlRefusal | null => {
  try {
    parseXml(xml, { maxLength: 4096, maxDepth: 8, maxElements: 50 });
    return null;
  } catch (e) {
    if (e instanceof XmlRefused) return e.reason;
    throw e;
  }
};

describe("parseXml", () => {
  it("reads elements, attributes, namespaces, CDATA, comments and the five predefined entities", () => {
    const root = parseXml(`\ufeff<?xml version="1.0" encoding="utf-8"?>
<!-- settings -->
<a:Autodiscover xmlns:a="urn:x" id='1'>
  <a:Server>smtp.example.com</a:Server>
  <Note kind="a&amp;b">x &lt;&gt; &quot;&apos; &#65;&#x42; <![CDATA[<raw> & ok]]></Note>
  <Empty/>
</a:Autodiscover>`);
    expect(root.name).toBe("Autodiscover");
    expect(root.attributes).toEqual({ a: "urn:x", id: "1" });
    expect(childText(root, "server")).toBe("smtp.example.com");
    expect(childrenNamed(root, "Note")[0]?.attributes.kind).toBe("a&b");
    expect(childText(root, "Note")).toBe(`x <> "' AB <raw> & ok`);
    expect(childrenNamed(root, "Empty")).toHaveLength(1);
  });

  it.each([
    ["a DTD (billion laughs)", `<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>`, "dtd"],
    ["an external entity (XXE)", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`, "dtd"],
    ["a DTD after a comment", `<!-- hi --><!DOCTYPE x SYSTEM "http://example.com/x.dtd"><x/>`, "dtd"],
    ["an undeclared entity", `<x>&nbsp;</x>`, "entity"],
    ["an entity in an attribute", `<x a="&e;"/>`, "entity"],
    ["a bare ampersand", `<x>fish & chips</x>`, "malformed"],
    ["a NUL character reference", `<x>&#0;</x>`, "malformed"],
    ["a mismatched end tag", `<x><y></x></y>`, "malformed"],
    ["an unclosed element", `<x><y></y>`, "malformed"],
    ["two roots", `<x/><y/>`, "malformed"],
    ["text outside the root", `hello <x/>`, "malformed"],
    ["an unquoted attribute", `<x a=1/>`, "malformed"],
    ["deep nesting", `${"<a>".repeat(9)}${"</a>".repeat(9)}`, "too-deep"],
    ["too many elements", `<r>${"<a/>".repeat(60)}</r>`, "too-many-elements"],
    ["too long a document", `<r>${"x".repeat(5000)}</r>`, "too-large"],
  ])("refuses %s", (_name, xml, reason) => {
    expect(refusal(xml)).toBe(reason);
  });

  it("accepts the maximum depth exactly", () => {
    expect(refusal(`${"<a>".repeat(8)}${"</a>".repeat(8)}`)).toBeNull();
  });

  it("decodes only what XML predefines", () => {
    expect(decodeEntities("&#x1F600;")).toBe("😀");
    expect(() => decodeEntities("&#xD800;")).toThrow(XmlRefused);
    expect(() => decodeEntities("&lol;")).toThrow(/predefined/);
  });
});
