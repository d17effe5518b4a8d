// Dates a document carries outside its metadata lines: a dateline near the top (——1954年5月23日在…,
// （2023年3月5日在…）, 2022年9月23日讯), or a date in its file name or title. Dates keep their
// precision: a bare year is "1954" (not a fake 1954-01-01), a month "1954-05", a day "1954-05-23".

export type DatePrecision = "year" | "month" | "day";

const chineseDigits: Record<string, string> = { 〇: "0", 零: "0", O: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** Chinese numerals in a date (二〇二三年三月五日, 十二月, 二十三日) → Arabic digits. */
export function arabicDate(text: string): string {
  return text
    .replace(/([〇零一二三四五六七八九]{4})(?=\s*年)/g, (year) => [...year].map((character) => chineseDigits[character]).join(""))
    .replace(/([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=\s*[月日号])/g, (number) => {
      if (!number.includes("十")) return chineseDigits[number];
      const [tens, ones] = number.split("十");
      return String((tens === "" ? 1 : Number(chineseDigits[tens])) * 10 + (ones === "" ? 0 : Number(chineseDigits[ones])));
    });
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/**
 * A date written as a day, a month or a year (2022-09-27, 2022年9月, 1954年, 1954), with Chinese
 * numerals allowed, as ISO text of that precision; undefined when there is none. Years 1800–2100.
 */
export function parseDateValue(text: string): { date: string; precision: DatePrecision } | undefined {
  const value = arabicDate(text.normalize("NFKC"));
  // Digits stand apart from Latin letters and other digits, so a hash (cc917116ad) holds no year.
  for (const pattern of [/(?<![\dA-Za-z])(\d{4})\s*[-/._年]\s*(\d{1,2})\s*[-/._月]\s*(\d{1,2})(?![\dA-Za-z])/, /(?<![\dA-Za-z])(\d{4})(\d{2})(\d{2})(?![\dA-Za-z])/]) {
    const match = pattern.exec(value);
    if (!match) continue;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (year >= 1800 && year <= 2100 && validDay(year, month, day)) return { date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, precision: "day" };
  }
  let match = /(?<![\dA-Za-z])(\d{4})\s*(?:年\s*|[-/.])(\d{1,2})(?:\s*月|(?![\d.A-Za-z]))/.exec(value);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (year >= 1800 && year <= 2100 && month >= 1 && month <= 12) return { date: `${pad(year, 4)}-${pad(month, 2)}`, precision: "month" };
  }
  match = /(?<![\dA-Za-z])(\d{4})(?:\s*年|(?![\dA-Za-z]))/.exec(value);
  if (match) {
    const year = Number(match[1]);
    if (year >= 1800 && year <= 2100) return { date: pad(year, 4), precision: "year" };
  }
  return undefined;
}

/** Where a document's date came from, recorded in `meta.dateSource`. */
export type DateSource = "metadata" | "field" | "name-field" | "dateline" | "file-name" | "title";

const datelinePatterns = [
  // ——1954年5月23日在第一届全国人民代表大会第一次会议上 / —— 二〇二三年三月五日
  /^\s*[—–\-─]{1,3}\s*(.{6,24}?日)/u,
  // （2023年3月5日在第十四届全国人民代表大会第一次会议上）
  /^\s*[（(]\s*(.{6,24}?日)\s*(?:在|于|，|,|）|\))/u,
  // 2022年9月23日讯 / 新华社北京3月5日电 is not a year: only full dates count
  /^(?:.{0,20}?)(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:讯|电)/u,
  // a line that is only a date
  /^\s*((?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,8}日)\s*$/u,
];

/** A full date from a dateline among the first `lines` lines of a text, with the line it stood on (1-based). */
export function findDateline(text: string, lines = 6): { date: string; precision: DatePrecision; line: number; text: string } | undefined {
  const candidates = text.split("\n").slice(0, lines);
  for (const [index, line] of candidates.entries()) {
    for (const pattern of datelinePatterns) {
      const match = pattern.exec(line);
      const parsed = match ? parseDateValue(match[1]) : undefined;
      if (parsed && parsed.precision === "day") return { ...parsed, line: index + 1, text: line.trim() };
    }
  }
  return undefined;
}

/** Year and decade of an ISO date of any precision ("1954-05-23" → 1954, 1950s). */
export function yearAndDecade(date: string): { year: string; decade: string } | undefined {
  const match = /^(\d{4})(?:-|$)/.exec(date);
  if (!match) return undefined;
  return { year: match[1], decade: `${match[1].slice(0, 3)}0s` };
}
