import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/corpus/clean";
import { defaultDebrisRules, type DebrisRule } from "../../src/corpus/debris";
import { matchDebrisRule } from "../../src/corpus/debris";

const ruleFor = (line: string, previousLine?: string) => matchDebrisRule(line, defaultDebrisRules, { previousLine })?.name;

describe("the debris rule table", () => {
  it.each([
    ["人民网>>云南频道>>时政", "breadcrumb"],
    ["当前位置: 首页 > 新闻 > 正文", "breadcrumb"],
    ["首页 » 要闻 » 正文", "breadcrumb"],
    ["分享让更多人看到", "navigation"],
    ["返回顶部", "navigation"],
    ["小字号", "navigation"],
    ["【打印】 【关闭窗口】", "navigation"],
    ["©1997-2022 河南致晟提供技术支持", "footer"],
    ["网站简介 - 联系方法 - 招聘信息 - 广告服务 - 网站地图", "footer"],
    ["互联网违法不良信息举报 意见反馈 新闻地图 旧版回顾", "footer"],
    ["京ICP备12345678号", "footer"],
    ["Copyright © 2023 Example. All Rights Reserved.", "footer"],
    ["Array", "template-token"],
    ["undefined", "template-token"],
    ["{{ article.title }}", "template-token"],
    ["-END-", "end-marker"],
    ["—— END ——", "end-marker"],
    ["(完)", "end-marker"],
    ["图片来源:新华社", "image-credit"],
  ])("removes %s as %s", (line, rule) => expect(ruleFor(line)).toBe(rule));

  it.each([
    "党的十八大以来,云南公安机关以党的建设为引领。",
    "雪山瀚海见忠诚",
    "编者按",
    "下一步,新乡公安将继续咬定年度既定目标不动摇。",
    "公安机关打击犯罪 > 去年同期",
    "分享经验、共同提高是本次培训的目的。",
  ])("keeps %s", (line) => expect(ruleFor(line)).toBeUndefined());

  it("removes a line repeated right after itself", () => {
    expect(ruleFor("李力(中)督导检查疫情防控工作。", "李力(中)督导检查疫情防控工作。")).toBe("duplicate-line");
    expect(ruleFor("短行", "短行")).toBeUndefined();
  });

  it("can be extended by the user", () => {
    const rules: DebrisRule[] = [...defaultDebrisRules, { name: "advert", description: "广告行", test: /^广告/ }];
    const cleaned = cleanText("正文第一行。\n广告:买一送一\n正文第二行。", { debrisRules: rules });
    expect(cleaned.text).toBe("正文第一行。\n正文第二行。");
    expect(cleaned.log).toEqual([{ step: "debris", rule: "advert", line: 2, text: "广告:买一送一" }]);
  });
});

describe("cleanText around debris", () => {
  it("removes the footer zone after the editor line but not when real sentences follow", () => {
    const footer = cleanText("正文。\n责任编辑:李昕\n关于\n新闻地图");
    expect(footer.text).toBe("正文。");
    expect(footer.log.map((entry) => entry.rule)).toEqual(["editor", "navigation", "footer-zone"]);
    const body = cleanText("责任编辑:李昕\n小标题\n这是正文的一句话,很长。");
    expect(body.text).toBe("小标题\n这是正文的一句话,很长。");
  });

  it("cuts an image credit off the end of a caption, also when normalization is off", () => {
    expect(cleanText("正文一句。某某供图\n第二行。").text).toBe("正文一句。\n第二行。");
    expect(cleanText("  正文一句。某某供图\n第二行。", { normalize: false }).text).toBe("  正文一句。\n第二行。");
  });

  it("can switch every step off", () => {
    const text = "人民网>>时政\n责(zé)任\n来源:人民网";
    const cleaned = cleanText(text, { debris: false, pinyin: false, metadata: false, normalize: false });
    expect(cleaned.text).toBe(text);
    expect(cleaned.log).toEqual([]);
  });
});
