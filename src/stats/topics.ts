// Topic model: latent Dirichlet allocation by collapsed Gibbs sampling (Griffiths & Steyvers
// 2004), in TypeScript with a seeded generator, so the same tokens, K and seed give the same topics
// on every run. Estimates: φ(k,w) = (n(k,w) + β) / (n(k) + Vβ), θ(d,k) = (n(d,k) + α) / (n(d) + Kα).
// Coherence of a topic (UMass, Mimno et al. 2011): Σ over pairs of its top terms (i after j) of
// log((D(wi, wj) + 1) / D(wj)), D counting documents; the mean over topics helps choose K (closer
// to 0 is more coherent).
import { nextRandomState, randomOfState } from "../shared/random";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

export interface TopicOptions {
  /** Number of topics. Default 5. */
  topics?: number;
  /** Gibbs sweeps. Default 300. */
  iterations?: number;
  /** Document–topic prior α. Default 50 / K (Griffiths & Steyvers). */
  alpha?: number;
  /** Topic–term prior β. Default 0.01. */
  beta?: number;
  seed?: number;
  /** Terms kept per topic in the result. Default 10. */
  top?: number;
  /** Leave out terms in fewer documents (too rare to shape a topic). Default 2, or 1 for a single document. */
  minDocuments?: number;
  /**
   * Fit on at most about this many tokens: past it, every k-th token of each document (k the
   * smallest step that fits), which keeps each document's proportions of words in expectation
   * (LDA reads a document as a bag of words) and divides the sampler's cost by k. The model's
   * `tokenStep` says k. Default: every token.
   */
  maxTokens?: number;
  /** Keep the chain's state with the model (memory: a few numbers per token) so that `continueFrom` can go on from it. */
  resumable?: boolean;
  /**
   * Go on with the chain of an earlier model of the same tokens (fitted with `resumable`) for
   * `iterations` more sweeps, with its K, priors and random sequence: the same model as one run of
   * all the sweeps, so that a choice of K among short runs need not start the chosen one again.
   */
  continueFrom?: TopicModel;
}

export interface TopicTermRow {
  topic: number;
  rank: number;
  term: string;
  /** φ: the term's probability in the topic. */
  weight: number;
}

export interface DocumentTopicRow {
  document: string;
  topic: number;
  /** θ: the topic's share of the document. */
  share: number;
}

export interface TopicModel {
  topics: number;
  /** Every how many tokens of each document the model was fitted on (1: all; see `maxTokens`). */
  tokenStep: number;
  /** Gibbs sweeps behind the estimates (with those of a model continued). */
  sweeps: number;
  terms: TopicTermRow[];
  documents: DocumentTopicRow[];
  /** UMass coherence of each topic's top terms, and their mean. */
  coherence: number[];
  meanCoherence: number;
  /** A label per topic: its three top terms. */
  labels: string[];
}

/** The state of one Gibbs chain, kept for a model fitted with `resumable` so that it can be continued. */
interface Chain {
  tokens: Tokens;
  K: number;
  V: number;
  alpha: number;
  beta: number;
  words: string[];
  /** Each document's tokens as model term ids (terms below minDocuments left out). */
  docs: Int32Array[];
  /** Counts: topicTerm[word × K + topic] (a word's K counts side by side, read together per token). */
  topicTerm: Float64Array;
  topicTotal: Float64Array;
  documentTopic: Float64Array[];
  assignments: Int32Array[];
  /** The generator's state (shared/random.ts), carried from sweep to sweep and chain to continuation. */
  randomState: number;
  sweeps: number;
  tokenStep: number;
}

const chains = new WeakMap<TopicModel, Chain>();

