// How alike documents are, and which are copies of one another.
//   Cosine over TF-IDF: vectors of count × idf, idf = ln((1+N)/(1+df)) + 1 (scikit-learn's
//     TfidfVectorizer with smooth_idf and l2 norm, then cosine_similarity: the same numbers).
//   Jaccard: shared terms / terms of either document (sets of terms).
//   Clustering: agglomerative, average linkage (UPGMA) on distance 1 − similarity, merges listed
//     as scipy.cluster.hierarchy.linkage does (leaves 0…n−1, the i-th merge is cluster n + i).
//   Near-duplicates: shingles of `size` characters of the text without white space and
//     punctuation; candidate pairs share at least one shingle of those whose hash falls in 1 of 8
//     (so the index stays small); then containment (shared shingles / those of the smaller
//     document: a reprint of part of an article scores high) decides, with the Jaccard beside it;
//     copied passages are runs of shared shingles, reported from the first document's text.
import { codePointOffsets } from "../shared/code-points";
import type { Corpus } from "../corpus/types";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";
import { fitIdf } from "./tfidf";

export interface SimilarityRow {
  document1: string;
  document2: string;
  similarity: number;
}

export interface SimilarityOptions {
  measure?: "cosine" | "jaccard";
  /** Every ordered pair with the diagonal (for a matrix), or each pair once (document1 before document2). Default "once". */
  pairs?: "once" | "matrix";
  /**
   * The most documents accepted (default 5,000: 12.5 million pairs); more is an error that points
   * to nearestNeighbours and mostSimilarPairs, which need no n² rows.
   */
  maxDocuments?: number;
}

