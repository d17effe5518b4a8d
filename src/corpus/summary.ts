// One row per document: what a user checks first about a loaded corpus.
import type { Corpus } from "./types";

export interface CorpusSummaryRow {
  id: string;
  title: string;
  date: string;
  source: string;
  script: string;
  encoding: string;
  /** Characters (code points) in `original`. */
  charactersBefore: number;
  /** Characters (code points) in the cleaned `text`. */
  charactersAfter: number;
  /** Lines moved to metadata or removed as debris. */
  linesRemoved: number;
  /** Quality flag kinds, comma-separated. */
  flags: string;
}

/** Characters as a reader counts them: code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function corpusSummary(corpus: Corpus): CorpusSummaryRow[] {
  return corpus.documents.map((document) => ({
    id: document.id,
    title: document.title,
    date: document.meta.date ?? "",
    source: document.meta.source ?? "",
    script: document.meta.script,
    encoding: document.meta.encoding,
    charactersBefore: codePoints(document.original),
    charactersAfter: codePoints(document.text),
    linesRemoved: document.log.filter((entry) => entry.line !== undefined && (entry.step === "metadata" || entry.step === "debris") && entry.rule !== "image-credit").length,
    flags: document.flags.map((flag) => flag.kind).join(", "),
  }));
}
