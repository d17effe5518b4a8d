// Named entities from jieba's part-of-speech tags: people (nr), places (ns), organisations (nt)
// and other proper nouns (nz), with counts and the documents they occur in. Tokens are already
// Simplified, so 雲南 and 云南 are one entity; a word of the user dictionary keeps the tag given
// there (add `公安部 10 nt` to make it an organisation). Context: kwic(corpus, tokens, entity).
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

export type EntityType = "person" | "place" | "organisation" | "other";

export interface EntityRow {
  entity: string;
  type: EntityType;
  /** The jieba tag (nr, nrfg, ns, nt, nz …). */
  tag: string;
  count: number;
  documentFrequency: number;
  /** The documents it occurs in, comma-separated (first 10). */
  documents: string;
}

/** The entity type of a jieba tag, or undefined for a tag that is no entity. */
export function entityType(tag: string): EntityType | undefined {
  if (tag.startsWith("nr")) return "person";
  if (tag.startsWith("ns")) return "place";
  if (tag.startsWith("nt")) return "organisation";
  if (tag === "nz") return "other";
  return undefined;
}

/** Entities of tokens made with `{ pos: true }`, most frequent first (ties by entity). */
export function entities(tokens: Tokens, options: { types?: EntityType[]; minCount?: number; top?: number } = {}): EntityRow[] {
  if (!tokens.settings.pos) throw new Error("entities need tokens made with { pos: true } (part-of-speech tags)");
  const found = new Map<string, { type: EntityType; tag: string; count: number; documents: string[] }>();
  for (const document of tokens.documents) {
    const { termIds, tagIds } = document;
    if (!tagIds) continue;
    for (let index = 0; index < termIds.length; index++) {
      const tag = tokens.tags[tagIds[index]];
      const type = entityType(tag);
      if (!type || (options.types && !options.types.includes(type))) continue;
      const term = tokens.vocabulary[termIds[index]];
      const key = `${type}\u0000${term}`;
      let entry = found.get(key);
      if (!entry) found.set(key, (entry = { type, tag, count: 0, documents: [] }));
      entry.count++;
      if (entry.documents[entry.documents.length - 1] !== document.id) entry.documents.push(document.id);
    }
  }
  const rows: EntityRow[] = [...found].map(([key, entry]) => ({
    entity: key.slice(key.indexOf("\u0000") + 1),
    type: entry.type,
    tag: entry.tag,
    count: entry.count,
    documentFrequency: entry.documents.length,
    documents: entry.documents.slice(0, 10).join(", "),
  }));
  const kept = rows.filter((row) => row.count >= (options.minCount ?? 1));
  kept.sort((left, right) => right.count - left.count || compareText(left.entity, right.entity) || compareText(left.type, right.type));
  return options.top === undefined ? kept : kept.slice(0, options.top);
}
