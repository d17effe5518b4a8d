// Co-occurrence networks, as KH Coder draws them: terms are nodes, and two terms are linked when
// they occur in the same sentence (or paragraph, or document) often enough. Edge weight by
//   count     units holding both terms
//   jaccard   both / (units with either)                      (KH Coder's default)
//   pmi       log2(both × U / (units with a × units with b))  (U = all units)
//   logLikelihood  G² of the 2×2 table of units (Dunning 1993)
// Communities: Louvain (Blondel et al. 2008) on the edge weights, nodes visited in a fixed order
// and ties broken by the lower community number, so the result is the same on every run. Layout:
// Fruchterman & Reingold (1991) in the unit frame, with a weak pull to the centre, from seeded
// starting points, computed here, so a static SVG and the interactive view show the same picture.
import { seededRandom } from "../shared/random";
import type { Corpus } from "../corpus/types";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

export type NetworkUnit = "sentence" | "paragraph" | "document";
export type NetworkMeasure = "count" | "jaccard" | "pmi" | "logLikelihood";

export interface NetworkOptions {
  unit?: NetworkUnit;
  measure?: NetworkMeasure;
  /**
   * Terms taken as nodes: the most frequent (by units they occur in). Default 60, at most 500:
   * the layout costs O(iterations × nodes²) and the label separation O(rounds × nodes²).
   */
  nodes?: number;
  /** Units two terms must share for an edge. Default 2. */
  minCount?: number;
  /** Strongest edges kept. Default 100. */
  edges?: number;
  /** Seed of the layout. Default 42. */
  seed?: number;
}

export interface NetworkNode {
  term: string;
  /** Units the term occurs in. */
  units: number;
  degree: number;
  community: number;
  x: number;
  y: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Units holding both terms. */
  count: number;
  weight: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  units: number;
  modularity: number;
}

/** For each document, the unit (sentence, paragraph) of each token. */
function unitsOf(corpus: Corpus | undefined, tokens: Tokens, unit: NetworkUnit): Int32Array[] {
  const texts = new Map((corpus?.documents ?? []).map((document) => [document.id, document.text]));
  let next = 0;
  return tokens.documents.map((document) => {
    const units = new Int32Array(document.termIds.length);
    if (unit === "document") {
      units.fill(next++);
      return units;
    }
    const text = texts.get(document.id);
    if (text === undefined) throw new Error(`co-occurrence by ${unit} needs the corpus: document "${document.id}" is not in it`);
    const boundary = unit === "sentence" ? /[。！？!?；;\n]/u : /\n/u;
    let current = next++;
    let scanned = 0;
    for (let index = 0; index < document.termIds.length; index++) {
      const start = document.starts[index];
      for (; scanned < start; scanned++) if (boundary.test(text[scanned])) current = next++;
      units[index] = current;
    }
    return units;
  });
}

export interface WeightedGraph {
  nodes: number;
  edges: Array<{ a: number; b: number; weight: number }>;
}

/**
 * The refinement after the levels: single nodes of the original graph moved to the neighbouring
 * community that raises the modularity most, pass after pass, until no move raises it. Louvain's
 * aggregation fixes whole communities, so a node placed early can be left where a move would pay
 * (a term of the reports' sentence network raised Q by 0.0026 when moved by hand); this makes the
 * result a local optimum for single moves. Cost: O(passes × edges).
 */
