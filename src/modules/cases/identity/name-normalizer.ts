import { MatchingKey, uniqueKeys } from './identity-key';

/**
 * Name normalization for duplicate detection (PRODUCT.md §7).
 *
 * Names of the region come in Azerbaijani Latin (Məmmədov), Azerbaijani and Russian Cyrillic
 * (Мамедов, Мәммәдов), Russian passport romanization (MAMEDOV, GIULNARA), informal English
 * (Mammadov, Gyulnara) and Azerbaijani typed without its letters (Mammadov, Huseynov). Each name
 * token is folded into a phonetic skeleton over a reduced alphabet, in three stages:
 *
 * 1. Script → Latin, letter by letter. Cyrillic follows the usual Russian romanization (ж zh, х kh,
 *    ц ts, ч ch, ш sh, щ shch, ы i, й y, я ya, ю yu, ё yo; е is "ye" after a vowel, else "e"; ь ъ
 *    dropped) plus the Azerbaijani Cyrillic letters (ә ғ һ ө ү ҹ ј ҝ); Azerbaijani Latin keeps ə,
 *    and ş → sh, ç → ch, ğ → g, ı → i, ö → o, ü → u. Other accented Latin letters lose their
 *    accents; apostrophes disappear. A token with a letter of any other script is dropped whole.
 *    Two spelling rules follow: a leading "ye" is "e" (Yelena / Елена / Elena), and a glide
 *    (i, y) between a consonant and a, ə, o or u is dropped, because transliterations disagree on
 *    it: Gülnarə / Гюльнара / Gyulnara / Giulnara, Maryam / Mariam / Марьям, Ilyas / Ilias. Before
 *    e it is kept, so Aliyev and Alayev stay apart (and Sariyev / Сарыев keep their vowel). Russian writes -ev where Azerbaijani writes
 *    -ov after ж ш ч щ ц дж, so -ev right after those is read -ov (Orucov / Оруджев / Orudzhev).
 *
 * 2. Latin → symbols, longest spelling first. Spellings that transliterations use for one sound
 *    become one symbol:
 *      a  ← a e ə ä                 (Məmmədov / Мамедов / Mammadov)
 *      i  ← i ı ы, and y as a vowel (Kadyrov / Qadirov)
 *      o  ← o ö;  u ← u ü
 *      k  ← k q g ğ h x kh gh ks    (Hüseynov / Гусейнов, Quliyev / Кулиев, Xəlil / Khalil,
 *                                    Ilham / Ильгам, Oxana / Oksana)
 *      j  ← c j ç ch zh dzh dj ts    (Cəfərov / Джафаров / Jafarov; Az j = ж, English j = дж)
 *      s  ← s ş sh                   (ş typed without its cedilla is s)
 *      v  ← v w;  b d f l m n p r t z y unchanged
 *    then, in order: a final t is d (Murat / Murad, Akhmet / Akhmed); doubled symbols collapse
 *    (Mammadov / Mamedov); y with no vowel beside it is i (Dmitry / Kadyrov); y between a
 *    consonant and a vowel is dropped (Meryem / Maryam, Afanasyev / Afanasev); y next to i merges
 *    into it (Aliyev / Aliev); i after a vowel, or leading before one, is y (Huseinov / Huseynov,
 *    Ismail / Ismayıl, IUSIF / Yusif); y between vowels is dropped (Musayev / Musaev); doubled
 *    symbols collapse again.
 *
 * 3. Family-name endings: feminine -ova/-eva → -ov/-ev (Aliyeva / Aliyev); attached -ogly →
 *    -oglu. The feminine fold is deliberate: a record's gendered ending is often a slip, or differs
 *    between a person's documents and how they describe themselves; the given name still has to
 *    match for a `name` key, so a brother and sister share only the weak `name+initial` key (when
 *    their initials agree). Russian -in/-ina is NOT folded: it is rare here, and the same
 *    ending separates given names (Amin / Amina).
 *
 * Whole-word handling: the patronymic markers oğlu / ogly / оглы / qızı / kyzy / кызы are
 * removed together with the father's name before them, and Russian patronymics (-ovich, -evich,
 * -ovna, -evna) are set aside too; the father's name becomes the separate `name+patronymic` key.
 * The honorific xanım / khanum is dropped. Tokens of one or two symbols are initials.
 *
 * Known false negatives (phone and birth date still link such records): s + h written "sh"
 * (İshaq / Исхак); yə written "ye" at the start or after i (Yəsəmən / Yesemen, read as Esemen;
 * Səfiyə / Safiye, where the i stays as in Aliyev); ı written y
 * before a vowel (Saryev / Sariyev); ı rendered as у (Qasımov / Касумов); ö rendered as е (Gözəl / Гезал); Magomed
 * / Mohammed (two written conventions of one name, kept apart on purpose); names written in
 * Arabic or Georgian script yield no keys. Known false positives: the glide rule merges -ia/-iya
 * given names with their shorter look-alikes (Diana / Dana, Maria / Mara), and a / e / ə being one
 * symbol merges Emin / Amin. Each needs the family name to match too; a caseworker decides.
 */

