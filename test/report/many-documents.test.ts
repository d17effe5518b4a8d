// The report on 5,000 short documents (40–120 characters, no dates, no metadata: posts,
// comments): every page and the index are written, no page passes 5 MB, and each per-document
// view that stops at a size limit says on the page what it left out and why.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shortDocuments } from "../../src/bench/similarity";
import { buildReport } from "../../src/report/report";
import { projectTemporaryFolder } from "../helpers";

const folder = projectTemporaryFolder();
const corpus = path.join(folder, "posts.jsonl");
const out = path.join(folder, "report");

type Notebook = { cells: Array<{ outputs?: Array<{ text?: string | string[]; data?: Record<string, unknown> }> }> };
const textOf = (name: string) =>
  (JSON.parse(readFileSync(path.join(out, `${name}.ipynb`), "utf8")) as Notebook).cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((output) => [output.text, output.data?.["text/plain"]].flat().join(""))
    .join("\n");

describe("a report on 5,000 short documents", () => {
  beforeAll(async () => {
    writeFileSync(corpus, shortDocuments(5000));
    await buildReport({ out, corpus, timeout: 300 });
  }, 900_000);

  it("writes every page and the index, none past 5 MB", () => {
    const pages = readdirSync(out).filter((name) => name.endsWith(".html")).sort();
    expect(pages).toEqual(["01-corpus-overview.html", "02-term-frequency.html", "03-keywords.html", "04-comparison.html", "05-terms-in-context.html", "06-structure.html", "07-measures.html", "08-over-time.html", "index.html"]);
    for (const page of pages) expect(statSync(path.join(out, page)).size, page).toBeLessThan(5 * 1024 * 1024);
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    expect(index).toContain("corpus of 5000 documents");
    expect(index).toContain("500 of 5000 rows in the page (wenxi corpus CORPUS --csv lists every document)");
  });

  it("says what each bounded view left out", () => {
    expect(textOf("02-term-frequency")).toContain("With 5,000 documents, the heatmap shows the 40 that use these 20 terms most often.");
    expect(textOf("03-keywords")).toMatch(/With 5,000 documents, the heatmap shows the 40 with the largest total TF-IDF on these \d+ terms/);
    expect(textOf("04-comparison")).toContain("5,000 documents and no metadata field that groups them: 24 of the 4,937 with tokens (63 documents have no token left after stopwords and are not compared), evenly spaced in date and id order (one in 205.7: a systematic sample");
    expect(readFileSync(path.join(out, "04-comparison.html"), "utf8")).toContain("Key terms of 24 documents (log ratio)");
    expect(textOf("06-structure")).toContain("With 5,000 documents, the full matrix (12,497,500 pairs), its heatmap and the clustering are left out");
    // Short posts: MATTR is compared only among documents of a 50-token window or more, and the page says how many that leaves out.
    expect(textOf("07-measures")).toMatch(/[\d,]+ of 5,000 documents have fewer than the 50 tokens of one MATTR window/);
    expect(textOf("07-measures")).not.toContain("(0.00)");
  });
});
