import { describe, expect, it, vi } from "vitest";
import { corpusFromTexts, show, termFrequency, tokenize, topTermsChart, wordCloud } from "../../src";
import { mimeBundle } from "../../src/notebook/display";

const tokens = tokenize(corpusFromTexts([{ id: "a", text: "公安机关坚持党建引领。公安机关深入推进枫桥经验。" }]));

describe("mimeBundle", () => {
  it("gives a Vega-Lite chart its spec as an object, a pre-rendered SVG and text", async () => {
    const spec = topTermsChart(termFrequency(tokens));
    const bundle = await mimeBundle(spec);
    // The PNG and no SVG: nbconvert's HTML export would pick the SVG and strip it (CI has the CJK font the PNG needs).
    expect(Object.keys(bundle)).toEqual(["application/vnd.vegalite.v5+json", "image/png", "text/plain"]);
    expect(Buffer.from(String(bundle["image/png"]), "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(bundle["application/vnd.vegalite.v5+json"]).toBe(spec);
    const { chartOutput } = await import("../../src/notebook/display");
    const svg = String(((await chartOutput(spec)).metadata as { wenxi: { svg: string } }).wenxi.svg);
    expect(svg).toMatch(/^<svg[^>]*>.*公安机关/s);
    // The static copy carries no per-mark ARIA labels (an image's marks are never read); the live spec is untouched.
    const labels = (text: string) => (text.match(/aria-label=/g) ?? []).length;
    expect(labels(svg)).toBe(1); // the title's
    expect(labels(await (await import("../../src/charts/render")).toSVG(spec))).toBeGreaterThanOrEqual(9); // and one per bar
    expect((spec as { config?: { aria?: unknown } }).config?.aria).toBeUndefined();
    expect(bundle["text/plain"]).toBe("<Vega-Lite chart: 高频词 Top 8 terms>"); // 公安机关 坚持 党建 引领 深入 推进 枫桥 经验 (no preset: jieba's own dictionary)
  });
  it("gives a Vega chart (the word cloud) the Vega MIME type", async () => {
    expect(Object.keys(await mimeBundle(wordCloud(termFrequency(tokens))))).toEqual(["application/vnd.vega.v5+json", "image/png", "text/plain"]);
  });
  it("escapes untrusted text in HTML tables and counts the rows left out", async () => {
    const rows = [{ title: '<script>alert("x")</script>', count: 1 }, ...Array.from({ length: 30 }, (_, index) => ({ title: `t${index}`, count: index }))];
    const bundle = await mimeBundle(rows, { maxRows: 5 });
    const html = String(bundle["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("5 of 31 rows shown");
    // The other 26 are one click away, not cut; the CSV holds every row.
    expect(html).toContain('<details class="more-rows"><summary>show 26 more rows</summary>');
    expect(html.match(/<tr><td>/g)).toHaveLength(31);
    expect(String(bundle["text/csv"]).split("\r\n")).toHaveLength(33);
    expect(String(bundle["text/plain"])).toContain("(5 of 31 rows)");
  });
  it("shows a DataFrame as a table", async () => {
    const { toDataFrame } = await import("../../src");
    const bundle = await mimeBundle(toDataFrame(termFrequency(tokens)));
    expect(String(bundle["text/html"])).toContain('<th title="term">term</th><th title="count">count</th><th title="per10k">per 10k tokens</th><th title="documentFrequency">documents</th>');
    expect(String(bundle["text/html"])).toContain("公安机关");
  });
});

describe("prose from say() and finding()", () => {
  it("is HTML rendered by wenxi (no text/markdown a front end would render with raw HTML on): corpus markup and links stay text", async () => {
    const { proseBundle } = await import("../../src/notebook/display");
    const title = '<script>window.__wenxiPwned = 1</script><img src=x onerror="alert(1)">';
    const source = "[点此领取](http://evil.example/) ![x](http://evil.example/x.png) <http://evil.example>";
    const { bundle, metadata } = proseBundle(`The longest document is **${title}**, from ${source}.`, true);
    expect(Object.keys(bundle)).toEqual(["text/html", "text/plain"]);
    const html = String(bundle["text/html"]);
    expect(html).toBe(
      '<div class="wenxi-prose"><p>The longest document is <strong>&lt;script&gt;window.__wenxiPwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</strong>, from [点此领取](http://evil.example/) ![x](http://evil.example/x.png) &lt;http://evil.example&gt;.</p>\n</div>',
    );
    expect(html).not.toMatch(/<(a|img|script)\b/);
    expect(metadata).toEqual({ wenxi: { prose: `The longest document is **${title}**, from ${source}.`, finding: true } });
  });
});

describe("show outside a kernel", () => {
  it("prints the plain text", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await show("你好");
      expect(write).toHaveBeenCalledWith("你好\n");
    } finally {
      write.mockRestore();
    }
  });
});

describe("charts without a CJK font", () => {
  it("renders PNGs with Noto Sans SC from the optional font package, whatever fonts the system has", async () => {
    const { findCjkFont } = await import("../../src/charts/render");
    expect(findCjkFont()).toMatch(/@expo-google-fonts\/noto-sans-sc\/400Regular\/NotoSansSC_400Regular\.ttf$/);
  });
  it("keeps the spec and the SVG, drops the PNG, and says why once on stderr (the cell shows it)", async () => {
    vi.resetModules();
    const display = await import("../../src/notebook/display");
    const previous = process.env.WENXI_CJK_FONT;
    process.env.WENXI_CJK_FONT = "/nonexistent/font.ttf";
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    try {
      const first = await display.mimeBundle(topTermsChart(termFrequency(tokens)));
      const second = await display.mimeBundle(topTermsChart(termFrequency(tokens), { top: 3 }));
      expect(Object.keys(first)).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
      expect(Object.keys(second)).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
    } finally {
      spy.mockRestore();
      if (previous === undefined) delete process.env.WENXI_CJK_FONT;
      else process.env.WENXI_CJK_FONT = previous;
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toContain("charts are shown without their PNG copy");
    expect(written[0]).toContain('CJK font "/nonexistent/font.ttf" does not exist');
  });
});

describe("tables bounded in the page", () => {
  it("puts at most 500 rows in the page and a CSV of every row while it stays under 600 KB, saying so", async () => {
    const { boundedCsv } = await import("../../src/notebook/display");
    const rows = Array.from({ length: 3000 }, (_, index) => ({ id: `d${index}`, excerpt: "公安机关坚持党建引领".repeat(20) }));
    const bundle = await mimeBundle(rows, { maxRows: 10 });
    const html = String(bundle["text/html"]);
    expect(html.match(/<tr><td>/g)).toHaveLength(500);
    const csv = boundedCsv(rows);
    expect(Buffer.byteLength(csv.text)).toBeLessThanOrEqual(600_000);
    expect(csv.rows).toBeGreaterThan(900);
    expect(csv.rows).toBeLessThan(3000);
    expect(csv.text.split("\r\n").filter(Boolean)).toHaveLength(csv.rows + 1);
    expect(String(bundle["text/csv"])).toBe(csv.text);
    expect(html).toContain(`500 of 3000 rows in the page (the CSV has the first ${csv.rows})`);
    // A small table: every row, and the note says the CSV has all.
    const small = await mimeBundle(rows.slice(0, 600), { maxRows: 10 });
    expect(String(small["text/html"])).toContain("500 of 600 rows in the page (the CSV has all)");
    expect(String(small["text/csv"]).split("\r\n").filter(Boolean)).toHaveLength(601);
  });
});