/** The symbols a name key may contain, besides the separators ' ' and '|'. */
export const NAME_KEY_ALPHABET = 'abdfijklmnoprstuvyz';
/** A name yields at most this many keys. */
export const MAX_NAME_KEYS = 8;
/** At most this many name tokens (the longest) take part; more is almost always noise. */
const MAX_NAME_TOKENS = 4;
/** Input beyond this length is ignored (names are short; this bounds the work). */
const MAX_INPUT_LENGTH = 400;

const APOSTROPHES = new Set(["'", '’', 'ʼ', '‘', '`', '´', 'ʻ', 'ʹ']);

/** Lower-case letters with a fixed Latin spelling. Lower-case ASCII letters stand for themselves. */
const TO_LATIN: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Azerbaijani / Turkish Latin (ä is the 1991 spelling of ə; ǝ is a common look-alike of ə)
    ə: 'ə',
    ǝ: 'ə',
    ä: 'ə',
    ı: 'i',
    ğ: 'g',
    ş: 'sh',
    ç: 'ch',
    ö: 'o',
    ü: 'u',
    // scholarly romanization of Cyrillic
    š: 'sh',
    ž: 'zh',
    č: 'ch',
    ǧ: 'g',
    // Russian Cyrillic (е is contextual, see below)
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    ё: 'yo',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'i',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    // Azerbaijani Cyrillic
    ә: 'ə',
    ғ: 'g',
    һ: 'h',
    ө: 'o',
    ү: 'u',
    ҹ: 'c',
    ј: 'y',
    ҝ: 'g',
    // Chechen palochka (ХӀамзат), and letters of neighbouring Cyrillic alphabets
    ӏ: '',
    і: 'i',
    ї: 'yi',
    є: 'ye',
    ґ: 'g',
    ў: 'u',
    қ: 'k',
    ң: 'n',
    ұ: 'u',
    җ: 'zh',
  }),
);

/** Letters after which Cyrillic е is read "ye". */
const YE_AFTER = new Set([...'аеёиоуыэюяәөүіїєaeəiouyıöü', 'ь', 'ъ']);

const LATIN_TO_SYMBOL_MULTI: ReadonlyMap<string, string> = new Map([
  ['dzh', 'j'],
  ['tch', 'j'],
  ['dj', 'j'],
  ['zh', 'j'],
  ['ch', 'j'],
  ['ts', 'j'],
  ['sh', 's'],
  ['kh', 'k'],
  ['gh', 'k'],
  ['ks', 'k'],
]);

const LATIN_TO_SYMBOL: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: 'a',
    e: 'a',
    ə: 'a',
    i: 'i',
    o: 'o',
    u: 'u',
    y: 'y',
    c: 'j',
    j: 'j',
    g: 'k',
    h: 'k',
    k: 'k',
    q: 'k',
    x: 'k',
    w: 'v',
    b: 'b',
    d: 'd',
    f: 'f',
    l: 'l',
    m: 'm',
    n: 'n',
    p: 'p',
    r: 'r',
    s: 's',
    t: 't',
    v: 'v',
    z: 'z',
  }),
);

/** Skeletons of the patronymic markers oğlu / oglu / ogly / оглы and qızı / kyzy / кызы / гызы. */
const PATRONYMIC_MARKERS = new Set(['oklu', 'okli', 'kizi']);
/** Skeletons of the honorific xanım / khanum / ханум. */
const HONORIFICS = new Set(['kanim', 'kanum']);
/** Russian patronymic: -ovich, -evich, -ovna, -evna (after folding: ovij, avij, ovna, avna). */
const RUSSIAN_PATRONYMIC = /^(.{2,}?)[oa]v(?:ij|na)$/;
/** Endings that mark a token as a family name (after folding). */
const FAMILY_ENDING = /^(?:.{2,}(?:ov|av|li|lu|oklu)|.+zada|.+vili)$/;

