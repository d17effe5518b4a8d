// Named-entity candidates from jieba's part-of-speech tags: people (nr), places (ns), organisations
// (nt) and other proper nouns (nz), with counts and the documents they occur in. jieba's dictionary
// tags many ordinary words as names (关怀, 辛勤, 智慧 and 安全感 are nr there; 城市 and 治安 ns),
// and its HMM tags unknown words (建立健全, 二十大), so by default the candidates are filtered:
// no single characters; a person is two or three characters (four with a two-character surname)
// starting with a common surname, not ending in a place suffix (县, 市 …), and not a word jieba's
// dictionary counts 20 times or more (a name it knows is rare there: 习近平 4; 关怀 697, 荣立 95).
// (A surname before a common word stays: 张建国 is a name, 高素质 is not, and nothing here tells.) They stay candidates: shown with
// their contexts, never stated as facts (precision on the bundled corpus in the README).
// Tokens are Simplified, so 雲南 and 云南 are one; a user-dictionary word keeps the tag given there
// (`公安部 10 nt`). Context: kwic(corpus, tokens, entity).
import { readFileSync } from "node:fs";
import { jiebaDictionaryPath } from "../text/segmenter";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

export type EntityType = "person" | "place" | "organisation" | "other";

export interface EntityRow {
  entity: string;
  type: EntityType;
  /** The jieba tag (nr, nrfg, ns, nt, nz …). */
  tag: string;
  count: number;
  documentFrequency: number;
  /** The documents it occurs in, comma-separated (first 10). */
  documents: string;
}

/** The entity type of a jieba tag, or undefined for a tag that is no entity. */
export function entityType(tag: string): EntityType | undefined {
  if (tag.startsWith("nr")) return "person";
  if (tag.startsWith("ns")) return "place";
  if (tag.startsWith("nt")) return "organisation";
  if (tag === "nz") return "other";
  return undefined;
}

/** Common Chinese surnames (the most frequent single-character ones, and two-character ones). */
const surnames = new Set(
  "王李张刘陈杨黄赵吴周习徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由".split(""),
);
const compoundSurnames = new Set(["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "万俟", "呼延", "钟离"]);

let dictionaryFrequency: Map<string, number> | undefined;

/** How often jieba's dictionary counts a word (0 when it does not list it). */
function jiebaFrequency(word: string): number {
  if (!dictionaryFrequency) {
    dictionaryFrequency = new Map();
    for (const line of readFileSync(jiebaDictionaryPath, "utf8").split("\n")) {
      const first = line.indexOf(" ");
      if (first > 0) dictionaryFrequency.set(line.slice(0, first), Number(line.slice(first + 1, line.indexOf(" ", first + 1) >>> 0)) || 0);
    }
  }
  return dictionaryFrequency.get(word) ?? 0;
}

/** Whether an entity passes the candidate filters of its type (see the module's note). */
export function plausibleEntity(entity: string, type: EntityType): boolean {
  const characters = [...entity];
  if (characters.length < 2 || !/^\p{Script=Han}+$/u.test(entity)) return false;
  if (type !== "person") return true;
  const compound = compoundSurnames.has(characters.slice(0, 2).join(""));
  if (!compound && !surnames.has(characters[0])) return false;
  if (characters.length > (compound ? 4 : 3)) return false;
  if ("省市县区州镇乡村旗".includes(characters[characters.length - 1])) return false; // 皮山县: a place
  return jiebaFrequency(entity) < 20;
}

/**
 * Entity candidates of tokens made with `{ pos: true }`, most frequent first (ties by entity);
 * filtered as the module's note says unless `unfiltered` (every word jieba tagged).
 */
export function entities(tokens: Tokens, options: { types?: EntityType[]; minCount?: number; top?: number; unfiltered?: boolean } = {}): EntityRow[] {
  if (!tokens.settings.pos) throw new Error("entities need tokens made with { pos: true } (part-of-speech tags)");
  const found = new Map<string, { type: EntityType; tag: string; count: number; documents: string[] }>();
  for (const document of tokens.documents) {
    const { termIds, tagIds } = document;
    if (!tagIds) continue;
    for (let index = 0; index < termIds.length; index++) {
      const tag = tokens.tags[tagIds[index]];
      const type = entityType(tag);
      if (!type || (options.types && !options.types.includes(type))) continue;
      const term = tokens.vocabulary[termIds[index]];
      const key = `${type}\u0000${term}`;
      let entry = found.get(key);
      if (!entry) found.set(key, (entry = { type, tag, count: 0, documents: [] }));
      entry.count++;
      if (entry.documents[entry.documents.length - 1] !== document.id) entry.documents.push(document.id);
    }
  }
  const rows: EntityRow[] = [...found].map(([key, entry]) => ({
    entity: key.slice(key.indexOf("\u0000") + 1),
    type: entry.type,
    tag: entry.tag,
    count: entry.count,
    documentFrequency: entry.documents.length,
    documents: entry.documents.slice(0, 10).join(", "),
  }));
  const kept = rows.filter((row) => row.count >= (options.minCount ?? 1) && (options.unfiltered || plausibleEntity(row.entity, row.type)));
  kept.sort((left, right) => right.count - left.count || compareText(left.entity, right.entity) || compareText(left.type, right.type));
  return options.top === undefined ? kept : kept.slice(0, options.top);
}
