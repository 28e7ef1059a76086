// string-width for the bundled TUI (scripts/build.mjs points Ink's imports of string-width here). Ink measures
// every line and character it draws. For anything beyond printable ASCII, string-width segments graphemes
// with Intl.Segmenter and tests each against /^\p{RGI_Emoji}$/v: the first such call costs ~25 ms (ICU break
// data, and the emoji regex is compiled), which the home screen paid for its "›", "—", "↑/↓" before the
// first frame. Here strings made only of printable ASCII and "simple" characters are answered directly;
// everything else goes to string-width. A simple character is one string-width is known to give width 1 by
// its generic rule, alone and next to any other simple character: not an emoji or pictograph, not a mark,
// format or control character, in a block without joining behaviour (so not Hangul jamo either), and narrow
// (or ambiguous, which string-width's default counts as narrow) in East Asian Width.
// test/ui/fast-string-width.test.ts checks this against string-width for every character of the BMP.
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { eastAsianWidth } from 'get-east-asian-width';

type Options = Parameters<typeof stringWidth>[1];

/**
 * Characters that are never simple, whatever their East Asian Width: emoji and pictographs, marks, format and
 * control characters, separators that break lines, surrogates, private use, unassigned code points.
 */
const NOT_SIMPLE = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Emoji_Modifier}\p{Emoji_Component}\p{Default_Ignorable_Code_Point}\p{M}\p{C}\p{Zl}\p{Zp}\p{Regional_Indicator}\p{Variation_Selector}]/u;

/**
 * Only scripts and symbol blocks where every character is its own grapheme cluster (no Prepend, virama or
 * other joining behaviour): Latin, Greek, Cyrillic, Armenian, punctuation, arrows, mathematical and technical
 * symbols, box drawing, shapes, dingbats.
 */
function inSimpleBlock(code: number): boolean {
  return (code >= 0xa0 && code <= 0x58f) || (code >= 0x1e00 && code <= 0x1fff) || (code >= 0x2000 && code <= 0x2bff);
}

/** Per BMP code unit: 0 not yet known, 1 simple, 2 not simple. */
const known = new Uint8Array(0x10000);

export function isSimpleChar(code: number): boolean {
  let k = known[code];
  if (k === 0) {
    const ch = String.fromCharCode(code);
    k = code >= 0x20 && code <= 0x7e ? 1
      : !inSimpleBlock(code) || NOT_SIMPLE.test(ch) || eastAsianWidth(code) !== 1 ? 2 : 1;
    known[code] = k;
  }
  return k === 1;
}

/** The same as string-width's default export. */
export default function fastStringWidth(input: string, options?: Options): number {
  if (typeof input !== 'string' || input.length === 0 || (options !== undefined && Object.keys(options).length > 0)) return stringWidth(input, options);
  let s = input;
  if (s.includes('\u001b') || s.includes('\u009b')) s = stripAnsi(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && !isSimpleChar(c)) return stringWidth(input, options);
  }
  return s.length;
}