function isVowel(symbol: string | undefined): boolean {
  return symbol === 'a' || symbol === 'i' || symbol === 'o' || symbol === 'u';
}

/** Stage 1: one token (lower case) to Latin; null when it holds a letter we cannot read. */
function toLatin(token: string): string | null {
  let latin = '';
  let previous = '';
  for (const char of token) {
    if (APOSTROPHES.has(char) || /\p{M}/u.test(char)) continue;
    let mapped: string | undefined;
    if (char === 'е') mapped = previous !== '' && YE_AFTER.has(previous) ? 'ye' : 'e';
    else mapped = TO_LATIN.get(char) ?? (/^[a-z]$/.test(char) ? char : undefined);
    if (mapped === undefined) {
      // Accented Latin letters outside the tables (é, á, ñ ...) are read without the accent.
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (!/^[a-z]$/.test(base)) return null;
      mapped = base;
    }
    latin += mapped;
    previous = char;
  }
  return latin
    .replace(/zadeh$/, 'zade')
    .replace(/^(.*[aeiouyə].*(?:sh|ch|zh|ts|[cj]))ev(a?)$/, '$1ov$2')
    .replace(/^ye/, 'e')
    .replace(/([bcdfghjklmnpqrstvwxz])[iy]+(?=[aəou])/g, '$1');
}

/** Stage 2: Latin to symbols, then the sequence rules. */
function toSymbols(latin: string): string {
  const symbols: string[] = [];
  for (let at = 0; at < latin.length;) {
    const three = LATIN_TO_SYMBOL_MULTI.get(latin.slice(at, at + 3));
    const two = three === undefined ? LATIN_TO_SYMBOL_MULTI.get(latin.slice(at, at + 2)) : undefined;
    if (three !== undefined) {
      symbols.push(three);
      at += 3;
    } else if (two !== undefined) {
      symbols.push(two);
      at += 2;
    } else {
      const one = LATIN_TO_SYMBOL.get(latin.charAt(at));
      if (one !== undefined) symbols.push(one);
      at += 1;
    }
  }
  if (symbols[symbols.length - 1] === 't') symbols[symbols.length - 1] = 'd';
  let s = collapse(symbols);
  // y with no vowel beside it is a vowel: Kadyrov, Dmitry.
  s = s.map((c, i) => (c === 'y' && !isVowel(s[i - 1]) && !isVowel(s[i + 1]) ? 'i' : c));
  // y between a consonant and a vowel is a glide transliterations disagree on (Meryem / Maryam).
  s = s.filter((c, i) => !(c === 'y' && i > 0 && !isVowel(s[i - 1]) && isVowel(s[i + 1])));
  // y next to i merges into it: Aliyev / Aliev, Dmitriy / Dmitry.
  s = collapse(s.filter((c, i) => !(c === 'y' && (s[i - 1] === 'i' || s[i + 1] === 'i'))));
  // i after a vowel, or leading before a vowel, is the glide y: Huseinov, Ismail, IUSIF.
  s = s.map((c, i) => (c === 'i' && isVowel(i === 0 ? s[1] : s[i - 1]) ? 'y' : c));
  // y between vowels is dropped: Musayev / Musaev / Мусаев.
  s = s.filter((c, i) => !(c === 'y' && i > 0 && isVowel(s[i - 1]) && isVowel(s[i + 1])));
  return collapse(s).join('');
}

function collapse(symbols: readonly string[]): string[] {
  return symbols.filter((c, i) => c !== symbols[i - 1]);
}

/** Stage 3: family-name endings. */
function foldFamilyEnding(skeleton: string): string {
  return skeleton.replace(/^(.{2,}[oa]v)a$/, '$1').replace(/^(.{2,})okli$/, '$1oklu');
}

/** A token's skeleton before the family-ending fold, or null if it has none. */
function skeletonOf(token: string): string | null {
  const latin = toLatin(token);
  if (latin === null) return null;
  const skeleton = toSymbols(latin);
  return skeleton === '' ? null : skeleton;
}

/**
 * The phonetic skeleton of one name token (a word), or null when it has none (empty, or letters
 * of another script). Exposed for tests and diagnostics; it is personal data like its input.
 */
export function foldNameToken(token: string): string | null {
  const skeleton = skeletonOf(token.normalize('NFKC').toLowerCase());
  return skeleton === null ? null : foldFamilyEnding(skeleton);
}

