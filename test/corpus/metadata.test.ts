import { describe, expect, it } from "vitest";
import { parseDate, readMetadataLine } from "../../src/corpus/metadata";

describe("parseDate", () => {
  it.each([
    ["2022-09-27 11:18:26", "2022-09-27"],
    ["2022年09月23日08:22", "2022-09-23"],
    ["2022年9月3日", "2022-09-03"],
    ["2022/9/27", "2022-09-27"],
    ["2022.09.27", "2022-09-27"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s as %s", (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(["2023-02-29", "2022-13-01", "2022-00-10", "1800-01-01", "没有日期"])("rejects %s", (text) => expect(parseDate(text)).toBeUndefined());
});

describe("readMetadataLine", () => {
  it.each([
    ["来源:人民公安报 发布时间: 2022-09-27 11:18:26 作者:马建华 朱祥明 李旭帅", { source: "人民公安报", date: "2022-09-27", author: "马建华 朱祥明 李旭帅" }],
    ["2023-10-10 10:13:46 来源: 新乡日报 评论:0 点击: 收藏", { date: "2023-10-10", source: "新乡日报" }],
    ["2022年09月23日08:22 | 来源:人民网-云南频道", { date: "2022-09-23", source: "人民网-云南频道" }],
    ["(责编:木胜玉、朱红霞)", { editor: "木胜玉、朱红霞" }],
    ["责任编辑:马芳", { editor: "马芳" }],
    ["人民网记者 李发兴", { author: "李发兴" }],
    ["(自治区公安厅供稿)", { source: "自治区公安厅" }],
    ["武秀 文/图", { author: "武秀" }],
    ["张三/摄", { photographer: "张三" }],
    ["2022-09-27", { date: "2022-09-27" }],
    ["出处:新华社 字号:大 中 小", { source: "新华社" }],
  ])("reads %s", (line, fields) => expect(readMetadataLine(line)).toEqual(fields));

  it.each([
    "记者:习近平总书记从战略和全局的高度提出新时代党的治疆方略。请谈谈您的认识?",
    "人民网:近年来,西双版纳州公安机关如何以党建为引领",
    "今年7月19日,新疆维吾尔自治区公安厅召开党委理论中心组学习会",
    "时间:就是生命",
    "编者按",
    "2022年是党和国家历史上具有里程碑意义的一年",
  ])("leaves ordinary text alone: %s", (line) => expect(readMetadataLine(line)).toBeUndefined());
});
