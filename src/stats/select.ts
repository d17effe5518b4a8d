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

/** The value of a grouping key for a document: `document` groups by id, anything else is a meta field. */
export function groupOf(document: TokenizedDocument, by: string): string {
  return by === "document" ? document.id : document.meta[by] ?? "";
}