function startChain(tokens: Tokens, K: number, alpha: number, beta: number, seed: number, minDocuments: number, tokenStep: number): Chain {
  let randomState = seed >>> 0;
  // Vocabulary of the model: terms in at least minDocuments documents, renumbered densely.
  const documentFrequency = new Int32Array(tokens.vocabulary.length);
  for (const document of tokens.documents) for (const id of new Set(document.termIds)) documentFrequency[id]++;
  const modelId = new Int32Array(tokens.vocabulary.length).fill(-1);
  const words: string[] = [];
  tokens.vocabulary.forEach((term, id) => {
    if (documentFrequency[id] >= minDocuments) {
      modelId[id] = words.length;
      words.push(term);
    }
  });
  const V = words.length;
  const docs = tokens.documents.map((document) => Int32Array.from(Array.from(document.termIds, (id) => modelId[id]).filter((id, index) => id >= 0 && index % tokenStep === 0)));
  const topicTerm = new Float64Array(K * V);
  const topicTotal = new Float64Array(K);
  const documentTopic = docs.map(() => new Float64Array(K));
  const assignments = docs.map((words) => new Int32Array(words.length));
  docs.forEach((termIds, d) => {
    for (let index = 0; index < termIds.length; index++) {
      const topic = Math.floor(randomOfState((randomState = nextRandomState(randomState))) * K);
      assignments[d][index] = topic;
      topicTerm[termIds[index] * K + topic]++;
      topicTotal[topic]++;
      documentTopic[d][topic]++;
    }
  });
  return { tokens, K, V, alpha, beta, words, docs, topicTerm, topicTotal, documentTopic, assignments, randomState, sweeps: 0, tokenStep };
}

/** `iterations` sweeps of collapsed Gibbs sampling over every token of the chain. */
function runSweeps(chain: Chain, iterations: number): void {
  const { K, alpha, beta, docs, topicTerm, topicTotal, documentTopic, assignments } = chain;
  let state = chain.randomState;
  const spread = chain.V * beta;
  // topicTotal + Vβ per topic, kept as the totals change (the same numbers as computing it each time).
  const denominator = Float64Array.from(topicTotal, (total) => total + spread);
  const probabilities = new Float64Array(K);
  for (let sweep = 0; sweep < iterations; sweep++) {
    for (let d = 0; d < docs.length; d++) {
      const termIds = docs[d];
      const counts = documentTopic[d];
      const assigned = assignments[d];
      for (let index = 0; index < termIds.length; index++) {
        const row = termIds[index] * K;
        const old = assigned[index];
        topicTerm[row + old]--;
        denominator[old] = --topicTotal[old] + spread;
        counts[old]--;
        let sum = 0;
        for (let topic = 0; topic < K; topic++) {
          sum += ((topicTerm[row + topic] + beta) / denominator[topic]) * (counts[topic] + alpha);
          probabilities[topic] = sum;
        }
        const draw = randomOfState((state = nextRandomState(state))) * sum;
        let chosen = 0;
        while (chosen < K - 1 && probabilities[chosen] <= draw) chosen++;
        assigned[index] = chosen;
        topicTerm[row + chosen]++;
        denominator[chosen] = ++topicTotal[chosen] + spread;
        counts[chosen]++;
      }
    }
  }
  chain.randomState = state;
  chain.sweeps += iterations;
}

