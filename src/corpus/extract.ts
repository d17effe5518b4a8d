// Text out of files that are not plain text, and a clear word for files wenxi cannot read.
//   .docx: mammoth's raw text (paragraphs, then table cells, one per line; BSD-2-Clause).
//   .pdf: the text layer by pdfjs-dist (Mozilla's PDF.js, Apache-2.0; an optional dependency),
//     page by page; a PDF without a text layer (a scan) is reported as such, not loaded empty.
//   .html/.htm: stripped here: scripts, styles, comments and heads dropped, block elements end a
//     line, character references decoded, the <title> kept as the title.
// The result is text handed to the ordinary cleaning, with the file's name and path.

/** Formats read by a library, asynchronously, on the main thread. */
export type ExtractedFormat = "docx" | "pdf";

/** Whether files of a format are read by a library (extractText) rather than decoded as text. */
export function isExtractedFormat(format: string): format is ExtractedFormat {
  return format === "docx" || format === "pdf";
}

/** What to do with files of extensions wenxi cannot read (by lower-case extension). */
export const unsupportedFormats: ReadonlyMap<string, string> = new Map([
  [".doc", "Word 97–2003 files cannot be read: save them as .docx (or .txt) and load those"],
  [".wps", "WPS files cannot be read: save them as .docx (or .txt) and load those"],
  [".rtf", "RTF files cannot be read: save them as .docx or .txt"],
  [".odt", "OpenDocument text cannot be read: save it as .docx or .txt"],
  [".pages", "Pages files cannot be read: export them as .docx or .txt"],
  [".xls", "spreadsheets cannot be read as texts: save the sheet as .csv (one text per row) and load that with --text-field"],
  [".xlsx", "spreadsheets cannot be read as texts: save the sheet as .csv (one text per row) and load that with --text-field"],
  [".ppt", "slides cannot be read: export them as .pdf or .txt"],
  [".pptx", "slides cannot be read: export them as .pdf or .txt"],
  [".epub", "EPUB books cannot be read: convert them to .txt (e.g. with Calibre's ebook-convert)"],
  [".mobi", "e-books cannot be read: convert them to .txt (e.g. with Calibre's ebook-convert)"],
  [".zip", "archives are not opened: unpack it and load the folder"],
  [".rar", "archives are not opened: unpack it and load the folder"],
  [".7z", "archives are not opened: unpack it and load the folder"],
  [".gz", "compressed files are not opened: unpack it and load the file"],
  [".png", "images hold no text wenxi can read: run OCR on them first and load the text"],
  [".jpg", "images hold no text wenxi can read: run OCR on them first and load the text"],
  [".jpeg", "images hold no text wenxi can read: run OCR on them first and load the text"],
  [".tif", "images hold no text wenxi can read: run OCR on them first and load the text"],
  [".tiff", "images hold no text wenxi can read: run OCR on them first and load the text"],
]);

/** The text of a .docx or .pdf file's bytes, or why there is none. */
export async function extractText(format: ExtractedFormat, bytes: Buffer): Promise<{ text: string } | { error: string }> {
  try {
    return format === "docx" ? await docxText(bytes) : await pdfText(bytes);
  } catch (error) {
    return { error: `cannot read the ${format === "docx" ? "Word document" : "PDF"}: ${(error as Error).message}` };
  }
}

async function docxText(bytes: Buffer): Promise<{ text: string } | { error: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require("mammoth") as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  // mammoth ends each paragraph with a blank line: one line break is a paragraph here.
  return { text: value.replace(/\n\n/g, "\n").trimEnd() };
}

interface PdfJs {
  getDocument(options: object): { promise: Promise<PdfDocument> };
}
interface PdfDocument {
  numPages: number;
  getPage(number: number): Promise<{ getTextContent(): Promise<{ items: Array<{ str?: string; hasEOL?: boolean }> }> }>;
  destroy(): Promise<void>;
}

let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  let entry: string;
  try {
    entry = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");
  } catch {
    throw new Error("reading PDF needs the optional dependency pdfjs-dist: npm install pdfjs-dist@5.6.205");
  }
  // PDF.js is an ES module without top-level await: Node ≥ 20.19 requires it like any module
  // (wenxi's engines); an import() written here would be compiled to require() anyway.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pdfjs ??= Promise.resolve(require(entry) as PdfJs);
  return pdfjs;
}

async function pdfText(bytes: Buffer): Promise<{ text: string } | { error: string }> {
  const library = await loadPdfJs();
  const document = await library.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => (item.str ?? "") + (item.hasEOL ? "\n" : "")).join("").trim());
    }
    const text = pages.filter((page) => page !== "").join("\n");
    if (text.trim() === "") return { error: `the PDF's ${document.numPages} page(s) have no text layer (a scan?): run OCR on it first and load the text` };
    return { text };
  } finally {
    await document.destroy();
  }
}

const namedReferences: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  mdash: "—", ndash: "–", hellip: "…", middot: "·", bull: "•", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’",
  laquo: "«", raquo: "»", copy: "©", reg: "®", trade: "™", times: "×", divide: "÷", deg: "°", yen: "¥",
};

/** Character references (&amp;, &#20013;, &#x4e2d;) decoded; unknown names left as written. */
export function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return namedReferences[name.toLowerCase()] ?? whole;
  });
}

const blockElements = "address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul";

/** An HTML page's text (one line per block element) and its <title>. */
export function htmlText(html: string): { text: string; title?: string } {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? decodeCharacterReferences(titleMatch[1].replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim() : undefined;
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|noscript|template|head|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(new RegExp(`<\\/?(?:${blockElements})\\b[^>]*>`, "gi"), "\n")
    .replace(/<[^>]*>/g, "")
    .split("\n")
    .map((line) => decodeCharacterReferences(line).replace(/[ \t\f\v\u00a0]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
  return { text, title: title || undefined };
}