function refineBySingleMoves(graph: WeightedGraph, start: number[], twoM: number): number[] {
  const community = [...start];
  const adjacency: Array<Map<number, number>> = Array.from({ length: graph.nodes }, () => new Map());
  for (const { a, b, weight } of graph.edges) {
    if (weight <= 0) continue;
    adjacency[a].set(b, (adjacency[a].get(b) ?? 0) + weight);
    adjacency[b].set(a, (adjacency[b].get(a) ?? 0) + weight);
  }
  const degree = adjacency.map((neighbours) => [...neighbours.values()].reduce((sum, weight) => sum + weight, 0));
  const sumTotal = new Map<number, number>();
  community.forEach((value, node) => sumTotal.set(value, (sumTotal.get(value) ?? 0) + degree[node]));
  for (let pass = 0; pass < 1000; pass++) {
    let moved = false;
    for (let node = 0; node < graph.nodes; node++) {
      if (degree[node] === 0) continue;
      const own = community[node];
      const links = new Map<number, number>();
      for (const [neighbour, weight] of adjacency[node]) if (neighbour !== node) links.set(community[neighbour], (links.get(community[neighbour]) ?? 0) + weight);
      sumTotal.set(own, sumTotal.get(own)! - degree[node]);
      // The same gain as in the levels: k_i,in(c) − Σtot(c) · k_i / 2m; a move must gain strictly.
      const stay = (links.get(own) ?? 0) - (sumTotal.get(own)! * degree[node]) / twoM;
      let best = own;
      let bestGain = stay;
      for (const [candidate, weight] of [...links].sort((left, right) => left[0] - right[0])) {
        if (candidate === own) continue;
        const gain = weight - ((sumTotal.get(candidate) ?? 0) * degree[node]) / twoM;
        if (gain > bestGain + 1e-12) {
          best = candidate;
          bestGain = gain;
        }
      }
      sumTotal.set(best, (sumTotal.get(best) ?? 0) + degree[node]);
      if (best !== own) {
        community[node] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return community;
}

/** Louvain communities of a weighted undirected graph: community per node (numbered by first node), and the modularity. */
export function louvain(graph: WeightedGraph): { communities: number[]; modularity: number } {
  let community = Array.from({ length: graph.nodes }, (_, node) => node);
  // The graph of the current level: adjacency as maps, self-loops for merged communities.
  let size = graph.nodes;
  let adjacency: Array<Map<number, number>> = Array.from({ length: size }, () => new Map());
  for (const { a, b, weight } of graph.edges) {
    if (weight <= 0) continue;
    adjacency[a].set(b, (adjacency[a].get(b) ?? 0) + weight);
    adjacency[b].set(a, (adjacency[b].get(a) ?? 0) + weight);
  }
  const total = graph.edges.reduce((sum, edge) => sum + Math.max(0, edge.weight), 0);
  if (total === 0) return { communities: community.map((_, node) => node), modularity: 0 };
  const twoM = 2 * total;
  for (let level = 0; level < 20; level++) {
    const degree = adjacency.map((neighbours) => [...neighbours.values()].reduce((sum, weight) => sum + weight, 0));
    const assigned = Array.from({ length: size }, (_, node) => node);
    const sumTotal = [...degree];
    let moved = true;
    let anyMove = false;
    for (let pass = 0; moved && pass < 100; pass++) {
      moved = false;
      for (let node = 0; node < size; node++) {
        const own = assigned[node];
        const links = new Map<number, number>();
        for (const [neighbour, weight] of adjacency[node]) if (neighbour !== node) links.set(assigned[neighbour], (links.get(assigned[neighbour]) ?? 0) + weight);
        sumTotal[own] -= degree[node];
        // Gain of joining a community c: k_i,in(c) − Σtot(c) · k_i / 2m (Blondel et al. 2008, eq. 2, up to a constant factor).
        let best = own;
        let bestGain = (links.get(own) ?? 0) - (sumTotal[own] * degree[node]) / twoM;
        for (const [candidate, weight] of [...links].sort((left, right) => left[0] - right[0])) {
          const gain = weight - (sumTotal[candidate] * degree[node]) / twoM;
          if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && candidate < best)) {
            best = candidate;
            bestGain = gain;
          }
        }
        sumTotal[best] += degree[node];
        if (best !== own) {
          assigned[node] = best;
          moved = true;
          anyMove = true;
        }
      }
    }
    if (!anyMove) break;
    // Renumber and aggregate.
    const renumber = new Map<number, number>();
    for (const value of assigned) if (!renumber.has(value)) renumber.set(value, renumber.size);
    community = community.map((value) => renumber.get(assigned[value])!);
    const next: Array<Map<number, number>> = Array.from({ length: renumber.size }, () => new Map());
    adjacency.forEach((neighbours, node) => {
      const from = renumber.get(assigned[node])!;
      for (const [neighbour, weight] of neighbours) {
        const to = renumber.get(assigned[neighbour])!;
        next[from].set(to, (next[from].get(to) ?? 0) + weight);
      }
    });
    adjacency = next;
    size = renumber.size;
  }
  community = refineBySingleMoves(graph, community, twoM);
  // Number communities by their first node, and compute the modularity Q = Σc [Lc/m − (dc/2m)²].
  const byFirst = new Map<number, number>();
  for (const value of community) if (!byFirst.has(value)) byFirst.set(value, byFirst.size);
  const communities = community.map((value) => byFirst.get(value)!);
  const inside = new Map<number, number>();
  const degrees = new Map<number, number>();
  for (const { a, b, weight } of graph.edges) {
    if (weight <= 0) continue;
    degrees.set(communities[a], (degrees.get(communities[a]) ?? 0) + weight);
    degrees.set(communities[b], (degrees.get(communities[b]) ?? 0) + weight);
    if (communities[a] === communities[b]) inside.set(communities[a], (inside.get(communities[a]) ?? 0) + weight);
  }
  let modularity = 0;
  for (const [value, degreeSum] of degrees) modularity += (inside.get(value) ?? 0) / total - (degreeSum / twoM) ** 2;
  return { communities, modularity };
}

/** Fruchterman–Reingold layout in the unit square, from seeded starting points; weights pull harder. */
/**
 * Unconnected parts of a graph drift apart on an open plane and leave the largest squeezed in a
 * corner: each connected part is laid out by itself into a cell whose side grows with the square
 * root of its share of the nodes, largest first, cells placed row by row (a shelf packing).
 */
function packComponents(graph: WeightedGraph, positions: Array<{ x: number; y: number }>): void {
  const n = positions.length;
  const parent = Array.from({ length: n }, (_, node) => node);
  const find = (node: number): number => (parent[node] === node ? node : (parent[node] = find(parent[node])));
  for (const { a, b, weight } of graph.edges) if (weight > 0) parent[find(a)] = find(b);
  const members = new Map<number, number[]>();
  for (let node = 0; node < n; node++) {
    const root = find(node);
    const list = members.get(root);
    if (list) list.push(node);
    else members.set(root, [node]);
  }
  if (members.size < 2) return;
  const parts = [...members.values()].sort((left, right) => right.length - left.length || left[0] - right[0]);
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const part of parts) {
    const side = Math.sqrt(part.length / n);
    if (x > 0 && x + side > 1.0001) {
      x = 0;
      y += shelf;
      shelf = 0;
    }
    const xs = part.map((node) => positions[node].x);
    const ys = part.map((node) => positions[node].y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const extent = Math.max(maxX - minX, maxY - minY) || 1;
    // The part keeps its shape, centred in its cell with a tenth of the cell as margin.
    for (const node of part) {
      positions[node] = {
        x: x + side * (0.1 + 0.8 * (maxX === minX ? 0.5 : (positions[node].x - minX) / extent + (1 - (maxX - minX) / extent) / 2)),
        y: y + side * (0.1 + 0.8 * (maxY === minY ? 0.5 : (positions[node].y - minY) / extent + (1 - (maxY - minY) / extent) / 2)),
      };
    }
    x += side;
    shelf = Math.max(shelf, side);
  }
}

export function forceLayout(graph: WeightedGraph, options: { seed?: number; iterations?: number } = {}): Array<{ x: number; y: number }> {
  const random = seededRandom(options.seed ?? 42);
  const n = graph.nodes;
  const positions = Array.from({ length: n }, () => ({ x: random(), y: random() }));
  if (n <= 1) return positions.map(() => ({ x: 0.5, y: 0.5 }));
  const k = Math.sqrt(1 / n);
  const iterations = options.iterations ?? 300;
  const largest = graph.edges.reduce((most, edge) => Math.max(most, edge.weight), 0) || 1;
  for (let step = 0; step < iterations; step++) {
    const temperature = 0.1 * (1 - step / iterations) + 0.001;
    const moves = positions.map(() => ({ x: 0, y: 0 }));
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const dx = positions[a].x - positions[b].x;
        const dy = positions[a].y - positions[b].y;
        const distance = Math.max(1e-4, Math.hypot(dx, dy));
        const force = (k * k) / distance;
        moves[a].x += (dx / distance) * force;
        moves[a].y += (dy / distance) * force;
        moves[b].x -= (dx / distance) * force;
        moves[b].y -= (dy / distance) * force;
      }
    }
    for (const { a, b, weight } of graph.edges) {
      const dx = positions[a].x - positions[b].x;
      const dy = positions[a].y - positions[b].y;
      const distance = Math.max(1e-4, Math.hypot(dx, dy));
      const force = ((distance * distance) / k) * (0.5 + Math.max(0, weight) / largest);
      moves[a].x -= (dx / distance) * force;
      moves[a].y -= (dy / distance) * force;
      moves[b].x += (dx / distance) * force;
      moves[b].y += (dy / distance) * force;
    }
    positions.forEach((position, node) => {
      // Gravity towards the centre keeps unconnected parts from drifting apart.
      moves[node].x += (0.5 - position.x) * k * 2;
      moves[node].y += (0.5 - position.y) * k * 2;
      const length = Math.max(1e-9, Math.hypot(moves[node].x, moves[node].y));
      // On an open plane, fitted to the frame at the end: clamping to the frame during the run (as
      // Fruchterman & Reingold's frame does) piled repelled nodes against its edges.
      position.x += (moves[node].x / length) * Math.min(length, temperature);
      position.y += (moves[node].y / length) * Math.min(length, temperature);
    });
  }
  packComponents(graph, positions);
  // Fit into the unit square.
  const xs = positions.map((position) => position.x);
  const ys = positions.map((position) => position.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return positions.map((position) => ({ x: maxX === minX ? 0.5 : (position.x - minX) / (maxX - minX), y: maxY === minY ? 0.5 : (position.y - minY) / (maxY - minY) }));
}

