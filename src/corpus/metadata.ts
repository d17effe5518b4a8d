// Metadata lines of news pages (来源 / 发布时间 / 作者 / 记者 / 责任编辑 / 责编 / 供稿 / 文/图 …):
// recognising a whole line as metadata and reading its fields. Lines are matched in their
// Simplified form. A line counts only if nothing but fields, dates and page counters is on it,
// so an interview turn such as 记者:习近平总书记…… stays in the text.

export interface MetadataFields {
  source?: string;
  /** ISO `YYYY-MM-DD`. */
  date?: string;
  author?: string;
  editor?: string;
  photographer?: string;
}

type Field = keyof MetadataFields | "counter";

/** Labels followed by a colon, longest first so 发布时间 wins over 时间. */
const labels: Array<[string, Field]> = [
  ["来源", "source"], ["出处", "source"], ["稿源", "source"], ["供稿", "source"], ["转自", "source"], ["转载自", "source"],
  ["发布时间", "date"], ["发布日期", "date"], ["发表时间", "date"], ["更新时间", "date"], ["时间", "date"], ["日期", "date"],
  ["作者", "author"], ["记者", "author"], ["撰文", "author"], ["撰稿", "author"], ["通讯员", "author"], ["文", "author"],
  ["责任编辑", "editor"], ["值班编辑", "editor"], ["编辑", "editor"], ["责编", "editor"], ["主编", "editor"],
  ["摄影", "photographer"], ["图片", "photographer"], ["图", "photographer"],
  ["评论", "counter"], ["点击", "counter"], ["阅读", "counter"], ["浏览", "counter"], ["点赞", "counter"], ["字号", "counter"],
];
labels.sort((left, right) => right[0].length - left[0].length);

const labelPattern = new RegExp(`(${labels.map(([label]) => label).join("|")})\\s*:\\s*`, "g");
const fieldOfLabel = new Map(labels);

/** Page-chrome links that may sit on a metadata line (来源:人民网 收藏). */
const chromeLinks = "收藏|打印|分享|关闭|纠错|举报";
/** All page chrome of a metadata line: the links and the font-size switch (字号:默认 大 中 小). */
const chromeWords = new RegExp(`${chromeLinks}|默认|[大中小]`, "g");
const trailingChromeLinks = new RegExp(`(?:\\s+(?:${chromeLinks}))+$`, "u");

const datePattern = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;
const datePatternGlobal = new RegExp(datePattern.source, "g");

const name = "[\\p{Script=Han}·•A-Za-z]{2,12}";
const names = `${name}(?:[ 、,/]+${name}){0,7}`;
const sentencePunctuation = /[。!?;]/;

/** Reads a date such as `2022-09-27 11:18:26`, `2022年09月23日08:22` or `2022/9/27` as ISO `YYYY-MM-DD`; undefined when there is no valid date. */
export function parseDate(text: string): string | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function cleanValue(value: string): string {
  return value.replace(/^[\s|丨:\-–—]+|[\s|丨\-–—]+$/g, "").replace(/\s+/g, " ");
}

function isEmptyOfContent(text: string): boolean {
  return text.replace(datePatternGlobal, "").replace(chromeWords, "").replace(/[\s|丨/\-–—:,\d]/g, "") === "";
}

function namesOnly(value: string): boolean {
  return new RegExp(`^${names}$`, "u").test(value);
}

/** Special forms without a colon: 人民网记者 李发兴, 武秀 文/图, (自治区公安厅供稿). */
function readCreditLine(line: string): MetadataFields | undefined {
  let match = new RegExp(`^(.{2,30}?)供稿$`, "u").exec(line);
  if (match && !sentencePunctuation.test(match[1])) return { source: match[1] };
  match = new RegExp(`^\\S{0,12}?(?:记者|通讯员)\\s*(${names})$`, "u").exec(line);
  if (match) return { author: match[1] };
  match = new RegExp(`^(${names})\\s*(?:文/图|文、图|图/文|图文)$`, "u").exec(line);
  if (match) return { author: match[1] };
  match = new RegExp(`^(${names})\\s*(?:/图|/摄|摄影?|供图)$`, "u").exec(line);
  if (match) return { photographer: match[1] };
  match = new RegExp(`^(?:图|摄影|图片)\\s*/\\s*(${names})$`, "u").exec(line);
  if (match) return { photographer: match[1] };
  return undefined;
}

/**
 * Reads a line (Simplified form, after NFKC) as metadata. Returns the fields when the whole line
 * is metadata, undefined when it is ordinary text.
 */
export function readMetadataLine(rawLine: string): MetadataFields | undefined {
  let line = rawLine.trim();
  if (line === "" || line.length > 160) return undefined;
  const bracketed = /^[(\[【]\s*(.*?)\s*[)\]】]$/u.exec(line);
  if (bracketed) line = bracketed[1];
  if (sentencePunctuation.test(line)) return undefined;

  const credit = readCreditLine(line);
  if (credit) return credit;

  const matches = [...line.matchAll(labelPattern)];
  const fields: MetadataFields = {};
  if (matches.length === 0) {
    // A line that is only a date stamp.
    const date = parseDate(line);
    if (date !== undefined && isEmptyOfContent(line)) return { date };
    return undefined;
  }

  const prefix = line.slice(0, matches[0].index);
  if (!isEmptyOfContent(prefix)) return undefined;
  const prefixDate = parseDate(prefix);
  if (prefixDate !== undefined) fields.date = prefixDate;

  for (let index = 0; index < matches.length; index++) {
    const match = matches[index];
    const field = fieldOfLabel.get(match[1]);
    const start = (match.index ?? 0) + match[0].length;
    const end = index + 1 < matches.length ? matches[index + 1].index ?? line.length : line.length;
    const rawValue = line.slice(start, end);
    if (field === undefined) return undefined;
    if (field === "counter") {
      if (!isEmptyOfContent(rawValue)) return undefined;
      continue;
    }
    if (field === "date") {
      const date = parseDate(rawValue);
      if (date === undefined || !isEmptyOfContent(rawValue)) return undefined;
      fields.date ??= date;
      continue;
    }
    let value = cleanValue(rawValue);
    // A value may end in page chrome (来源:人民网 收藏): drop trailing chrome words.
    value = cleanValue(value.replace(trailingChromeLinks, ""));
    if (value === "" || value.length > 40) return undefined;
    if (field !== "source" && !namesOnly(value)) return undefined;
    fields[field] ??= value;
  }
  const found = Object.keys(fields).length > 0;
  return found ? fields : undefined;
}
