// A second corpus of another shape than the bundled one, written on the fly for tests: 49
// government work reports, 1954–2017 with the real gaps, named `{year}政府工作报告_{speaker}.txt`,
// each opening with its title and a dateline (——1954年5月23日在…), no metadata lines, three in
// Traditional script. The text is generated from a fixed seed out of an economic vocabulary that
// shifts over the decades, in modern sentences with function words and figures (without them the
// text read as classical Chinese and was cut into characters), and shares no place, source or key
// term with the bundled news corpus.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { toTraditional } from "../corpus/script";
import { seededRandom } from "../shared/random";

const speakers: Array<[number, number, string]> = [
  [1954, 1975, "周恩来"],
  [1978, 1979, "华国锋"],
  [1980, 1987, "赵紫阳"],
  [1988, 1997, "李鹏"],
  [1998, 2002, "朱镕基"],
  [2003, 2012, "温家宝"],
  [2013, 2017, "李克强"],
];

export const reportYears = [1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975, ...Array.from({ length: 40 }, (_, index) => 1978 + index)];

const common = ["经济", "发展", "建设", "人民", "国家", "生产", "工作", "社会", "政府", "群众", "任务", "提高"];
const byEra: Array<[number, string[]]> = [
  [1954, ["五年计划", "农业合作化", "钢铁", "粮食", "基本建设", "手工业", "国营企业", "重工业"]],
  [1978, ["改革开放", "经济体制", "乡镇企业", "对外开放", "商品经济", "经济特区", "承包责任制", "价格改革"]],
  [1998, ["市场经济", "国有企业", "西部大开发", "科教兴国", "社会保障", "宏观调控", "城镇化", "加入世贸"]],
  [2013, ["高质量发展", "创新驱动", "数字经济", "生态文明", "脱贫攻坚", "供给侧", "简政放权", "新动能"]],
];
const verbs = ["推进", "加强", "完成", "实现", "坚持", "扩大", "改善", "促进"];
const measures = ["增长", "成效", "任务", "目标", "水平", "规模"];

function speakerOf(year: number): string {
  return speakers.find(([first, last]) => year >= first && year <= last)![2];
}

function eraTerms(year: number): string[] {
  return [...byEra].reverse().find(([first]) => year >= first)![1];
}

function body(year: number, sentences: number): string {
  const next = seededRandom(year);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  // Modern prose, as real reports are: function words (的 了 在 是 和 我们) in every sentence, so
  // that the text reads as modern Chinese (text/classical.ts) and jieba cuts it into words.
  // Figures, as reports quote them, so that sentences are not all alike.
  const percent = () => `${(1 + next() * 14).toFixed(1)}%`;
  const amount = () => `${Math.floor(100 + next() * 9900)}亿元`;
  const templates: Array<(term: string, other: string) => string> = [
    (term, other) => `${pick(verbs)}${term}，${pick(common)}的${pick(measures)}明显提高了，比上年增长${percent()}，${other}${pick(verbs)}${pick(common)}${pick(measures)}。`,
    (term, other) => `我们要在${term}方面${pick(verbs)}${pick(common)}的${pick(measures)}，把${other}和${pick(common)}工作结合起来。`,
    (term) => `这是${pick(common)}发展的重要${pick(measures)}，也是${term}的基础，全年投入${amount()}，必须${pick(verbs)}下去。`,
    (term, other) => `过去一年，${term}取得了新的${pick(measures)}，完成${amount()}，${other}的${pick(measures)}有所${pick(["增加", "改善", "扩大"])}。`,
  ];
  const lines: string[] = [];
  for (let index = 0; index < sentences; index++) {
    const term = pick(eraTerms(year));
    const other = next() < 0.7 ? pick(eraTerms(year)) : pick(common);
    lines.push(pick(templates)(term, other));
  }
  // Paragraphs of four sentences.
  const paragraphs: string[] = [];
  for (let index = 0; index < lines.length; index += 4) paragraphs.push(`各位代表：${lines.slice(index, index + 4).join("")}`);
  return paragraphs.join("\n");
}

/** Writes the 49 reports into `folder` (created); returns their file names. */
export function writeReportsCorpus(folder: string, options: { sentences?: number } = {}): string[] {
  mkdirSync(folder, { recursive: true });
  const names: string[] = [];
  for (const year of reportYears) {
    const session = year - 1953;
    let text = `政府工作报告\n——${year}年3月${(year % 20) + 1}日在第${session}次全体会议上\n${body(year, options.sentences ?? 24)}\n`;
    if (year === 1980 || year === 1990 || year === 2000) text = toTraditional(text);
    const name = `${year}政府工作报告_${speakerOf(year)}.txt`;
    writeFileSync(path.join(folder, name), text);
    names.push(name);
  }
  return names;
}

/** Strings of the bundled corpus that must never appear in a report on another corpus. */
export const bundledCorpusStrings = [
  "000_cc917116ad61b671", "001_9b22334ce759c9d2", "002_f5186662bd3c1b41", "003_c02badad5088874c", "004_ca7bdd51d57b8ec5",
  "新疆", "兵团", "云南", "雲南", "新乡", "内蒙古", "西双版纳", "枫桥经验", "电信网络诈骗", "反恐", "公安", "人民公安报", "人民网", "天祥和",
];
