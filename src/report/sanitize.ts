// HTML from cell outputs is untrusted (a notebook may print anything, and corpus text is web
// content). Before it goes into a report it is rebuilt from an allowlist: known formatting and
// table tags only, with no attribute but a plain `class`; script, style and similar elements are
// dropped with their content, every other tag is dropped but its text kept, and stray < escaped.

const allowedTags = new Set([
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
  "div", "span", "p", "br", "hr", "pre", "code", "b", "i", "em", "strong", "small", "sub", "sup",
  "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "details", "summary",
]);
const droppedWithContent = new Set(["script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title", "svg", "math"]);
const voidTags = new Set(["br", "hr", "col"]);

const tokenPattern = /<!--[\s\S]*?(?:-->|$)|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>|<|[^<]+/g;

export function sanitizeHtml(html: string): string {
  let result = "";
  let skipping: string | undefined;
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(html); match !== null; match = tokenPattern.exec(html)) {
    const token = match[0];
    const tag = match[1]?.toLowerCase();
    const closing = token.startsWith("</");
    if (skipping) {
      if (closing && tag === skipping) skipping = undefined;
      continue;
    }
    if (token.startsWith("<!--")) continue;
    if (tag === undefined) {
      result += token === "<" ? "&lt;" : token.replace(/>/g, "&gt;");
      continue;
    }
    if (droppedWithContent.has(tag)) {
      if (!closing && !token.endsWith("/>")) skipping = tag;
      continue;
    }
    if (!allowedTags.has(tag)) continue;
    if (closing) {
      if (!voidTags.has(tag)) result += `</${tag}>`;
      continue;
    }
    const classMatch = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(match[2] ?? "");
    const classes = (classMatch?.[1] ?? classMatch?.[2] ?? classMatch?.[3] ?? "").split(/\s+/).filter((name) => /^[\w-]+$/.test(name));
    result += `<${tag}${classes.length > 0 ? ` class="${classes.join(" ")}"` : ""}>`;
  }
  return result;
}
