// Classical Chinese: verse and prose tokenized as characters with the classical particles stopped,
// variants folded, rare valid characters unflagged; detected from the texts when asked.
import { describe, expect, it } from "vitest";
import { corpusFromTexts, distinctiveTerms, loadCorpus, ngrams, termFrequency, tokenize } from "../../src";
import { looksClassical } from "../../src/text/classical";
import { documentTerms } from "../../src/text/tokenize";

const poems = corpusFromTexts([
  { id: "静夜思", text: "床前明月光，疑是地上霜。\n舉頭望明月，低頭思故鄉。" },
  { id: "剑客", text: "十年磨一劒，霜刃未曾試。\n今日把示君，誰有不平事？" },
  { id: "鹧鸪", text: "越王勾踐破吳歸，義士還家盡錦衣。\n宮女如花滿春殿，只今惟有鷓鴣飛。" },
  { id: "论语", text: "學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？" },
]);

describe("classical mode", () => {
  it("makes each character a token, stops the particles (之 乎 而) and keeps 月, 日, 人, 不, 无", () => {
    const tokens = tokenize(poems, { classical: true });
    expect(tokens.settings).toMatchObject({ classical: true, unit: "character", hmm: false });
    expect(documentTerms(tokens, tokens.documents.find((document) => document.id === "剑客")!)).toEqual("十年磨一剑霜刃未曾试今日把示君谁有不平事".split(""));
    const counts = new Map(termFrequency(tokens).map((row) => [row.term, row.count]));
    expect(counts.get("不")).toBe(6);
    expect(counts.get("月")).toBe(2);
    expect(counts.get("人")).toBe(1);
    for (const particle of ["之", "乎", "而"]) expect(counts.has(particle), particle).toBe(false);
    // Character bigrams from the character tokens.
    expect(ngrams(tokens, { n: 2, top: 1 })[0]).toMatchObject({ ngram: "明 月", count: 2 });
    // Terms chosen for a page are characters here (words of two or more characters otherwise).
    expect(distinctiveTerms(tokens, 3)).toHaveLength(3);
    expect(distinctiveTerms(tokens, 3).every((term) => [...term].length === 1)).toBe(true);
    // The garbled check leaves 鷓鴣 alone.
    expect(poems.documents.flatMap((document) => document.flags)).toEqual([]);
  });

  it("cuts words with jieba without HMM when the user picks words, and refuses POS tags on characters", () => {
    const tokens = tokenize(poems, { classical: true, unit: "word" });
    expect(tokens.settings).toMatchObject({ unit: "word", hmm: false });
    // jieba's dictionary holds 明月光 and 望明月, which the character tokens would not show.
    expect(termFrequency(tokens).some((row) => row.term === "明月光")).toBe(true);
    expect(() => tokenize(poems, { classical: true, pos: true })).toThrow('part-of-speech tags need word tokens (unit: "word")');
  });

  it("is chosen by classical: \"auto\" for verse and for classical prose, not for modern news", async () => {
    const verse = looksClassical(poems.documents);
    expect(verse.classical).toBe(true);
    expect(verse.modernPerThousand).toBe(0);
    const prose = looksClassical(corpusFromTexts([{ id: "史记", text: "太史公曰：余读孔氏书，想见其为人。适鲁，观仲尼庙堂车服礼器，诸生以时习礼其家，余祗回留之不能去云。天下君王至于贤人众矣，当时则荣，没则已焉。" }]).documents);
    expect(prose.classical).toBe(true);
    const news = looksClassical((await loadCorpus("data/corpus")).documents);
    expect(news.classical).toBe(false);
    expect(news.modernPerThousand).toBeGreaterThan(15);
    const auto = tokenize(poems, { classical: "auto" });
    expect(auto.settings.classical).toBe(true);
    expect(auto.settings.classicalReason).toMatch(/^classical: 0\.0 modern function words/);
    expect(tokenize(corpusFromTexts([{ id: "m", text: "我们今天的工作做得很好，大家都很满意了。" }]), { classical: "auto" }).settings.classical).toBe(false);
  });
});
