// A segmenter worker thread: keeps its own nodejieba (and dictionary) for life, and a local
// vocabulary; answers each batch of texts with typed arrays of local term ids and offsets.
import { parentPort } from "node:worker_threads";
import { addUserDictionary, addWords, ensureSegmenterLoaded, insertedWords } from "./segmenter";
import { TokenCollector } from "./tokenize";
import type { WorkerRequest, WorkerResponse } from "./worker-protocol";

let collector: TokenCollector | undefined;
let session = -1;
let sentTerms = 0;
let sentTags = 0;

parentPort?.on("message", (request: WorkerRequest) => {
  try {
    const { setup } = request;
    addUserDictionary(...setup.userDictionaries);
    ensureSegmenterLoaded({ cutOnly: true });
    const known = new Set(insertedWords());
    addWords(setup.words.filter((entry) => !known.has(entry.word)));
    if (!collector || request.session !== session) {
      collector = new TokenCollector(setup.settings, new Set(setup.stopwords));
      session = request.session;
      sentTerms = 0;
      sentTags = 0;
    }
    const documents = request.texts.map((text, index) => {
      const { termIds, starts, positions, tagIds, tokensBeforeFiltering } = collector!.add({ id: String(index), text });
      return { termIds, starts, positions, tagIds, tokensBeforeFiltering };
    });
    const response: WorkerResponse = {
      session: request.session,
      job: request.job,
      newTerms: collector.vocabulary.slice(sentTerms),
      newTags: collector.tags.slice(sentTags),
      documents,
    };
    sentTerms = collector.vocabulary.length;
    sentTags = collector.tags.length;
    const transfer = documents.flatMap((document) => [document.termIds.buffer, document.starts.buffer, document.positions.buffer, ...(document.tagIds ? [document.tagIds.buffer] : [])]);
    parentPort!.postMessage(response, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({ session: request.session, job: request.job, newTerms: [], newTags: [], documents: [], error: (error as Error).stack ?? String(error) });
  }
});
