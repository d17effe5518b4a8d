// A deterministic word-cloud layout: words, largest first, are placed along an Archimedean spiral
// from the centre (as d3-cloud does), each at the first point where its box, measured with CJK
// characters at full width, overlaps no word placed before. Vega's own wordcloud transform needs a
// canvas to measure text, which headless Node has not: this layout renders the same everywhere.
import { textWidth } from "../text/width";

export interface CloudWord {
  text: string;
  weight: number;
}

export interface PlacedWord extends CloudWord {
  /** Centre of the word's box. */
  x: number;
  y: number;
  fontSize: number;
}

export interface CloudLayoutOptions {
  width: number;
  height: number;
  /** Font sizes of the lightest and heaviest word (square-root scale between). */
  fontSizeRange?: [number, number];
  /** Pixels kept between boxes. */
  padding?: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Places words; those that fit nowhere in the area are left out (returned in `dropped`). */
export function layoutCloud(words: CloudWord[], options: CloudLayoutOptions): { placed: PlacedWord[]; dropped: string[] } {
  const [smallest, largest] = options.fontSizeRange ?? [12, 56];
  const padding = options.padding ?? 2;
  const weights = words.map((word) => word.weight);
  const low = Math.sqrt(weights.reduce((least, weight) => Math.min(least, weight), Infinity));
  const high = Math.sqrt(weights.reduce((most, weight) => Math.max(most, weight), -Infinity));
  const sizeOf = (weight: number) => (high === low ? (smallest + largest) / 2 : smallest + ((Math.sqrt(weight) - low) / (high - low)) * (largest - smallest));
  const boxes: Box[] = [];
  const placed: PlacedWord[] = [];
  const dropped: string[] = [];
  const centreX = options.width / 2;
  const centreY = options.height / 2;
  // The spiral is stretched to the area's aspect ratio so the cloud fills a wide box.
  const aspect = options.width / options.height;
  for (const word of words) {
    const fontSize = Math.round(sizeOf(word.weight) * 10) / 10;
    const halfWidth = textWidth(word.text, fontSize) / 2 + padding;
    const halfHeight = (fontSize * 1.1) / 2 + padding;
    let done = false;
    for (let step = 0; step < 4000 && !done; step++) {
      const angle = step * 0.1;
      const radius = 1.5 * angle;
      const x = centreX + aspect * radius * Math.cos(angle);
      const y = centreY + radius * Math.sin(angle);
      const box = { left: x - halfWidth, right: x + halfWidth, top: y - halfHeight, bottom: y + halfHeight };
      if (box.left < 0 || box.top < 0 || box.right > options.width || box.bottom > options.height) continue;
      if (boxes.some((other) => overlaps(box, other))) continue;
      boxes.push(box);
      placed.push({ ...word, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, fontSize });
      done = true;
    }
    if (!done) dropped.push(word.text);
  }
  return { placed, dropped };
}
