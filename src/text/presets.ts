// Presets: the word lists made for one kind of corpus, chosen by name, never applied unasked. The
// defaults are general (jieba's own dictionary; jieba's and stopwords-iso's stopwords); a preset
// adds a user dictionary of domain terms, domain stopwords and a concept dictionary for 07's
// measures. `public-security` holds the lists checked against the bundled news articles
// (data/userdict.txt, data/stopwords.txt, data/dictionaries/public-security.yaml); the bundled
// corpus's report names it (`npm run report`), and anyone may (`--preset`, `{ preset }`, the
// notebooks' `preset` parameter).
import * as path from "node:path";

export interface Preset {
  name: string;
  description: string;
  /** A jieba user dictionary (word [frequency] [tag] per line). */
  userDictionary?: string;
  /** Stopwords added to the default list (one per line). */
  stopwords?: string;
  /** A concept dictionary (YAML) for dictionaryCounts and 07-measures. */
  conceptDictionary?: string;
}

const dataFolder = path.resolve(__dirname, "../../data");

export const presets: Readonly<Record<string, Preset>> = {
  "public-security": {
    name: "public-security",
    description: "Chinese news on public-security work (the bundled example corpus): 公安 terms kept whole, their boilerplate words (全面, 持续, 大力 …) stopped, concepts of policing",
    userDictionary: path.join(dataFolder, "userdict.txt"),
    stopwords: path.join(dataFolder, "stopwords.txt"),
    conceptDictionary: path.join(dataFolder, "dictionaries", "public-security.yaml"),
  },
};

/** The preset of a name; an unknown name is an error listing the known ones. "" or undefined: none. */
export function findPreset(name: string | undefined): Preset | undefined {
  if (name === undefined || name === "") return undefined;
  const preset = Object.prototype.hasOwnProperty.call(presets, name) ? presets[name] : undefined;
  if (!preset) throw new Error(`unknown preset "${name}": the presets are ${Object.keys(presets).map((known) => `"${known}"`).join(", ")} (or none)`);
  return preset;
}
