// The report run's cache: a corpus and its tokens are read back when nothing that decides them
// changed, and made anew when a file, an option or the documents change.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus, tokenize } from "../../src";
import { temporaryFolder, writeFiles } from "../helpers";

afterEach(() => {
  delete process.env.WENXI_CACHE_DIR;
});

describe("the report cache", () => {
  it("reads back the same corpus and tokens, and misses on any change", async () => {
    const folder = temporaryFolder();
    const cache = path.join(folder, "cache");
    writeFiles(folder, { "texts/a.txt": "公安机关坚持党建引领。", "texts/b.txt": "深入推进改革。", "cache/.keep": "" });
    process.env.WENXI_CACHE_DIR = cache;
    const source = path.join(folder, "texts");
    const first = await loadCorpus(source);
    const tokens = tokenize(first);
    // The corpus, its tokens, and the table of Simplified/Traditional characters (built once per run, script.ts).
    expect(readdirSync(cache).filter((name) => name.endsWith(".v8")).map((name) => name.split("-").slice(0, -1).join("-")).sort()).toEqual(["corpus", "script-classes", "tokens"]);
    const again = await loadCorpus(source);
    expect(again).toEqual(first);
    expect(tokenize(again)).toEqual(tokens);
    // The second load and cut were read back, not made again: each cache file, rewritten by
    // hand, is what comes back (a cache that always missed would return the real values).
    const { serialize, deserialize } = await import("node:v8");
    for (const name of readdirSync(cache).filter((entry) => entry.endsWith(".v8") && !entry.startsWith("script-classes-"))) {
      const value = deserialize(readFileSync(path.join(cache, name))) as { documents: Array<{ id: string }> };
      value.documents[0].id = `${value.documents[0].id}-from-cache`;
      writeFileSync(path.join(cache, name), serialize(value));
    }
    const read = await loadCorpus(source);
    expect(read.documents[0].id).toBe("a-from-cache");
    expect(tokenize(again).documents[0].id).toBe("a-from-cache");
    for (const name of readdirSync(cache).filter((entry) => entry.endsWith(".v8") && !entry.startsWith("script-classes-"))) {
      const value = deserialize(readFileSync(path.join(cache, name))) as { documents: Array<{ id: string }> };
      value.documents[0].id = "a";
      writeFileSync(path.join(cache, name), serialize(value));
    }
    // Other options, other tokens.
    expect(tokenize(again, { stopwords: "none", removePunctuation: false }).vocabulary).toContain("。");
    // A changed file is loaded anew (its size changes).
    writeFileSync(path.join(source, "b.txt"), "深入推进改革开放。");
    const changed = await loadCorpus(source);
    expect(changed.documents[1].text).toBe("深入推进改革开放。");
    expect(tokenize(changed).vocabulary).toContain("开放");
    // Without the variable nothing is read or written.
    delete process.env.WENXI_CACHE_DIR;
    const before = readdirSync(cache).length;
    await loadCorpus(source, { pinyin: false });
    expect(readdirSync(cache)).toHaveLength(before);
  });
});
