// Variant characters OpenCC leaves, folded in the cleaned text and kept in the original.
import { describe, expect, it } from "vitest";
import { corpusFromTexts, kwic, tokenize } from "../../src";
import { toSimplified } from "../../src/corpus/script";
import { foldVariants, variantTable } from "../../src/corpus/variants";

describe("variant characters", () => {
  it("fold 劒 → 剑 and 疎 → 疏 in the text, log the count, and keep the original for KWIC", () => {
    const corpus = corpusFromTexts([{ id: "poem", text: "十年磨一劒，霜刃未曾試。疎影橫斜水清淺。" }]);
    const [document] = corpus.documents;
    expect(document.text).toBe("十年磨一剑,霜刃未曾试。疏影横斜水清浅。");
    expect(document.log).toContainEqual({ step: "script", rule: "variant-characters", count: 2 });
    const [line] = kwic(corpus, tokenize(corpus), "剑");
    expect(line.match).toBe("劒");
    expect(line.left).toBe("十年磨一");
  });

  it("lists only pairs OpenCC does not convert, one BMP character to one, each variant once", () => {
    const table = variantTable();
    expect(table.size).toBe(65);
    for (const [variant, standard] of table) {
      expect(toSimplified(variant), variant).toBe(variant); // else the table would repeat OpenCC
      expect(toSimplified(standard), standard).toBe(standard); // the standard form is Simplified
      expect(variant.length + standard.length).toBe(2);
      expect(variant).not.toBe(standard);
    }
    expect(foldVariants("劒疎鴈囘").text).toBe("剑疏雁回");
  });
});
