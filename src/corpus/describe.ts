// A corpus described in a few sentences of Markdown, every fact computed from the documents: how
// many, how long, from which sources and period, in which scripts, what could not be loaded. For
// notebooks and the report's index, which must never state facts of another corpus.
import { compareText } from "../shared/order";
import { codePoints } from "./summary";
import type { Corpus } from "./types";

function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}

/** Values of a metadata field with their counts, most frequent first (ties by value). */
export function fieldCounts(corpus: Corpus, field: string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const document of corpus.documents) {
    const value = document.meta[field];
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((left, right) => right[1] - left[1] || compareText(left[0], right[0]));
}

/** The first and last dates of the dated documents, and how many are dated. */
export function dateRange(corpus: Corpus): { first: string; last: string; dated: number } | undefined {
  const dates = corpus.documents.map((document) => document.meta.date).filter((date): date is string => Boolean(date) && /^\d{4}/.test(date!)).sort();
  return dates.length === 0 ? undefined : { first: dates[0], last: dates[dates.length - 1], dated: dates.length };
}

export function describeCorpus(corpus: Corpus): string {
  const documents = corpus.documents.length;
  if (documents === 0) return `The corpus holds **no document**${corpus.errors.length > 0 ? ` (${countOf(corpus.errors.length, "file")} could not be loaded)` : ""}.`;
  const characters = corpus.documents.reduce((sum, document) => sum + codePoints(document.text), 0);
  const sentences = [`The corpus holds **${countOf(documents, "document")}**, ${characters.toLocaleString("en-US")} characters after cleaning (${Math.round(characters / documents).toLocaleString("en-US")} per document on average).`];
  if (corpus.sample) {
    const { files, ofFiles, bytes, ofBytes, seed } = corpus.sample;
    const megabytes = (value: number) => (value / 1024 / 1024).toLocaleString("en-US", { maximumSignificantDigits: 3 });
    sentences.push(`These come from a **sample**: ${files.toLocaleString("en-US")} of the ${ofFiles.toLocaleString("en-US")} files (${megabytes(bytes)} of ${megabytes(ofBytes)} MB), drawn at random with seed ${seed}; what follows describes the sample, not the whole corpus.`);
  }
  const range = dateRange(corpus);
  if (!range) sentences.push("No document carries a date.");
  else if (range.first === range.last) sentences.push(`${range.dated === documents ? "All are" : `${range.dated} of them are`} dated ${range.first}.`);
  else sentences.push(`${range.dated === documents ? "They are" : `${range.dated} of them are`} dated from ${range.first} to ${range.last}.`);
  const sources = fieldCounts(corpus, "source");
  if (sources.length > 0) {
    const named = sources.slice(0, 5).map(([source, count]) => `${source} (${count})`).join(", ");
    sentences.push(`${sources.length === 1 ? "One source" : `${sources.length} sources`}: ${named}${sources.length > 5 ? ", …" : ""}.`);
  }
  const scripts = fieldCounts(corpus, "script");
  if (scripts.some(([script]) => script !== "simplified")) sentences.push(`Scripts: ${scripts.map(([script, count]) => `${count} ${script}`).join(", ")} (analysed in Simplified).`);
  const flagged = corpus.documents.filter((document) => document.flags.length > 0).length;
  if (flagged > 0) sentences.push(`${countOf(flagged, "document")} ${flagged === 1 ? "carries" : "carry"} a quality flag.`);
  if (corpus.errors.length > 0) sentences.push(`${countOf(corpus.errors.length, "file")} could not be loaded.`);
  return sentences.join(" ");
}

/**
 * A metadata field that splits the corpus into between 2 and `maxGroups` groups, for comparing
 * groups when there are too many documents to compare one by one: decade, year, speaker, source,
 * author, in that order of preference. Undefined when none does.
 */
export function groupingField(corpus: Corpus, maxGroups = 12): { field: string; groups: string[] } | undefined {
  for (const field of ["decade", "year", "speaker", "source", "author"]) {
    const values = fieldCounts(corpus, field);
    const covered = values.reduce((sum, [, count]) => sum + count, 0);
    // Most documents must have the field, or the comparison leaves them out.
    if (values.length >= 2 && values.length <= maxGroups && covered >= corpus.documents.length * 0.8) return { field, groups: values.map(([value]) => value).sort() };
  }
  return undefined;
}
