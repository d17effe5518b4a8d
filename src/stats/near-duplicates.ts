// Which documents are copies of one another, in whole or in part.
//   Shingles: every run of `size` characters of the text without white space and punctuation,
//     each held as a 53-bit hash (two independent 32-bit hashes, FNV-1a and a multiply–xorshift,
//     joined): two different shingles share a hash with a chance near n² / 2⁵⁴, below one in ten
//     thousand for the hundred million shingles of a 300 MB corpus.
//   Candidates: pairs of documents sharing at least one shingle of those whose hash falls in 1 of
//     8 (the index stays small); a shingle in more than 50 documents (boilerplate) is not used.
//   Containment (shared distinct shingles / those of the smaller document: a reprint of part of an
//     article scores high) decides, with the Jaccard of the two shingle sets beside it.
//   Copied passages: maximal runs of shingles that follow one another in both documents (one
//     diagonal), found by a merge of the two documents' shingles sorted by hash, so a pair costs
//     O(shingles of both + matches); reported from the first document's text. A pair below the
//     containment threshold is only searched when the first document has a run of passage − size + 1
//     consecutive shingles that the second also has (one pass over it): in corpora of formulaic
//     text most pairs share many shingles but no long passage.
import { codePointOffsets } from "../shared/code-points";
import type { Corpus } from "../corpus/types";
import { compareText } from "../shared/order";

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

/** A shingle in at most this many places of the second document is matched (a repeated phrase costs no more). */
const occurrencesMatched = 16;
const separator = /[\s\p{P}\p{S}]/u;

/** What every document keeps while pairs are found: its distinct shingle hashes (8 bytes a character at most). */
interface Shingled {
  id: string;
  text: string;
  /** The distinct hashes, ascending. */
  distinct: Float64Array;
}

/** What a document's passages are found with, made when a pair needs it and dropped after. */
interface PassageIndex {
  /** Where each character of the compacted text (no white space or punctuation) stood in `text`. */
  positions: Int32Array;
  /** The hash of the shingle starting at each character of the compacted text. */
  hashes: Float64Array;
  /** Shingle starts sorted by hash, then by place. */
  order: Int32Array;
  /** How many earlier shingles of the same document have the same hash, at most `occurrencesMatched`. */
  rank: Uint8Array;
}

/** The hash of every shingle of a text without white space and punctuation, and where its characters stood. */
function shingleHashes(text: string, size: number): { positions: Int32Array; hashes: Float64Array } {
  const units = new Uint16Array(text.length);
  const positions = new Int32Array(text.length);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    if (separator.test(text[index])) continue;
    units[length] = text.charCodeAt(index);
    positions[length++] = index;
  }
  const count = Math.max(0, length - size + 1);
  const hashes = new Float64Array(count);
  for (let start = 0; start < count; start++) {
    let first = 0x811c9dc5;
    let second = 0x9747b28c;
    for (let offset = start; offset < start + size; offset++) {
      first = Math.imul(first ^ units[offset], 0x01000193);
      second = Math.imul(second ^ units[offset], 0x5bd1e995);
      second ^= second >>> 15;
    }
    hashes[start] = (first >>> 11) * 4294967296 + (second >>> 0);
  }
  return { positions: positions.slice(0, length), hashes };
}

function shingle(id: string, text: string, size: number): Shingled {
  const sorted = shingleHashes(text, size).hashes.sort();
  let distinctCount = 0;
  for (let index = 0; index < sorted.length; index++) if (index === 0 || sorted[index] !== sorted[index - 1]) sorted[distinctCount++] = sorted[index];
  return { id, text, distinct: sorted.slice(0, distinctCount) };
}

function passageIndex(document: Shingled, size: number): PassageIndex {
  const { positions, hashes } = shingleHashes(document.text, size);
  const order = Int32Array.from({ length: hashes.length }, (_, index) => index).sort((left, right) => hashes[left] - hashes[right] || left - right);
  const rank = new Uint8Array(hashes.length);
  for (let index = 1; index < order.length; index++) {
    if (hashes[order[index]] === hashes[order[index - 1]]) rank[order[index]] = Math.min(occurrencesMatched, rank[order[index - 1]] + 1);
  }
  return { positions, hashes, order, rank };
}

/**
 * Shared distinct shingles of two documents: a merge of their sorted hashes. With `inB`, marks
 * which of a's distinct hashes b has (1) and which it has not (0).
 */
function sharedCount(a: Float64Array, b: Float64Array, inB?: Uint8Array): number {
  let shared = 0;
  if (inB) inB.fill(0);
  for (let left = 0, right = 0; left < a.length && right < b.length; ) {
    if (a[left] < b[right]) left++;
    else if (a[left] > b[right]) right++;
    else {
      if (inB) inB[left] = 1;
      shared++;
      left++;
      right++;
    }
  }
  return shared;
}

/** For each shingle of a document in text order, the index of its hash among the document's distinct hashes. */
function distinctIndexes(document: Shingled, size: number): Int32Array {
  const { hashes } = shingleHashes(document.text, size);
  const indexes = new Int32Array(hashes.length);
  const distinct = document.distinct;
  for (let position = 0; position < hashes.length; position++) {
    let low = 0;
    let high = distinct.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (distinct[middle] < hashes[position]) low = middle + 1;
      else high = middle;
    }
    indexes[position] = low;
  }
  return indexes;
}