/** The estimates of a chain's current state: φ, θ, top terms, coherence, labels. */
function summarize(chain: Chain, top: number): TopicModel {
  const { tokens, K, V, alpha, beta, words, docs, topicTerm, topicTotal, documentTopic } = chain;
  const terms: TopicTermRow[] = [];
  const topIds: number[][] = [];
  for (let topic = 0; topic < K; topic++) {
    const ranked = Array.from({ length: V }, (_, word) => word).sort(
      (left, right) => topicTerm[right * K + topic] - topicTerm[left * K + topic] || compareText(words[left], words[right]),
    );
    topIds.push(ranked.slice(0, top));
    ranked.slice(0, top).forEach((word, rank) => terms.push({ topic: topic + 1, rank: rank + 1, term: words[word], weight: (topicTerm[word * K + topic] + beta) / (topicTotal[topic] + V * beta) }));
  }
  const documents: DocumentTopicRow[] = [];
  docs.forEach((termIds, d) => {
    for (let topic = 0; topic < K; topic++) documents.push({ document: tokens.documents[d].id, topic: topic + 1, share: (documentTopic[d][topic] + alpha) / (termIds.length + K * alpha) });
  });
  // UMass coherence over documents.
  const documentSets = docs.map((termIds) => new Set(termIds));
  const count = (...ids: number[]) => documentSets.reduce((sum, set) => sum + (ids.every((id) => set.has(id)) ? 1 : 0), 0);
  const coherence = topIds.map((ids) => {
    let score = 0;
    for (let i = 1; i < ids.length; i++) for (let j = 0; j < i; j++) score += Math.log((count(ids[i], ids[j]) + 1) / Math.max(1, count(ids[j])));
    return score;
  });
  return {
    topics: K,
    tokenStep: chain.tokenStep,
    sweeps: chain.sweeps,
    terms,
    documents,
    coherence,
    meanCoherence: coherence.reduce((sum, value) => sum + value, 0) / Math.max(1, K),
    labels: topIds.map((ids) => ids.slice(0, 3).map((id) => words[id]).join(" · ")),
  };
}

export function topicModel(tokens: Tokens, options: TopicOptions = {}): TopicModel {
  const iterations = options.iterations ?? 300;
  if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`iterations must be a whole number ≥ 0, got ${iterations}`);
  let chain: Chain;
  if (options.continueFrom) {
    const earlier = chains.get(options.continueFrom);
    if (!earlier) throw new Error("continueFrom takes a model fitted with resumable: true and not continued since (its chain goes on in the model that continued it)");
    if (earlier.tokens !== tokens) throw new Error("continueFrom takes a model of the same tokens");
    for (const name of ["topics", "alpha", "beta", "seed", "minDocuments", "maxTokens"] as const) {
      if (options[name] !== undefined) throw new Error(`${name} is the earlier model's when continueFrom is given; leave it out`);
    }
    chains.delete(options.continueFrom);
    chain = earlier;
  } else {
    const K = options.topics ?? 5;
    if (!Number.isInteger(K) || K < 1) throw new Error(`topics must be a whole number ≥ 1, got ${K}`);
    const minDocuments = options.minDocuments ?? (tokens.documents.length > 1 ? 2 : 1);
    if (options.maxTokens !== undefined && !(Number.isInteger(options.maxTokens) && options.maxTokens >= 1)) throw new Error(`maxTokens must be a whole number ≥ 1, got ${options.maxTokens}`);
    const total = tokens.documents.reduce((sum, document) => sum + document.termIds.length, 0);
    const tokenStep = options.maxTokens === undefined ? 1 : Math.max(1, Math.ceil(total / options.maxTokens));
    chain = startChain(tokens, K, options.alpha ?? 50 / K, options.beta ?? 0.01, options.seed ?? 1, minDocuments, tokenStep);
  }
  runSweeps(chain, iterations);
  const model = summarize(chain, options.top ?? 10);
  if (options.resumable) chains.set(model, chain);
  return model;
}

/** Topic shares averaged over the documents of each group (a metadata field: year, decade, source …). */
export function topicsByGroup(model: TopicModel, tokens: Tokens, by: string): Array<{ group: string; topic: number; share: number; documents: number }> {
  const groupOf = new Map(tokens.documents.map((document) => [document.id, by === "document" ? document.id : document.meta[by] ?? ""]));
  const sums = new Map<string, { shares: number[]; documents: number }>();
  for (const row of model.documents) {
    const group = groupOf.get(row.document) ?? "";
    if (group === "") continue;
    let entry = sums.get(group);
    if (!entry) sums.set(group, (entry = { shares: new Array(model.topics).fill(0), documents: 0 }));
    entry.shares[row.topic - 1] += row.share;
    if (row.topic === 1) entry.documents++;
  }
  return [...sums.keys()].sort(compareText).flatMap((group) => {
    const entry = sums.get(group)!;
    return entry.shares.map((sum, index) => ({ group, topic: index + 1, share: sum / entry.documents, documents: entry.documents }));
  });
}