function logTerm(observed: number, expected: number): number {
  return observed > 0 ? observed * Math.log(observed / expected) : 0;
}

/** The most nodes a network may have (its layout is quadratic in them). */
export const maxNetworkNodes = 500;

/** The co-occurrence network of the most frequent terms. */
export function cooccurrenceNetwork(corpus: Corpus | undefined, tokens: Tokens, options: NetworkOptions = {}): Network {
  const unit = options.unit ?? "sentence";
  const measure = options.measure ?? "jaccard";
  const nodeCount = options.nodes ?? 60;
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > maxNetworkNodes) throw new Error(`cooccurrenceNetwork: nodes must be a whole number from 1 to ${maxNetworkNodes} (the layout costs O(iterations × nodes²)), got ${nodeCount}`);
  const unitIds = unitsOf(corpus, tokens, unit);
  // Units holding each term, and each pair of the chosen terms.
  const termUnits = new Map<number, number>();
  let units = 0;
  const perUnit: number[][] = [];
  tokens.documents.forEach((document, documentIndex) => {
    let lastUnit = -1;
    let current: Set<number> = new Set();
    const flush = () => {
      if (lastUnit < 0) return;
      perUnit.push([...current]);
      for (const id of current) termUnits.set(id, (termUnits.get(id) ?? 0) + 1);
    };
    for (let index = 0; index < document.termIds.length; index++) {
      if (unitIds[documentIndex][index] !== lastUnit) {
        flush();
        lastUnit = unitIds[documentIndex][index];
        current = new Set();
      }
      current.add(document.termIds[index]);
    }
    flush();
  });
  units = perUnit.length;
  const chosen = [...termUnits.keys()]
    .sort((left, right) => termUnits.get(right)! - termUnits.get(left)! || compareText(tokens.vocabulary[left], tokens.vocabulary[right]))
    .slice(0, nodeCount);
  const position = new Map(chosen.map((id, index) => [id, index]));
  const pairCounts = new Map<number, number>();
  for (const members of perUnit) {
    const kept = members.filter((id) => position.has(id)).map((id) => position.get(id)!).sort((left, right) => left - right);
    for (let left = 0; left < kept.length; left++) for (let right = left + 1; right < kept.length; right++) {
      const key = kept[left] * chosen.length + kept[right];
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    }
  }
  const weightOf = (both: number, a: number, b: number): number => {
    if (measure === "count") return both;
    if (measure === "jaccard") return both / (a + b - both);
    if (measure === "pmi") return Math.log2((both * units) / (a * b));
    const cells = [both, a - both, b - both, units - a - b + both];
    const expected = [(a * b) / units, (a * (units - b)) / units, ((units - a) * b) / units, ((units - a) * (units - b)) / units];
    return 2 * cells.reduce((sum, observed, cell) => sum + logTerm(observed, expected[cell]), 0);
  };
  let edges = [...pairCounts]
    .filter(([, both]) => both >= (options.minCount ?? 2))
    .map(([key, both]) => {
      const a = Math.floor(key / chosen.length);
      const b = key % chosen.length;
      return { a, b, count: both, weight: weightOf(both, termUnits.get(chosen[a])!, termUnits.get(chosen[b])!) };
    });
  edges.sort((left, right) => right.weight - left.weight || right.count - left.count || compareText(tokens.vocabulary[chosen[left.a]], tokens.vocabulary[chosen[right.a]]) || compareText(tokens.vocabulary[chosen[left.b]], tokens.vocabulary[chosen[right.b]]));
  edges = edges.slice(0, options.edges ?? 100);
  // Nodes without any kept edge are left out; node numbers follow the chosen order.
  const linked = [...new Set(edges.flatMap((edge) => [edge.a, edge.b]))].sort((left, right) => left - right);
  const renumber = new Map(linked.map((node, index) => [node, index]));
  const graph: WeightedGraph = { nodes: linked.length, edges: edges.map((edge) => ({ a: renumber.get(edge.a)!, b: renumber.get(edge.b)!, weight: measure === "pmi" ? Math.max(0, edge.weight) : edge.weight })) };
  const { communities, modularity } = louvain(graph);
  const layout = forceLayout(graph, { seed: options.seed });
  const degree = new Array(linked.length).fill(0);
  for (const edge of graph.edges) {
    degree[edge.a]++;
    degree[edge.b]++;
  }
  return {
    nodes: linked.map((node, index) => ({ term: tokens.vocabulary[chosen[node]], units: termUnits.get(chosen[node])!, degree: degree[index], community: communities[index], x: layout[index].x, y: layout[index].y })),
    edges: edges.map((edge) => ({ source: tokens.vocabulary[chosen[edge.a]], target: tokens.vocabulary[chosen[edge.b]], count: edge.count, weight: edge.weight })),
    units,
    modularity,
  };
}