/**
 * The longest run of consecutive shingles of a that b also has (anywhere, in any order): an upper
 * bound of the longest passage they share, in shingles, at the cost of one pass over a.
 */
function longestPresentRun(indexes: Int32Array, inB: Uint8Array): number {
  let longest = 0;
  let run = 0;
  for (let position = 0; position < indexes.length; position++) {
    run = inB[indexes[position]] === 1 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

interface Passage {
  start: number;
  end: number;
  start2: number;
  end2: number;
  length: number;
}

/**
 * Passages the two documents share word for word: maximal runs of shingles that follow one another
 * in both (the same diagonal), longest first, as [start, end) in each document's text; a run
 * found again elsewhere in b (a repeated sentence) counts once.
 */
function sharedPassages(a: PassageIndex, b: PassageIndex, size: number, minPassage: number): Passage[] {
  const matches = (inA: number, inB: number) => a.hashes[inA] === b.hashes[inB] && b.rank[inB] < occurrencesMatched;
  const passages: Passage[] = [];
  const { order: orderA } = a;
  const { order: orderB } = b;
  for (let x = 0, y = 0; x < orderA.length && y < orderB.length; ) {
    const hash = a.hashes[orderA[x]];
    const other = b.hashes[orderB[y]];
    if (hash < other) x++;
    else if (hash > other) y++;
    else {
      let xEnd = x;
      while (xEnd < orderA.length && a.hashes[orderA[xEnd]] === hash) xEnd++;
      let yEnd = y;
      while (yEnd < orderB.length && b.hashes[orderB[yEnd]] === hash) yEnd++;
      for (let left = x; left < xEnd; left++) {
        for (let right = y; right < Math.min(yEnd, y + occurrencesMatched); right++) {
          const from = orderA[left];
          const fromB = orderB[right];
          if (from > 0 && fromB > 0 && matches(from - 1, fromB - 1)) continue; // inside a run that starts earlier
          let run = 1;
          while (from + run < a.hashes.length && fromB + run < b.hashes.length && matches(from + run, fromB + run)) run++;
          const length = run - 1 + size;
          if (length < minPassage) continue;
          const to = from + run - 1;
          passages.push({ start: a.positions[from], end: a.positions[to + size - 1] + 1, start2: b.positions[fromB], end2: b.positions[fromB + run - 1 + size - 1] + 1, length });
        }
      }
      x = xEnd;
      y = yEnd;
    }
  }
  passages.sort((left, right) => right.length - left.length || left.start - right.start || left.start2 - right.start2);
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
  const index = new Map<number, number[]>();
  documents.forEach((document, position) => {
    for (const value of document.distinct) {
      if (value % 8 !== 0) continue;
      const list = index.get(value);
      if (!list) index.set(value, [position]);
      else list.push(position);
    }
  });
  // Candidates, one document at a time (a set of every pair took gigabytes where most documents
  // share text): the later documents that share a sampled shingle with this one, ascending.
  const marked = new Uint8Array(documents.length);
  const partnersOf = (first: number): number[] => {
    const partners: number[] = [];
    for (const value of documents[first].distinct) {
      if (value % 8 !== 0) continue;
      const list = index.get(value);
      if (!list || list.length > 50) continue; // boilerplate shared by very many documents
      for (const second of list) {
        if (second <= first || marked[second]) continue;
        marked[second] = 1;
        partners.push(second);
      }
    }
    for (const second of partners) marked[second] = 0;
    return partners.sort((left, right) => left - right);
  };
  // Passage indexes are made when a pair first needs them and dropped once their document has been
  // the first of its pairs (it is never needed again: pairs come in order of their first document).
  const indexes = new Map<number, PassageIndex>();
  const indexOf = (position: number) => {
    let found = indexes.get(position);
    if (!found) indexes.set(position, (found = passageIndex(documents[position], size)));
    return found;
  };
  const rows: NearDuplicateRow[] = [];
  const passageShingles = passageLength - size + 1;
  for (let first = 0; first < documents.length; indexes.delete(first), first++) {
    const partners = partnersOf(first);
    if (partners.length === 0) continue;
    const a = documents[first];
    // Which of a's distinct shingles the partner has, and a's shingles in text order as indexes into them.
    const inB = new Uint8Array(a.distinct.length);
    let order: Int32Array | undefined;
    for (const second of partners) {
      const b = documents[second];
      const shared = sharedCount(a.distinct, b.distinct, inB);
      const union = a.distinct.length + b.distinct.length - shared;
      const jaccard = union === 0 ? 0 : shared / union;
      const smaller = Math.min(a.distinct.length, b.distinct.length);
      const containment = smaller === 0 ? 0 : shared / smaller;
      if (containment < threshold) {
        // A shared passage of `passage` characters is a run of passage − size + 1 shingles of a that b
        // also has: with fewer shared shingles, or no such run in a, no need to look for passages.
        if (shared < passageShingles) continue;
        order ??= distinctIndexes(a, size);
        if (longestPresentRun(order, inB) < passageShingles) continue;
      }
      const passages = sharedPassages(indexOf(first), indexOf(second), size, Math.min(minPassage, passageLength));
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
  }
  // The longest shared passage first (a copied page in a long report ranks by what was copied), then containment.
  return rows.sort((left, right) => right.longestPassage - left.longestPassage || right.containment - left.containment || compareText(left.document1, right.document1) || compareText(left.document2, right.document2));
}
