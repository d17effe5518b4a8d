// Lexical profile of each document: how varied its vocabulary is, corrected for length, how long
// its sentences are, and how much of it is written in common characters.
//   TTR   types / tokens (falls as texts grow, so documents of different lengths are not comparable).
//   MATTR moving-average TTR (Covington & McFall 2010): the mean TTR of every window of `window`
//         consecutive tokens (the plain TTR when the document is shorter than one window).
//   MTLD  (McCarthy & Jarvis 2010): tokens per "factor", a factor ending each time the running TTR
//         falls to 0.72; the remainder counts as the fraction (1 − TTR)/(1 − 0.72) of a factor;
//         the mean of a forward and a backward pass. null when no factor completes or is partial
//         (every token distinct).
//   Sentences: the cleaned text split after 。！？!? and line breaks; mean length in characters.
//   Common characters: share of Han characters in GB2312 level 1 (the 3,755 most used) or their
//   Traditional forms.
import { isHanCharacter } from "../corpus/characters";
import { commonHanCharacters } from "../corpus/script";
import type { Corpus } from "../corpus/types";
import type { Tokens } from "../text/tokenize";

export interface ProfileRow {
  document: string;
  tokens: number;
  types: number;
  /** Types / tokens; null for a document left without tokens. */
  ttr: number | null;
  /** Mean TTR over windows of `window` tokens (TTR itself below that length); null without tokens. */
  mattr: number | null;
  mtld: number | null;
  sentences: number;
  meanSentenceLength: number;
  /** Share of its Han characters among the common ones; null for a text without Han characters. */
  commonCharacterShare: number | null;
}

/** Mean TTR over every window of `window` tokens (a sliding count, so linear in the tokens). */
export function movingAverageTtr(termIds: ArrayLike<number>, window = 50): number {
  const length = termIds.length;
  if (length === 0) return 0;
  if (length <= window) return new Set(Array.from(termIds)).size / length;
  const counts = new Map<number, number>();
  let types = 0;
  for (let index = 0; index < window; index++) {
    const count = counts.get(termIds[index]) ?? 0;
    if (count === 0) types++;
    counts.set(termIds[index], count + 1);
  }
  let sum = types / window;
  for (let index = window; index < length; index++) {
    const leaving = termIds[index - window];
    const left = counts.get(leaving)! - 1;
    counts.set(leaving, left);
    if (left === 0) types--;
    const entering = termIds[index];
    const count = counts.get(entering) ?? 0;
    if (count === 0) types++;
    counts.set(entering, count + 1);
    sum += types / window;
  }
  return sum / (length - window + 1);
}

function mtldPass(termIds: number[], threshold: number): number | null {
  let factors = 0;
  let seen = new Set<number>();
  let tokens = 0;
  for (const id of termIds) {
    seen.add(id);
    tokens++;
    if (seen.size / tokens <= threshold) {
      factors++;
      seen = new Set();
      tokens = 0;
    }
  }
  if (tokens > 0) factors += (1 - seen.size / tokens) / (1 - threshold);
  return factors === 0 ? null : termIds.length / factors;
}

/** MTLD, the mean of a forward and a backward pass (threshold 0.72). */
export function mtld(termIds: ArrayLike<number>, threshold = 0.72): number | null {
  const forward = Array.from(termIds);
  const one = mtldPass(forward, threshold);
  const other = mtldPass([...forward].reverse(), threshold);
  return one === null || other === null ? null : (one + other) / 2;
}

export function lexicalProfile(corpus: Corpus, tokens: Tokens, options: { window?: number } = {}): ProfileRow[] {
  const texts = new Map(corpus.documents.map((document) => [document.id, document.text]));
  const common = commonHanCharacters();
  return tokens.documents.map((document) => {
    const text = texts.get(document.id) ?? "";
    const sentences = text.split(/(?<=[。！？!?])|\n/u).map((sentence) => sentence.trim()).filter((sentence) => sentence !== "");
    let han = 0;
    let commonHan = 0;
    for (const character of text) {
      if (!isHanCharacter(character)) continue;
      han++;
      if (common.has(character)) commonHan++;
    }
    const types = new Set(Array.from(document.termIds)).size;
    const count = document.termIds.length;
    return {
      document: document.id,
      tokens: count,
      types,
      ttr: count === 0 ? null : types / count,
      mattr: count === 0 ? null : movingAverageTtr(document.termIds, options.window ?? 50),
      mtld: mtld(document.termIds),
      sentences: sentences.length,
      meanSentenceLength: sentences.length === 0 ? 0 : sentences.reduce((sum, sentence) => sum + [...sentence].length, 0) / sentences.length,
      commonCharacterShare: han === 0 ? null : commonHan / han,
    };
  });
}
