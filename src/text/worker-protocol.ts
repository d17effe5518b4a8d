// Messages between the main thread and segmenter workers.
import type { WordEntry } from "./segmenter";
import type { TokenSettings } from "./tokenize";

export interface WorkerSetup {
  userDictionaries: string[];
  words: WordEntry[];
  settings: TokenSettings;
  stopwords: string[];
}

export interface WorkerRequest {
  /** One per tokenizeParallel call: a new session starts a new local vocabulary. */
  session: number;
  job: number;
  setup: WorkerSetup;
  texts: string[];
}

export interface WorkerDocument {
  termIds: Int32Array;
  starts: Int32Array;
  positions: Int32Array;
  tagIds?: Uint16Array;
  tokensBeforeFiltering: number;
}

export interface WorkerResponse {
  /** The call (session) this reply answers. */
  session: number;
  job: number;
  /** Terms this worker's vocabulary gained since its last response, in local-id order. */
  newTerms: string[];
  newTags: string[];
  documents: WorkerDocument[];
  error?: string;
}
