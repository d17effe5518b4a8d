// Files researchers keep their texts in besides .txt: Word documents and PDFs (read by mammoth and
// PDF.js), web pages (stripped), and formats wenxi cannot read, each named with what to do.
import { copyFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src";
import { htmlText } from "../../src/corpus/extract";
import { temporaryFolder } from "../helpers";

const fixtures = path.join(__dirname, "../fixtures/documents");

describe("documents in other formats", () => {
  it("reads a .docx's paragraphs and table cells, and a .pdf's text layer with its Kangxi radicals folded to the characters they stand for", async () => {
    const folder = temporaryFolder();
    for (const name of ["interview.docx", "interview.pdf"]) copyFileSync(path.join(fixtures, name), path.join(folder, name.replace("interview", name.endsWith(".pdf") ? "张女士" : "李先生")));
    const corpus = await loadCorpus(folder, { pattern: "**/*.{docx,pdf}" });
    expect(corpus.errors).toEqual([]);
    const byId = new Map(corpus.documents.map((document) => [document.id, document]));
    // (Cleaning folds full-width punctuation to ASCII, as for every text.)
    expect(byId.get("李先生")!.text).toBe("访谈记录:社区治理\n受访者:李先生,2022年10月1日。\n问:您参加过社区议事会吗?\n答:参加过,大家在会上讨论停车和垃圾分类。\n表格单元");
    expect(byId.get("李先生")!.meta.format).toBe("docx");
    expect(byId.get("张女士")!.text).toBe("访谈记录:社区治理\n受访者:张女士,2021年3月5日。\n问:您怎么看社区志愿服务?\n答:志愿服务让邻里关系更加紧密,大家互相帮助。");
    expect(byId.get("张女士")!.original).toContain("张⼥⼠"); // the PDF's own spelling, kept for KWIC
    expect(byId.get("张女士")!.meta.format).toBe("pdf");
  });

  it("names a PDF without a text layer, and formats it cannot read, with what to do, and loads the files beside them", async () => {
    const folder = temporaryFolder();
    copyFileSync(path.join(fixtures, "scan.pdf"), path.join(folder, "scan.pdf"));
    writeFileSync(path.join(folder, "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    writeFileSync(path.join(folder, "broken.docx"), "not a zip");
    writeFileSync(path.join(folder, "good.txt"), "一篇好的文本。");
    const corpus = await loadCorpus(folder, { pattern: "**/*" });
    expect(corpus.documents.map((document) => document.id)).toEqual(["good"]);
    expect(corpus.errors.map((error) => [path.basename(error.path), error.kind, error.reason.slice(0, 60)])).toEqual([
      ["broken.docx", "read", "cannot read the Word document: Can't find end of central dir"],
      ["old.doc", "unsupported", "Word 97–2003 files cannot be read: save them as .docx (or .t"],
      ["scan.pdf", "read", "the PDF's 1 page(s) have no text layer (a scan?): run OCR on"],
    ]);
  });

  it("strips a web page to its text, one line per block, with its title, without scripts, styles or comments", async () => {
    const html = `<!DOCTYPE html><html><head><title>新闻 &amp; 评论</title><style>p{color:red}</style><script>var x = "<p>不要</p>";</script></head>
<body><nav>首页 | 国内</nav><!-- 注释 --><h1>标题</h1><p>第一段&nbsp;文字，&#x4e2d;&#25991;。</p><div>第二段<br>换行</div><noscript>请开启</noscript></body></html>`;
    expect(htmlText(html)).toEqual({ title: "新闻 & 评论", text: "首页 | 国内\n标题\n第一段 文字，中文。\n第二段\n换行" });
    const file = path.join(temporaryFolder(), "page.html");
    writeFileSync(file, html);
    const corpus = await loadCorpus(file);
    expect(corpus.documents[0].title).toBe("新闻 & 评论");
    expect(corpus.documents[0].text).not.toContain("不要");
  });
});