/** Document × document similarity. */
export function documentSimilarity(tokens: Tokens, options: SimilarityOptions = {}): SimilarityRow[] {
  const measure = options.measure ?? "cosine";
  const maxDocuments = options.maxDocuments ?? 5000;
  if (tokens.documents.length > maxDocuments) {
    throw new Error(
      `documentSimilarity: ${tokens.documents.length.toLocaleString("en-US")} documents make ${((tokens.documents.length * (tokens.documents.length - 1)) / 2).toLocaleString("en-US")} pairs, past the limit of ${maxDocuments.toLocaleString("en-US")} documents: use nearestNeighbours(tokens, { k }) or mostSimilarPairs(tokens, { top }), which build no n² rows (or raise maxDocuments)`,
    );
  }
  const { idf } = fitIdf(tokens);
  const vectors = tokens.documents.map((document) => {
    const counts = new Map<number, number>();
    for (const id of document.termIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (measure === "jaccard") return { weights: counts, norm: counts.size };
    const weights = new Map<number, number>();
    let norm = 0;
    for (const [id, count] of counts) {
      const weight = count * idf.get(tokens.vocabulary[id])!;
      weights.set(id, weight);
      norm += weight * weight;
    }
    return { weights, norm: Math.sqrt(norm) };
  });
  const similarity = (left: number, right: number): number => {
    const a = vectors[left];
    const b = vectors[right];
    const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
    if (measure === "jaccard") {
      let shared = 0;
      for (const id of small.weights.keys()) if (large.weights.has(id)) shared++;
      const union = a.weights.size + b.weights.size - shared;
      return union === 0 ? 0 : shared / union;
    }
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    for (const [id, weight] of small.weights) dot += weight * (large.weights.get(id) ?? 0);
    return dot / (a.norm * b.norm);
  };
  const rows: SimilarityRow[] = [];
  const ids = tokens.documents.map((document) => document.id);
  for (let left = 0; left < ids.length; left++) {
    for (let right = options.pairs === "matrix" ? 0 : left + 1; right < ids.length; right++) {
      rows.push({ document1: ids[left], document2: ids[right], similarity: left === right ? 1 : similarity(left, right) });
    }
  }
  return rows;
}

export interface NeighbourRow {
  document: string;
  /** 1 for the most similar. */
  rank: number;
  neighbour: string;
  similarity: number;
}

export interface NeighbourOptions {
  measure?: "cosine" | "jaccard";
  /** Neighbours per document. Default 10. */
  k?: number;
}

/**
 * Each document's k most similar documents, by the same measures as documentSimilarity, without
 * the n² pairs: documents become sparse vectors (L2-normalised TF-IDF for cosine, term sets for
 * Jaccard) in an inverted index, and each document's scores are accumulated over the postings of
 * its own terms, so only documents sharing a term are ever touched (cost: the sum over terms of
 * their document frequency squared, memory: the index and one row of scores). Exact: the same
 * values as the full matrix (summed in another order: equal to ~1e-15), ties broken by document
 * id. A document's neighbours are those with a similarity above 0: fewer than k when fewer share
 * a term with it (scikit-learn's NearestNeighbors pads with distance-1 documents instead).
 */
export function nearestNeighbours(tokens: Tokens, options: NeighbourOptions = {}): NeighbourRow[] {
  const measure = options.measure ?? "cosine";
  const k = options.k ?? 10;
  if (!Number.isInteger(k) || k < 1) throw new Error(`nearestNeighbours: k must be a whole number ≥ 1, got ${k}`);
  const documents = tokens.documents;
  const n = documents.length;
  const { idf } = measure === "cosine" ? fitIdf(tokens) : { idf: undefined };
  const idfOfId = idf ? Float64Array.from(tokens.vocabulary, (term) => idf.get(term) ?? 0) : undefined;
  // Each document's distinct terms and weights (normalised for cosine; 1 for Jaccard).
  const termsOf: Int32Array[] = [];
  const weightsOf: Float64Array[] = [];
  const postingCount = new Int32Array(tokens.vocabulary.length);
  for (const document of documents) {
    const counts = new Map<number, number>();
    for (const id of document.termIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    const terms = Int32Array.from(counts.keys());
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((id, index) => {
      const weight = idfOfId ? counts.get(id)! * idfOfId[id] : 1;
      weights[index] = weight;
      norm += weight * weight;
      postingCount[id]++;
    });
    if (idfOfId && norm > 0) for (let index = 0; index < weights.length; index++) weights[index] /= Math.sqrt(norm);
    termsOf.push(terms);
    weightsOf.push(weights);
  }
  // The inverted index, compressed: postings of term t at [offsets[t], offsets[t + 1]).
  const offsets = new Int32Array(tokens.vocabulary.length + 1);
  for (let id = 0; id < postingCount.length; id++) offsets[id + 1] = offsets[id] + postingCount[id];
  const postingDocuments = new Int32Array(offsets[offsets.length - 1]);
  const postingWeights = new Float64Array(postingDocuments.length);
  const filled = offsets.slice(0, -1);
  for (let document = 0; document < n; document++) {
    const terms = termsOf[document];
    for (let index = 0; index < terms.length; index++) {
      const at = filled[terms[index]]++;
      postingDocuments[at] = document;
      postingWeights[at] = weightsOf[document][index];
    }
  }
  const ids = documents.map((document) => document.id);
  // Each document's k best so far, best first (kept by insertion: k is small). Pairs are scored
  // once, from their first document (postings are in document order, so a cursor per term marks
  // where the documents after the current one begin), and offered to both documents' lists.
  const bestDocuments = Array.from({ length: n }, () => new Int32Array(k));
  const bestScores = Array.from({ length: n }, () => new Float64Array(k));
  const bestCount = new Int32Array(n);
  /** The k-th best score of each full list (-1 until it is full): anything below cannot enter. */
  const floor = new Float64Array(n).fill(-1);
  const better = (score: number, other: number, thanScore: number, thanOther: number) => score > thanScore || (score === thanScore && compareText(ids[other], ids[thanOther]) < 0);
  const offer = (document: number, other: number, score: number) => {
    const documentsOf = bestDocuments[document];
    const scoresOf = bestScores[document];
    let count = bestCount[document];
    if (count === k && !better(score, other, scoresOf[k - 1], documentsOf[k - 1])) return;
    let at = count === k ? k - 1 : count;
    while (at > 0 && better(score, other, scoresOf[at - 1], documentsOf[at - 1])) {
      scoresOf[at] = scoresOf[at - 1];
      documentsOf[at] = documentsOf[at - 1];
      at--;
    }
    scoresOf[at] = score;
    documentsOf[at] = other;
    if (count < k) bestCount[document] = ++count;
    if (count === k) floor[document] = scoresOf[k - 1];
  };
  const cursor = offsets.slice(0, -1);
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  for (let document = 0; document < n; document++) {
    let touchedCount = 0;
    const terms = termsOf[document];
    const weights = weightsOf[document];
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index];
      const weight = weights[index];
      // postingDocuments[cursor[term]] is this document; the documents after it follow.
      for (let at = ++cursor[term], end = offsets[term + 1]; at < end; at++) {
        const other = postingDocuments[at];
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other] += weight * postingWeights[at];
      }
    }
    for (let index = 0; index < touchedCount; index++) {
      const other = touched[index];
      const score = scores[other];
      scores[other] = 0;
      // Jaccard from the shared count: |A ∩ B| / (|A| + |B| − |A ∩ B|).
      const similarity = idfOfId ? score : score / (terms.length + termsOf[other].length - score);
      if (similarity <= 0) continue;
      // Most pairs fall below both lists' k-th score: checked here, before any call.
      if (similarity >= floor[document]) offer(document, other, similarity);
      if (similarity >= floor[other]) offer(other, document, similarity);
    }
  }
  const rows: NeighbourRow[] = [];
  for (let document = 0; document < n; document++) {
    for (let rank = 0; rank < bestCount[document]; rank++) {
      rows.push({ document: ids[document], rank: rank + 1, neighbour: ids[bestDocuments[document][rank]], similarity: bestScores[document][rank] });
    }
  }
  return rows;
}

