// A tiny Tokens object built by hand, for testing statistics against hand-computed values.
import type { DocumentMeta } from "../../src/corpus/types";
import type { Tokens } from "../../src/text/tokenize";
import { resolveSettings } from "../../src/text/tokenize";

/**
 * Documents as space-separated terms; " | " marks a removed token (a gap in the text and one
 * position of the unfiltered stream) between two terms. Each term is followed by nothing in the text, so adjacent terms are contiguous.
 */
export function tinyTokens(documents: Record<string, string>, meta: Record<string, Partial<DocumentMeta>> = {}): Tokens {
  const vocabulary: string[] = [];
  const termIndex = new Map<string, number>();
  const tokenized = Object.entries(documents).map(([id, content]) => {
    const termIds: number[] = [];
    const starts: number[] = [];
    const positions: number[] = [];
    let offset = 0;
    let position = 0;
    for (const item of content.split(" ")) {
      if (item === "|") {
        offset += 1;
        position += 1;
        continue;
      }
      let termId = termIndex.get(item);
      if (termId === undefined) {
        termId = vocabulary.length;
        vocabulary.push(item);
        termIndex.set(item, termId);
      }
      termIds.push(termId);
      starts.push(offset);
      positions.push(position++);
      offset += item.length;
    }
    return {
      id,
      meta: { encoding: "utf-8", script: "simplified" as const, ...meta[id] } as DocumentMeta,
      termIds: Int32Array.from(termIds),
      starts: Int32Array.from(starts),
      positions: Int32Array.from(positions),
      tokensBeforeFiltering: position,
    };
  });
  return { vocabulary, termIndex, tags: [], documents: tokenized, settings: resolveSettings({}) };
}
