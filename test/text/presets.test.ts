// The general defaults (jieba's dictionary alone; jieba's and stopwords-iso's stopwords) and the
// public-security preset on top of them. This file runs in a process of its own, where no preset
// was applied before the first cut: a user dictionary stays in jieba once loaded.
import { describe, expect, it } from "vitest";
import { corpusFromTexts, presets, termFrequency, tokenize } from "../../src";
import { findPreset } from "../../src/text/presets";
import { defaultStopwords } from "../../src/text/stopwords";
import { documentTerms } from "../../src/text/tokenize";

const sample = corpusFromTexts([{ id: "s", text: "坚持可持续发展，全面推进民警辅警队伍建设，持续深化枫桥经验。" }]);
const terms = (options: Parameters<typeof tokenize>[1] = {}) => {
  const tokens = tokenize(sample, options);
  return documentTerms(tokens, tokens.documents[0]);
};

describe("neutral defaults", () => {
  it("cut with jieba's dictionary alone and stop only general function words: 持续 and 全面 stay", () => {
    // jieba cuts 可持续发展 as 可 / 持续 / 发展, and 可 is a general stopword (jieba's and stopwords-iso's).
    expect(terms()).toEqual(["坚持", "持续", "发展", "全面", "推进", "民警", "辅警", "队伍", "建设", "持续", "深化", "枫桥", "经验"]);
    for (const word of ["全面", "持续", "大力", "积极", "有效"]) expect(defaultStopwords().has(word), word).toBe(false);
  });

  it("take the preset's dictionary and stopwords when it is named", () => {
    expect(terms({ preset: "public-security" })).toEqual(["坚持", "发展", "推进", "民警辅警", "队伍", "建设", "深化", "枫桥经验"]);
    // Its stopwords only with it (its dictionary stays loaded in this process, as jieba keeps words).
    expect(terms()).toContain("全面");
    // A stopword list written out is the user's alone: the preset adds none to it.
    expect(terms({ preset: "public-security", stopwords: ["坚持"] })).toContain("全面");
    expect(terms({ preset: "public-security", stopwords: "none" })).toContain("全面");
  });

  it("names the presets when one is unknown", () => {
    expect(() => tokenize(sample, { preset: "policing" })).toThrow('unknown preset "policing": the presets are "public-security" (or none)');
    expect(findPreset("")).toBeUndefined();
    expect(Object.keys(presets)).toEqual(["public-security"]);
    expect(presets["public-security"].conceptDictionary).toMatch(/data\/dictionaries\/public-security\.yaml$/);
  });
});