/**
 * The `top` most similar pairs of the corpus, each once (document1 before document2 in id order),
 * from nearestNeighbours with k = top: a pair among the `top` best is among the `top` nearest
 * neighbours of both its documents, so no pair is missed and no n² matrix is built. `neighbours`:
 * rows of nearestNeighbours made with k ≥ top, to reuse one pass of the index.
 */
export function mostSimilarPairs(tokens: Tokens, options: { measure?: "cosine" | "jaccard"; top?: number; neighbours?: NeighbourRow[] } = {}): SimilarityRow[] {
  const top = options.top ?? 20;
  const seen = new Map<string, SimilarityRow>();
  // Rows of nearestNeighbours already computed with k ≥ top serve as well as a new pass.
  for (const row of options.neighbours ?? nearestNeighbours(tokens, { measure: options.measure, k: top })) {
    const [document1, document2] = compareText(row.document, row.neighbour) <= 0 ? [row.document, row.neighbour] : [row.neighbour, row.document];
    const key = `${document1}\u0000${document2}`;
    if (!seen.has(key)) seen.set(key, { document1, document2, similarity: row.similarity });
  }
  return [...seen.values()].sort((left, right) => right.similarity - left.similarity || compareText(left.document1, right.document1) || compareText(left.document2, right.document2)).slice(0, top);
}

export interface Merge {
  /** Cluster ids: 0…n−1 are the documents, n + i the cluster made by merge i. */
  left: number;
  right: number;
  distance: number;
  size: number;
}

export interface Clustering {
  documents: string[];
  merges: Merge[];
  /** Documents in dendrogram order (each cluster's members together). */
  order: string[];
}

/**
 * Average-linkage (UPGMA) agglomerative clustering of a symmetric distance matrix: the merges
 * (scipy's numbering) and the leaf order. Ties go to the first pair found, so the result is fixed.
 */
export function averageLinkage(distance: ArrayLike<number>[]): { merges: Merge[]; order: number[] } {
  const n = distance.length;
  let clusters = Array.from({ length: n }, (_, position) => ({ id: position, members: [position], order: [position] }));
  const merges: Merge[] = [];
  const linkage = (left: number[], right: number[]) => {
    let sum = 0;
    for (const a of left) for (const b of right) sum += distance[a][b];
    return sum / (left.length * right.length);
  };
  while (clusters.length > 1) {
    let best = { left: 0, right: 1, value: Infinity };
    for (let left = 0; left < clusters.length; left++) {
      for (let right = left + 1; right < clusters.length; right++) {
        const value = linkage(clusters[left].members, clusters[right].members);
        if (value < best.value - 1e-12) best = { left, right, value };
      }
    }
    const a = clusters[best.left];
    const b = clusters[best.right];
    const merged = { id: n + merges.length, members: [...a.members, ...b.members], order: [...a.order, ...b.order] };
    merges.push({ left: Math.min(a.id, b.id), right: Math.max(a.id, b.id), distance: best.value, size: merged.members.length });
    clusters = [...clusters.slice(0, best.left), merged, ...clusters.slice(best.left + 1, best.right), ...clusters.slice(best.right + 1)];
  }
  return { merges, order: clusters[0]?.order ?? [] };
}

