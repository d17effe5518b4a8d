// Keywords per document by three methods: `tfidf` (IDF fitted to this corpus), and nodejieba's
// own `jieba-tfidf` (its bundled IDF) and `textrank` (Mihalcea & Tarau 2004). nodejieba's
// TextRank (cppjieba's TextRankExtractor) builds its graph over every word of two or more
// characters that is not one of its stopwords, linking words up to 5 apart; unlike Python
// jieba's textrank (allowPOS ns, n, vn, v) it has no part-of-speech filter. The `pos` option here
// filters the ranked words, not the graph. Both nodejieba methods' results then pass the same
// term filters as tokens (numbers such as 000 or 1955, punctuation, wenxi's stopwords).
import type { Corpus } from "../corpus/types";
import { cacheFolder, cacheKey, computeCached, recordCall, stableText } from "../shared/cache";
import { extractWithJiebaIdf, extractWithTextRank, insertedWords, jiebaKeywordTotal, tag, userDictionaries } from "../text/segmenter";
import { resolveStopwords } from "../text/stopwords";
import { documentsDigest, resolveSettings, termPassesFilters, tokenize, type TokenizeOptions, type Tokens } from "../text/tokenize";
import { compareText, descending } from "../shared/order";
import { tfidf } from "./tfidf";

export type KeywordMethod = "tfidf" | "jieba-tfidf" | "textrank";

export interface KeywordRow {
  document: string;
  method: KeywordMethod;
  rank: number;
  term: string;
  weight: number;
}

export interface KeywordOptions {
  method?: KeywordMethod;
  /** Keywords per document. Default 10. */
  top?: number;
  /** Keep keywords whose POS tag starts with one of these (e.g. ["n", "v"]). */
  pos?: string[];
  /** How to tokenize when given a corpus (method `tfidf`); for the nodejieba methods, the term filters (numbers, punctuation, stopwords) applied to their keywords. */
  tokenize?: TokenizeOptions;
}

function isTokens(source: Corpus | Tokens): source is Tokens {
  return (source as Tokens).vocabulary !== undefined;
}

function tagOfWord(word: string): string {
  return tag(word)[0]?.tag ?? "x";
}

export function keywords(source: Corpus | Tokens, options: KeywordOptions = {}): KeywordRow[] {
  const method = options.method ?? "tfidf";
  const top = options.top ?? 10;
  if (method === "tfidf") {
    let tokens: Tokens;
    if (isTokens(source)) {
      if (options.pos && !source.settings.pos) throw new Error("keywords with a POS filter need tokens made with { pos: true }, or pass the corpus");
      tokens = source;
    } else tokens = tokenize(source, { ...options.tokenize, ...(options.pos ? { includePos: options.pos } : {}) });
    if (options.pos && isTokens(source)) {
      // Filter the given tokens' occurrences by tag before weighting.
      const allowed = source.tags.map((name) => options.pos!.some((prefix) => name.startsWith(prefix)));
      tokens = {
        ...source,
        documents: source.documents.map((document) => {
          const keep = Array.from(document.tagIds ?? [], (tagId) => allowed[tagId]);
          const kept = <T extends Int32Array>(values: T) => values.filter((_, index) => keep[index]);
          return { ...document, termIds: kept(document.termIds), starts: kept(document.starts), positions: kept(document.positions) };
        }),
      };
    }
    return tfidf(tokens, { idf: "corpus", top }).map((row) => ({ document: row.document, method, rank: row.rank, term: row.term, weight: row.tfidf }));
  }
  if (isTokens(source)) throw new Error(`keywords by "${method}" run nodejieba on the texts: pass the corpus, not tokens`);
  const extract = method === "textrank" ? extractWithTextRank : extractWithJiebaIdf;
  const settings = resolveSettings({ ...options.tokenize, pos: false, includePos: undefined, excludePos: undefined, mode: "precise" });
  const stopwords = resolveStopwords(options.tokenize?.stopwords ?? "default");
  const extractAll = (): KeywordRow[] => {
    const rows: KeywordRow[] = [];
    for (const document of source.documents) {
      // Ask for more than needed (numbers, stopwords and other tags are dropped), then keep the first `top` that pass.
      const candidates = extract(document.text, top * 5 + 20);
      const kept = candidates
        .filter(({ word }) => termPassesFilters(word, settings, stopwords))
        .filter(({ word }) => !options.pos || options.pos.some((prefix) => tagOfWord(word).startsWith(prefix)))
        .sort((left, right) => descending(left.weight, right.weight) || compareText(left.word, right.word))
        .slice(0, top);
      // jieba-tfidf weights on Python jieba's scale: count × idf / the words it counts (nodejieba leaves the division out).
      const scale = method === "jieba-tfidf" ? jiebaKeywordTotal(document.text) : 1;
      kept.forEach(({ word, weight }, index) => rows.push({ document: document.id, method, rank: index + 1, term: word, weight: scale > 0 ? weight / scale : weight }));
    }
    return rows;
  };
  // Within a report run (WENXI_CACHE_DIR): the keywords another notebook, or the run's preparation, extracted from the same texts.
  if (!cacheFolder()) return extractAll();
  recordCall(source, "keywords", options);
  const key = cacheKey(
    documentsDigest(source.documents),
    stableText({ method, top, pos: options.pos ?? null, settings }),
    stableText(stopwords),
    stableText(userDictionaries()),
    stableText(insertedWords()),
  );
  return computeCached("keywords", key, extractAll);
}
