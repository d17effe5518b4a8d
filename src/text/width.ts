// How wide text is on screen: East Asian wide and full-width characters take two columns (one
// em), others one (about half an em). Used by the CLI's tables and by chart layout, where
// headless Vega, which has no canvas to measure with, would otherwise guess CJK labels too short.

export function isWideCharacter(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0x303e) || (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Quotation marks, dashes and ellipses: one column in most terminals, but full-width in a CJK font. */
function isAmbiguousFullWidthInCjkFont(code: number): boolean {
  return code === 0x201c || code === 0x201d || code === 0x2018 || code === 0x2019 || code === 0x2014 || code === 0x2026 || code === 0x00b7;
}

/** Terminal columns: wide characters count two, combining marks and control characters none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f)) continue;
    width += isWideCharacter(code) ? 2 : 1;
  }
  return width;
}

/** Pixel width of text in a CJK sans-serif font: wide characters one em, spaces a quarter, others 0.58 em. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f)) continue;
    ems += isWideCharacter(code) || isAmbiguousFullWidthInCjkFont(code) ? 1 : character === " " ? 0.25 : 0.58;
  }
  return ems * fontSize;
}
