// Choosing documents of a Tokens object: by ids, by a metadata field, or by a predicate.
import type { TokenizedDocument, Tokens } from "../text/tokenize";

export type DocumentSelector =
  | string[]
  | { field: string; value: string | string[] }
  | ((document: TokenizedDocument) => boolean);

export function selectDocuments(tokens: Tokens, selector: DocumentSelector, role = "selection"): TokenizedDocument[] {
  let predicate: (document: TokenizedDocument) => boolean;
  if (Array.isArray(selector)) {
    const ids = new Set(selector);
    const known = new Set(tokens.documents.map((document) => document.id));
    const unknown = selector.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`${role}: no document with id ${unknown.map((id) => `"${id}"`).join(", ")}`);
    predicate = (document) => ids.has(document.id);
  } else if (typeof selector === "function") predicate = selector;
  else {
    const values = new Set(Array.isArray(selector.value) ? selector.value : [selector.value]);
    predicate = (document) => values.has(document.meta[selector.field] ?? "");
  }
  return tokens.documents.filter(predicate);
}

/** The group of a document without a value for the field. */
export const missingGroup = "(none)";

/** The value of a grouping key for a document: `document` groups by id, anything else is a meta field ("(none)" when absent). */
export function groupOf(document: Pick<TokenizedDocument, "id" | "meta">, by: string): string {
  return by === "document" ? document.id : document.meta[by] || missingGroup;
}

/** Throws, naming the fields there are, when no document has a value for `by`. */
export function checkGroupField(tokens: Tokens, by: string): void {
  if (by === "document" || tokens.documents.length === 0 || tokens.documents.some((document) => document.meta[by])) return;
  const fields = new Set<string>();
  for (const document of tokens.documents) for (const [field, value] of Object.entries(document.meta)) if (value) fields.add(field);
  throw new Error(`no document has a value for "${by}"; fields present: document, ${[...fields].sort().join(", ")}`);
}
