// How alike documents are (copies of one another: near-duplicates.ts).
//   Cosine over TF-IDF: vectors of count × idf, idf = ln((1+N)/(1+df)) + 1 (scikit-learn's
//     TfidfVectorizer with smooth_idf and l2 norm, then cosine_similarity: the same numbers).
//   Jaccard: shared terms / terms of either document (sets of terms).
//   Clustering: agglomerative, average linkage (UPGMA) on distance 1 − similarity, merges listed
//     as scipy.cluster.hierarchy.linkage does (leaves 0…n−1, the i-th merge is cluster n + i).
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