/** A full name taken apart: order-free tokens, initials, and the father's name if given. */
export interface ParsedName {
  /** Folded skeletons of the name's words (given and family names, in any order), sorted. */
  readonly tokens: readonly string[];
  /** First symbols of words given only as initials ("E." / "Э."). */
  readonly initials: readonly string[];
  /** Skeleton of the father's name, from "Rauf oğlu" / "Рауф оглы" / "Рауфович". */
  readonly patronymic: string | null;
}

export function parseName(fullName: string): ParsedName {
  const words = fullName
    .slice(0, MAX_INPUT_LENGTH)
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}'’ʼ‘`´ʻʹ]+/u)
    .filter((word) => word !== '');

  const tokens: string[] = [];
  const initials: string[] = [];
  const russianPatronymics: { root: string; skeleton: string }[] = [];
  let patronymic: string | null = null;
  let lastTokenIsName = false;
  for (const word of words) {
    const skeleton = skeletonOf(word);
    if (skeleton === null || HONORIFICS.has(skeleton)) continue;
    if (PATRONYMIC_MARKERS.has(skeleton)) {
      // "Rauf oğlu": the word before the marker is the father's name.
      const father = lastTokenIsName ? tokens.pop() : undefined;
      if (father !== undefined && patronymic === null) patronymic = father;
      lastTokenIsName = false;
      continue;
    }
    if (skeleton.length <= 2) {
      initials.push(skeleton.charAt(0));
      lastTokenIsName = false;
      continue;
    }
    const russian = RUSSIAN_PATRONYMIC.exec(skeleton);
    if (russian?.[1] !== undefined) {
      russianPatronymics.push({ root: russian[1], skeleton });
      lastTokenIsName = false;
      continue;
    }
    tokens.push(skeleton);
    lastTokenIsName = true;
  }
  // A Russian patronymic counts as one only if a given and a family name remain beside it
  // (otherwise "Roman Abramovich" would lose its family name).
  for (const { root, skeleton } of russianPatronymics) {
    if (patronymic === null && new Set(tokens).size >= 2) patronymic = root;
    else tokens.push(skeleton);
  }

  const unique = [...new Set(tokens.map(foldFamilyEnding))];
  const kept = unique
    .sort((a, b) => b.length - a.length || compare(a, b))
    .slice(0, MAX_NAME_TOKENS)
    .sort(compare);
  return { tokens: kept, initials: [...new Set(initials)].sort(compare), patronymic };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFamilyName(token: string): boolean {
  return FAMILY_ENDING.test(token);
}

/**
 * Matching keys of one written full name (call it once per name and alias), strongest first, at
 * most {@link MAX_NAME_KEYS}:
 * - `name`: two of the name's words, order-free ("alvin mamadov"); one key per pair of words, so
 *   "Leyla Aysel Məmmədova" shares a key with "Leyla Mammadova";
 * - `name+patronymic`: each such pair plus the father's name, when one is given (not for names
 *   of four words: the keys would not fit);
 * - `name+initial`: one word plus the initial of another ("mamadov|a" for E. Mammadov, family
 *   names first). Weak on its own: siblings and namesakes share it.
 * A single word yields no key: a given name or a family name alone identifies no one.
 */
export function nameKeys(fullName: string): MatchingKey[] {
  const { tokens, initials, patronymic } = parseName(fullName);
  const pairs: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    for (let j = i + 1; j < tokens.length; j += 1) pairs.push(`${tokens[i]} ${tokens[j]}`);
  }
  const keys = pairs.map((pair) => new MatchingKey('name', pair));
  // All or none: a name whose patronymic keys were cut short would seem to have another father.
  if (patronymic !== null && pairs.length * 2 <= MAX_NAME_KEYS) {
    keys.push(...pairs.map((pair) => new MatchingKey('name+patronymic', `${pair}|${patronymic}`)));
  }
  const byStrength = [...tokens.filter(isFamilyName), ...tokens.filter((token) => !isFamilyName(token))];
  for (const token of byStrength) {
    const others = new Set([...tokens.filter((other) => other !== token).map((other) => other.charAt(0)), ...initials]);
    for (const initial of [...others].sort(compare)) keys.push(new MatchingKey('name+initial', `${token}|${initial}`));
  }
  return uniqueKeys(keys).slice(0, MAX_NAME_KEYS);
}