/** Average-linkage clustering on 1 − similarity (rows of documentSimilarity, either pairing). */
export function clusterDocuments(rows: SimilarityRow[], documents?: string[], options: { maxDocuments?: number } = {}): Clustering {
  const ids = documents ?? [...new Set(rows.flatMap((row) => [row.document1, row.document2]))];
  // Average linkage costs O(n³) time and O(n²) memory: bounded, with the way out named.
  const maxDocuments = options.maxDocuments ?? 500;
  if (ids.length > maxDocuments) throw new Error(`clusterDocuments: ${ids.length.toLocaleString("en-US")} documents, past the limit of ${maxDocuments.toLocaleString("en-US")} (average linkage takes O(n³) time): cluster a sample or groups of them (or raise maxDocuments)`);
  const index = new Map(ids.map((id, position) => [id, position]));
  const distance = Array.from({ length: ids.length }, () => new Float64Array(ids.length));
  for (const row of rows) {
    const a = index.get(row.document1);
    const b = index.get(row.document2);
    if (a === undefined || b === undefined || a === b) continue;
    distance[a][b] = distance[b][a] = 1 - row.similarity;
  }
  const { merges, order } = averageLinkage(distance);
  return { documents: ids, merges, order: order.map((position) => ids[position]) };
}

export interface NearDuplicateRow {
  document1: string;
  document2: string;
  /** Shared shingles / the shingles of the smaller document (1: one is wholly in the other). */
  containment: number;
  /** Jaccard of the two documents' shingle sets. */
  jaccard: number;
  sharedShingles: number;
  /** Passages of the first document found in the second, longest first (characters). */
  passages: number;
  /** The longest passage the two share word for word (white space and punctuation aside), in characters. */
  longestPassage: number;
  /** Where it starts in each document's cleaned text (characters, counted from 0), or -1 without one. */
  start1: number;
  start2: number;
  /** The longest copied passage, from the first document's cleaned text (shortened to 80 characters). */
  excerpt: string;
}

export interface NearDuplicateOptions {
  /** Characters per shingle. Default 8. */
  size?: number;
  /** Smallest containment reported. Default 0.5. */
  threshold?: number;
  /** Shortest copied passage listed, in characters. Default 30. */
  minPassage?: number;
  /**
   * A pair is also reported, whatever its containment, when the two share a passage of at least
   * this many characters: a page copied into a long report. Default 100.
   */
  passage?: number;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

interface Shingled {
  id: string;
  /** The text without white space and punctuation, and where each of its characters stood. */
  compact: string;
  positions: number[];
  text: string;
  shingles: string[];
  set: Set<string>;
}

function shingle(id: string, text: string, size: number): Shingled {
  let compact = "";
  const positions: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (/[\s\p{P}\p{S}]/u.test(text[index])) continue;
    compact += text[index];
    positions.push(index);
  }
  const shingles: string[] = [];
  for (let index = 0; index + size <= compact.length; index++) shingles.push(compact.slice(index, index + size));
  return { id, compact, positions, text, shingles, set: new Set(shingles) };
}

/**
 * Passages the two documents share word for word: maximal runs of shingles that follow one another
 * in both (the same diagonal), longest first, as [start, end) in each document's text. Cost:
 * O(shingles of a × occurrences in b of each, at most 16).
 */
