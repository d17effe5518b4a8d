// Short, unique labels for documents in tables and charts. Ids are often file names or hashes
// (000_cc917116ad61b671), and titles repeat across a series (49 reports all titled 政府工作报告),
// so a label is the title, made unique by what tells the documents apart (year, speaker, source
// …), shortened without collisions; never a prefix of the id, which collides ("195").
import type { Corpus, Document } from "./types";
import { compareText } from "../shared/order";

export interface LabelOptions {
  /** Longest label in characters (code points). Default 16. */
  maxLength?: number;
}

const distinguishingFields = ["year", "date", "speaker", "author", "source", "title"];

function shorten(text: string, maxLength: number): string {
  const characters = [...text.replace(/\s+/g, " ").trim()];
  return characters.length <= maxLength ? characters.join("") : `${characters.slice(0, maxLength - 1).join("")}…`;
}

/** Values of the metadata fields that differ among the documents given, in a fixed order. */
function fieldsThatDiffer(documents: Document[]): string[] {
  const names = new Set<string>();
  for (const document of documents) for (const [name, value] of Object.entries(document.meta)) if (value) names.add(name);
  const ordered = [...distinguishingFields.filter((name) => names.has(name)), ...[...names].filter((name) => !distinguishingFields.includes(name)).sort()];
  const skip = new Set(["encoding", "script", "line", "dateSource", "decade", "editor", "photographer"]);
  return ordered.filter((name) => !skip.has(name) && new Set(documents.map((document) => document.meta[name] ?? "")).size > 1);
}

/** id → label, for every document of the corpus. */
export function documentLabels(source: Corpus | Document[], options: LabelOptions = {}): Map<string, string> {
  const documents = Array.isArray(source) ? source : source.documents;
  const maxLength = options.maxLength ?? 16;
  const labels = new Map<string, string>();
  const base = (document: Document) => (document.title.trim() !== "" ? document.title : document.id);
  const groups = new Map<string, Document[]>();
  for (const document of documents) {
    const key = base(document);
    groups.set(key, [...(groups.get(key) ?? []), document]);
  }
  for (const [title, members] of groups) {
    if (members.length === 1) {
      labels.set(members[0].id, shorten(title, maxLength));
      continue;
    }
    // Same title: prefix what differs (1954 周恩来 政府工作报告), and the id if nothing does.
    let fields = fieldsThatDiffer(members).filter((name) => name !== "title");
    // A date adds nothing to its year when every date is within its year's label already.
    if (fields.includes("year") && members.every((document) => (document.meta.date ?? "").slice(0, 4) === (document.meta.year ?? ""))) {
      const years = new Set(members.map((document) => document.meta.year));
      if (years.size === members.length) fields = fields.filter((name) => name !== "date");
    }
    for (const document of members) {
      const parts = fields.map((name) => document.meta[name]).filter((value): value is string => Boolean(value));
      const prefix = parts.length > 0 ? parts.join(" ") : document.id;
      labels.set(document.id, shorten(`${prefix} ${title}`, maxLength));
    }
  }
  // Shortening may make two labels alike: number the repeats.
  const seen = new Map<string, number>();
  for (const document of documents) {
    const label = labels.get(document.id)!;
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count > 1) labels.set(document.id, `${label} (${count})`);
  }
  return labels;
}

/**
 * Document ids in reading order for charts and tables: dated documents by date (a year before any
 * day of it), then undated ones by id. Labels sort 1958 (关于一九五八年度…) after 2017; dates do not.
 */
export function documentOrder(corpus: Corpus): string[] {
  const dated = corpus.documents.filter((document) => document.meta.date || document.meta.year);
  const undated = corpus.documents.filter((document) => !(document.meta.date || document.meta.year));
  const when = (document: Corpus["documents"][number]) => document.meta.date ?? document.meta.year ?? "";
  dated.sort((left, right) => compareText(when(left), when(right)) || compareText(left.id, right.id));
  undated.sort((left, right) => compareText(left.id, right.id));
  return [...dated, ...undated].map((document) => document.id);
}
