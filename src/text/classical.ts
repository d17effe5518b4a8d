// Whether texts read as classical Chinese (文言: prose or verse) rather than modern, and the
// classical word list. Modern Chinese writes 的, 了, 们, 这, 那, 么, 吗, 呢, 着, 很 on every line
// (news: 50 or more in a thousand characters); classical texts almost never, and they either use
// the classical particles 之, 乎, 者, 也, 矣, 焉, 哉, 兮 often or run in short clauses (verse of
// five or seven characters). Measured on at most 200,000 Han characters, taken evenly from the
// documents. The evidence is returned with the verdict, for the page to state.
import * as path from "node:path";
import { readWordList } from "./stopwords";

export const classicalStopwordsPath = path.resolve(__dirname, "../../data/stopwords-classical.txt");

export interface ClassicalEvidence {
  classical: boolean;
  /** Han characters measured. */
  characters: number;
  /** Modern function words (的了们这那么吗呢着很) per 1,000 Han characters. */
  modernPerThousand: number;
  /** Classical particles (之乎者也矣焉哉兮) per 1,000 Han characters. */
  particlesPerThousand: number;
  /** Mean Han characters per clause (between punctuation or line breaks). */
  meanClause: number;
  /** The verdict in a sentence, with its figures. */
  reason: string;
}

const modern = new Set("的了们这那么吗呢着很");
const particles = new Set("之乎者也矣焉哉兮");
const han = /\p{Script=Han}/u;
const clauseEnd = /[\s，。！？；：、,.!?;:「」『』“”"'（）()《》〈〉…—]/u;

export function looksClassical(documents: ReadonlyArray<{ text: string }>, budget = 200_000): ClassicalEvidence {
  const total = documents.reduce((sum, document) => sum + document.text.length, 0);
  // Every document contributes the same share of its text, so a long one does not decide alone.
  const share = total <= budget ? 1 : budget / total;
  let characters = 0;
  let modernCount = 0;
  let particleCount = 0;
  let clauses = 0;
  let inClause = 0;
  for (const document of documents) {
    const text = share === 1 ? document.text : document.text.slice(0, Math.ceil(document.text.length * share));
    for (const character of text) {
      if (han.test(character)) {
        characters++;
        inClause++;
        if (modern.has(character)) modernCount++;
        else if (particles.has(character)) particleCount++;
      } else if (clauseEnd.test(character) && inClause > 0) {
        clauses++;
        inClause = 0;
      }
    }
    if (inClause > 0) (clauses++, (inClause = 0));
  }
  const perThousand = (count: number) => (characters === 0 ? 0 : (1000 * count) / characters);
  const modernPerThousand = perThousand(modernCount);
  const particlesPerThousand = perThousand(particleCount);
  const meanClause = clauses === 0 ? 0 : characters / clauses;
  const classical = characters >= 20 && modernPerThousand < 8 && (particlesPerThousand >= 15 || meanClause <= 8);
  const figures = `${modernPerThousand.toFixed(1)} modern function words (的了们这那么吗呢着很) and ${particlesPerThousand.toFixed(1)} classical particles (之乎者也矣焉哉兮) per 1,000 characters, clauses of ${meanClause.toFixed(1)} characters on average, over ${characters.toLocaleString("en-US")} characters`;
  return { classical, characters, modernPerThousand, particlesPerThousand, meanClause, reason: `${classical ? "classical" : "modern"}: ${figures}` };
}

let stopwords: Set<string> | undefined;

/** The classical stopword list (data/stopwords-classical.txt). */
export function classicalStopwords(): ReadonlySet<string> {
  stopwords ??= new Set(readWordList(classicalStopwordsPath));
  return stopwords;
}

/** Tokens of classical mode: each Han character; a run of Latin letters or digits whole; any other character alone (white space skipped). */
export function characterPieces(text: string, each: (piece: string, start: number) => void): void {
  const pattern = /\p{Script=Han}|[A-Za-z0-9][A-Za-z0-9.'&+-]*|\S/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) each(match[0], match.index);
}