export function sharedPassages(a: Shingled, b: Shingled, size: number, minPassage: number): Array<{ start: number; end: number; start2: number; end2: number; length: number }> {
  const where = new Map<string, number[]>();
  b.shingles.forEach((value, index) => {
    const list = where.get(value);
    if (!list) where.set(value, [index]);
    else if (list.length < 16) list.push(index);
  });
  // For each diagonal (offset in b − offset in a): the run it is in, if it reached the last shingle of a.
  let open = new Map<number, { from: number; fromB: number }>();
  const runs: Array<{ from: number; to: number; fromB: number }> = [];
  for (let index = 0; index <= a.shingles.length; index++) {
    const next = new Map<number, { from: number; fromB: number }>();
    const found = index < a.shingles.length ? where.get(a.shingles[index]) : undefined;
    for (const position of found ?? []) {
      const diagonal = position - index;
      next.set(diagonal, open.get(diagonal) ?? { from: index, fromB: position });
    }
    for (const [diagonal, run] of open) if (!next.has(diagonal)) runs.push({ from: run.from, to: index - 1, fromB: run.fromB });
    open = next;
  }
  const passages = runs
    .map((run) => {
      const length = run.to - run.from + size;
      return { start: a.positions[run.from], end: a.positions[run.to + size - 1] + 1, start2: b.positions[run.fromB], end2: b.positions[run.fromB + run.to - run.from + size - 1] + 1, length };
    })
    .filter((passage) => passage.length >= minPassage);
  passages.sort((left, right) => right.length - left.length || left.start - right.start || left.start2 - right.start2);
  // A run found again on another diagonal (a repeated sentence) counts once: keep the first per start in a.
  const seen = new Set<number>();
  return passages.filter((passage) => (seen.has(passage.start) ? false : (seen.add(passage.start), true)));
}

/**
 * Pairs of documents that share much of their text (reprints, copies: containment ≥ threshold)
 * or a long passage word for word (≥ `passage` characters, a page copied into a long report),
 * with what they share, longest shared passage first.
 */
export function nearDuplicates(corpus: Corpus, options: NearDuplicateOptions = {}): NearDuplicateRow[] {
  const size = options.size ?? 8;
  const threshold = options.threshold ?? 0.5;
  const minPassage = options.minPassage ?? 30;
  const passageLength = options.passage ?? 100;
  const documents = corpus.documents.map((document) => shingle(document.id, document.text, size));
  // Candidates: documents sharing a sampled shingle (hash ≡ 0 mod 8).
  const index = new Map<string, number[]>();
  documents.forEach((document, position) => {
    for (const value of document.set) {
      if (fnv1a(value) % 8 !== 0) continue;
      const list = index.get(value);
      if (!list) index.set(value, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  const candidates = new Set<number>();
  for (const list of index.values()) {
    if (list.length > 50) continue; // boilerplate shared by very many documents
    for (let left = 0; left < list.length; left++) for (let right = left + 1; right < list.length; right++) candidates.add(list[left] * documents.length + list[right]);
  }
  const rows: NearDuplicateRow[] = [];
  for (const key of [...candidates].sort((left, right) => left - right)) {
    const a = documents[Math.floor(key / documents.length)];
    const b = documents[key % documents.length];
    let shared = 0;
    const [small, large] = a.set.size <= b.set.size ? [a, b] : [b, a];
    for (const value of small.set) if (large.set.has(value)) shared++;
    const union = a.set.size + b.set.size - shared;
    const jaccard = union === 0 ? 0 : shared / union;
    const containment = small.set.size === 0 ? 0 : shared / small.set.size;
    // A long shared passage takes at least passage − size + 1 shared shingles: below that, no need to look.
    if (containment < threshold && shared < passageLength - size + 1) continue;
    const passages = sharedPassages(a, b, size, Math.min(minPassage, passageLength));
    const longest = passages[0];
    if (containment < threshold && (!longest || longest.length < passageLength)) continue;
    const listed = passages.filter((passage) => passage.length >= minPassage);
    const excerpt = longest ? a.text.slice(longest.start, longest.end).replace(/\s+/g, " ") : "";
    rows.push({
      document1: a.id,
      document2: b.id,
      containment,
      jaccard,
      sharedShingles: shared,
      passages: listed.length,
      longestPassage: longest ? [...a.text.slice(longest.start, longest.end)].length : 0,
      start1: longest ? codePointOffsets(a.text, [longest.start])[0] : -1,
      start2: longest ? codePointOffsets(b.text, [longest.start2])[0] : -1,
      excerpt: [...excerpt].length > 80 ? `${[...excerpt].slice(0, 79).join("")}…` : excerpt,
    });
  }
  // The longest shared passage first (a copied page in a long report ranks by what was copied), then containment.
  return rows.sort((left, right) => right.longestPassage - left.longestPassage || right.containment - left.containment || compareText(left.document1, right.document1) || compareText(left.document2, right.document2));
}
