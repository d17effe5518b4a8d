// `npm run gallery`: renders every chart builder on the bundled corpus to notebooks/gallery/*.svg,
// the pictures shown in the README's chart gallery. Deterministic: the same SVG bytes every run.
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { loadCorpus } from "../corpus/load";
import { collocations } from "../stats/collocations";
import { dispersion } from "../stats/dispersion";
import { termFrequency } from "../stats/frequency";
import { keyness } from "../stats/keyness";
import { tfidf } from "../stats/tfidf";
import { tokenize } from "../text/tokenize";
import {
  collocationChart,
  dispersionChart,
  frequencyOverTimeChart,
  keynessChart,
  termsByDocumentChart,
  tfidfHeatmap,
  topTermsChart,
  wordCloud,
} from "./builders";
import { saveChart } from "./render";

export async function writeGallery(folder: string): Promise<string[]> {
  const root = path.resolve(__dirname, "../..");
  const corpus = await loadCorpus(path.join(root, "data", "corpus"));
  const tokens = tokenize(corpus);
  const frequencies = termFrequency(tokens);
  const charts = {
    "top-terms": topTermsChart(frequencies, { top: 20 }),
    "terms-by-document": termsByDocumentChart(termFrequency(tokens, { by: "document" }), { top: 8 }),
    "tfidf-heatmap": tfidfHeatmap(tfidf(tokens, { top: 6 })),
    keyness: keynessChart(keyness(tokens, { target: ["001_9b22334ce759c9d2"] }), { top: 10, title: "关键词 Keyness: 001 (兵团) vs the other articles" }),
    dispersion: dispersionChart(dispersion(tokens, ["枫桥经验", "电信网络诈骗", "反恐", "兵团", "公安机关"])),
    collocations: collocationChart(collocations(tokens, { node: "电信网络诈骗" }), { top: 10 }),
    "frequency-over-time": frequencyOverTimeChart(termFrequency(tokens, { by: "date" })),
    "word-cloud": wordCloud(frequencies, { top: 60 }),
  };
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, spec] of Object.entries(charts)) {
    const file = path.join(folder, `${name}.svg`);
    await saveChart(spec, file);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  writeGallery(path.resolve(__dirname, "../../notebooks/gallery"))
    .then((files) => process.stdout.write(`${files.map((file) => `wrote ${path.relative(process.cwd(), file)}`).join("\n")}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`gallery: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    });
}
