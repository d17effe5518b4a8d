// The report run's cache: a corpus and its tokens are read back when nothing that decides them
// changed, and made anew when a file, an option or the documents change; an entry another process
// is computing is waited for, not computed twice.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCorpus, tokenize } from "../../src";
import { computeCached, computeCachedAsync } from "../../src/shared/cache";
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

describe("one computation per entry across the run's processes", () => {
  // A process that holds the claim (its pid in the claim file) and, after a while, writes the entry and releases it.
  const holder = (cache: string, kind: string, key: string, value: unknown, milliseconds: number) => {
    const script = `const v8=require("node:v8"),fs=require("node:fs"),path=require("node:path");setTimeout(()=>{fs.writeFileSync(path.join(${JSON.stringify(cache)},${JSON.stringify(`${kind}-${key}.v8`)}),v8.serialize(${JSON.stringify(value)}));fs.unlinkSync(path.join(${JSON.stringify(cache)},${JSON.stringify(`${kind}-${key}.claim`)}));},${milliseconds});`;
    const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
    writeFileSync(path.join(cache, `${kind}-${key}.claim`), String(child.pid));
    return new Promise<number | null>((resolve) => child.on("exit", resolve));
  };

  it("waits for the process that claimed an entry and takes its result instead of computing it", async () => {
    const cache = path.join(temporaryFolder(), "cache");
    mkdirSync(cache);
    process.env.WENXI_CACHE_DIR = cache;
    const never = () => {
      throw new Error("computed although another process had claimed it");
    };
    const exited = holder(cache, "tokens", "k1", { from: "the other process" }, 300);
    expect(computeCached("tokens", "k1", never)).toEqual({ from: "the other process" });
    await exited;
    const exitedToo = holder(cache, "corpus", "k2", { from: "another" }, 300);
    expect(await computeCachedAsync("corpus", "k2", async () => never())).toEqual({ from: "another" });
    await exitedToo;
  });

  it("computes an entry whose claim was left by a process that is gone, and releases its own claim when computing fails", () => {
    const cache = path.join(temporaryFolder(), "cache");
    mkdirSync(cache);
    process.env.WENXI_CACHE_DIR = cache;
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(path.join(cache, "tokens-k3.claim"), gone);
    expect(computeCached("tokens", "k3", () => ({ computed: "here" }))).toEqual({ computed: "here" });
    expect(readdirSync(cache).sort()).toEqual(["tokens-k3.v8"]);
    expect(() =>
      computeCached("tokens", "k4", () => {
        throw new Error("bad input");
      }),
    ).toThrow("bad input");
    expect(readdirSync(cache).sort()).toEqual(["tokens-k3.v8"]);
    // The next asker computes it (and meets the same error), rather than waiting for nobody.
    expect(computeCached("tokens", "k4", () => 4)).toBe(4);
  });
});
