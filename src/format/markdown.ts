// Markdown → HTML for the two kinds of Markdown wenxi shows. A notebook's own Markdown cells are
// the author's: rendered with raw HTML off. Prose a cell computes (say, finding) carries corpus
// text (titles, sources, speakers, terms), which is untrusted: rendered with raw HTML off and no
// links, images or autolinks, so a document cannot add markup, a script or a clickable link.
import type MarkdownIt from "markdown-it";

let authored: MarkdownIt | undefined;
let computed: MarkdownIt | undefined;

function markdownIt(): typeof MarkdownIt {
  // markdown-it loads on first use, not at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("markdown-it") as typeof MarkdownIt;
}

/** A notebook's Markdown cell → HTML, raw HTML shown as text. */
export function renderMarkdown(source: string): string {
  authored ??= new (markdownIt())({ html: false, linkify: false, typographer: false });
  return authored.render(source);
}

/** Computed prose (which may quote the corpus) → HTML: raw HTML shown as text, no links or images. */
export function renderProse(source: string): string {
  computed ??= new (markdownIt())({ html: false, linkify: false, typographer: false }).disable(["link", "image", "autolink"]);
  return computed.render(source);
}
