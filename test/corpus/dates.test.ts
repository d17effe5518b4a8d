// Dates and fields from where real corpora keep them: file names, datelines, titles.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFromTexts, documentLabels, loadCorpus, termFrequency, tokenize } from "../../src";
import { findDateline, parseDateValue } from "../../src/corpus/dates";
import { nameFieldsReader, parseNameFieldsSpec } from "../../src/corpus/name-fields";
import { temporaryFolder, writeFiles } from "../helpers";

describe("parseDateValue", () => {
  it("keeps the precision it finds", () => {
    expect(parseDateValue("1954")).toEqual({ date: "1954", precision: "year" });
    expect(parseDateValue("1954年5月")).toEqual({ date: "1954-05", precision: "month" });
    expect(parseDateValue("——1954年5月23日在")).toEqual({ date: "1954-05-23", precision: "day" });
    expect(parseDateValue("二〇二三年十二月二十三日")).toEqual({ date: "2023-12-23", precision: "day" });
    expect(parseDateValue("news_20220927")).toEqual({ date: "2022-09-27", precision: "day" });
    expect(parseDateValue("2022年2月30日")).toEqual({ date: "2022-02", precision: "month" });
    expect(parseDateValue("000_cc917116ad61b671")).toBeUndefined(); // digits inside a hash are no year
    expect(parseDateValue("第1234号")).toBeUndefined();
  });
});

describe("findDateline", () => {
  it("reads the datelines of reports and news near the top", () => {
    expect(findDateline("政府工作报告\n——1954年5月23日在第一届全国人民代表大会第一次会议上\n各位代表")).toMatchObject({ date: "1954-05-23", line: 2 });
    expect(findDateline("标题\n（2023年3月5日在第十四届全国人民代表大会第一次会议上）")).toMatchObject({ date: "2023-03-05" });
    expect(findDateline("标题\n本报讯 2022年9月23日讯 记者")).toMatchObject({ date: "2022-09-23" });
    expect(findDateline("标题\n会议指出，2022年9月23日以来成绩显著。")).toBeUndefined();
  });
});

describe("name fields", () => {
  it("reads a pattern or a separator and field names", () => {
    expect(nameFieldsReader("{year}政府工作报告_{speaker}").read("1954政府工作报告_周恩来")).toEqual({ year: "1954", speaker: "周恩来" });
    expect(nameFieldsReader(parseNameFieldsSpec("_:date,source,title")).read("20220927_人民网_标题_续")).toEqual({ date: "20220927", source: "人民网", title: "标题_续" });
    expect(() => parseNameFieldsSpec("date,speaker")).toThrow("--name-fields takes a pattern");
  });
  it("fills metadata, a date of year precision refined by the dateline, and says where each date came from", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, {
      "1954政府工作报告_周恩来.txt": "政府工作报告\n——1954年5月23日在第一届全国人民代表大会第一次会议上\n各位代表：国民经济恢复时期已经结束。",
      "1955政府工作报告_周恩来.txt": "政府工作报告\n各位代表：第一个五年计划开始执行。",
      "2017政府工作报告_李克强.txt": "政府工作报告\n各位代表：经济发展新常态。",
      "杂记.txt": "没有日期的文本。",
    });
    const corpus = await loadCorpus(folder, { nameFields: "{year}政府工作报告_{speaker}" });
    expect(corpus.documents.map((document) => [document.meta.date, document.meta.dateSource, document.meta.year, document.meta.decade, document.meta.speaker])).toEqual([
      ["1954-05-23", "dateline", "1954", "1950s", "周恩来"],
      ["1955", "name-field", "1955", "1950s", "周恩来"],
      ["2017", "name-field", "2017", "2010s", "李克强"],
      [undefined, undefined, undefined, undefined, undefined],
    ]);
    expect(corpus.documents[0].log.filter((entry) => entry.rule.startsWith("date-from"))).toEqual([
      { step: "metadata", rule: "date-from-dateline", text: "1954-05-23 from ——1954年5月23日在第一届全国人民代表大会第一次会议上" },
    ]);
    expect(corpus.documents[3].log.find((entry) => entry.rule === "name-fields-no-match")?.text).toBe('"杂记" does not fit {year}政府工作报告_{speaker}');
    // Without the pattern the year still comes from the file name.
    const plain = await loadCorpus(folder);
    expect(plain.documents.map((document) => [document.meta.date, document.meta.dateSource])).toEqual([
      ["1954-05-23", "dateline"],
      ["1955", "file-name"],
      ["2017", "file-name"],
      [undefined, undefined],
    ]);
    // Any field groups: speaker, decade; a field nobody has is an error naming the fields there are.
    const tokens = tokenize(corpus);
    expect(termFrequency(tokens, { by: "decade", top: 1 }).map((row) => row.group)).toEqual(["(none)", "1950s", "2010s"]);
    expect(termFrequency(tokens, { by: "speaker", top: 1 }).map((row) => row.group)).toEqual(["(none)", "周恩来", "李克强"]);
    expect(() => termFrequency(tokens, { by: "province" })).toThrow('no document has a value for "province"; fields present: document, date, dateSource, decade, encoding, script, speaker, year');
  });
});

describe("documentLabels", () => {
  it("makes titles unique by what differs, never by an id prefix", () => {
    const corpus = corpusFromTexts(
      [1954, 1955, 1956].flatMap((year) => [{ id: `${year}政府工作报告_周恩来`, text: "政府工作报告\n正文。", meta: { year: String(year), speaker: "周恩来" } }]).concat([
        { id: "1957政府工作报告_周恩来", text: "政府工作报告\n正文。", meta: { year: "1957", speaker: "周恩来" } },
        { id: "other", text: "一个很长很长很长很长很长很长的标题在这里\n正文。", meta: { year: "1960", speaker: "刘少奇" } },
      ]),
    );
    expect([...documentLabels(corpus).values()]).toEqual(["1954 政府工作报告", "1955 政府工作报告", "1956 政府工作报告", "1957 政府工作报告", "一个很长很长很长很长很长很长的…"]);
  });
});
