/**
 * Counts a post body as the backend does (marketing/channels/LengthCounting.java), so the draft editor's
 * counters agree with the check an edit gets when it is saved. registry/channel-rules.json holds the
 * limits and the cases both sides test. Free of DOM and Node APIs: the webview uses it as is.
 */
export type LengthCounting = 'x_weighted' | 'code_points_url_23' | 'graphemes' | 'utf16_units';

export const URL_WEIGHT = 23;
const SCHEME_URL = /\bhttps?:\/\/[^\s]+/gi;
const BARE_DOMAIN = /(?<![@\w.])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s]*)?/gi;

export function countLength(text: string, counting: LengthCounting): number {
  switch (counting) {
    case 'x_weighted': return xWeighted(text);
    case 'code_points_url_23': return codePointsWithUrls(text);
    case 'graphemes': return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
    case 'utf16_units': return text.length;
  }
}

/** Bluesky also bounds the body at 3,000 UTF-8 bytes. */
export function withinByteBound(text: string, counting: LengthCounting): boolean {
  return counting !== 'graphemes' || new TextEncoder().encode(text).length <= 3000;
}

function codePoints(text: string): number {
  return [...text].length;
}

function codePointsWithUrls(text: string): number {
  let total = 0;
  let from = 0;
  for (const match of text.matchAll(SCHEME_URL)) {
    total += codePoints(text.slice(from, match.index)) + URL_WEIGHT;
    from = match.index + match[0].length;
  }
  return total + codePoints(text.slice(from));
}

function xWeighted(raw: string): number {
  const text = raw.normalize('NFC');
  let total = 0;
  let from = 0;
  for (const match of text.matchAll(SCHEME_URL)) {
    total += xPlain(text.slice(from, match.index)) + URL_WEIGHT;
    from = match.index + match[0].length;
  }
  return total + xPlain(text.slice(from));
}

/** A bare domain X may or may not link counts max(23, its own weight), as on the backend. */
function xPlain(text: string): number {
  let total = 0;
  let from = 0;
  for (const match of text.matchAll(BARE_DOMAIN)) {
    total += xCharacters(text.slice(from, match.index));
    total += Math.max(URL_WEIGHT, xCharacters(match[0]));
    from = match.index + match[0].length;
  }
  return total + xCharacters(text.slice(from));
}

function xCharacters(text: string): number {
  let total = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (isEmojiStart(cp)) {
      i = endOfEmoji(text, i);
      total += 2;
    } else {
      total += xLight(cp) ? 1 : 2;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return total;
}

function xLight(cp: number): boolean {
  return cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
}

function isEmojiStart(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf)
    || (cp >= 0x2b00 && cp <= 0x2bff && cp !== 0x2b1c) || cp === 0x2705 || cp === 0x231a || cp === 0x23f0;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Index just past the emoji sequence at {@code start}: modifiers, joiners, flags, keycaps (Emoji.java). */
function endOfEmoji(text: string, start: number): number {
  const first = text.codePointAt(start)!;
  let i = start + width(first);
  if (first >= 0x1f1e6 && first <= 0x1f1ff && i < text.length) {
    const second = text.codePointAt(i)!;
    return second >= 0x1f1e6 && second <= 0x1f1ff ? i + width(second) : i;
  }
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (cp === 0xfe0f || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f)) {
      i += width(cp);
    } else if (cp === 0x200d && i + 1 < text.length && isEmojiStart(text.codePointAt(i + 1)!)) {
      i += 1;
      i += width(text.codePointAt(i)!);
    } else {
      break;
    }
  }
  return i;
}
