const DIGITS = '零一二三四五六七八九';
const VALUES: Record<string, number> = Object.fromEntries([...DIGITS].map((d, i) => [d, i]));

/** A Chinese numeral up to 99 (一, 十, 十六, 二十七, 四十), as written in article numbers. */
export function chineseNumber(text: string): number {
  if (text === '十') return 10;
  const [tens, ones] = text.includes('十') ? (text.split('十') as [string, string]) : ['', text];
  const t = text.includes('十') ? (tens === '' ? 1 : (VALUES[tens] ?? NaN)) : 0;
  const o = ones === '' ? 0 : (VALUES[ones] ?? NaN);
  return t * 10 + o;
}

/** 37 → 三十七, 10 → 十, 40 → 四十 (article and item numbers stay below 100). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`article numbers run from 1 to 99, not ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${ones ? DIGITS[ones] : ''}`;
}

/**
 * A citation of one regulation's article, or of several articles, or of one item of an article:
 * what a chart, a rule or an intake refusal rests on. Charts make them with the citing function of
 * their regulation (`art(16)`, `art(10, 3)`, `art([33, 34])`, see `citing`), and consumers read the
 * numbers; the text people read comes from `format()`, which is also what JSON and string
 * conversion give, so exports, payloads and messages carry the same words as ever.
 */
export class Article {
  /** The article numbers, in the order cited. */
  readonly articles: readonly number[];

  constructor(
    /** The regulation's short name as the charts cite it (Regulation.shortName), e.g. '昆都仑'. */
    readonly regulation: string,
    articles: number | readonly number[],
    /** The item (项) of a single article, e.g. 3 in 第十条第（三）项. */
    readonly item?: number,
  ) {
    this.articles = Object.freeze(typeof articles === 'number' ? [articles] : [...articles]);
    if (this.articles.length === 0) throw new RangeError('a citation names at least one article');
    if (item !== undefined && this.articles.length > 1) throw new RangeError('an item belongs to one article');
    // Check the numbers once, here, rather than when the text is first asked for.
    this.local();
    Object.freeze(this);
  }

  /** The citation without the regulation's name, as a drawing of its chart shows it: '第十六条', '第三十三、三十四条', '第十条第（三）项'. */
  local(): string {
    const item = this.item === undefined ? '' : `第（${chineseNumeral(this.item)}）项`;
    return `第${this.articles.map(chineseNumeral).join('、')}条${item}`;
  }

  /** The citation as people read it: '微山 第十六条', '昆都仑 第十条第（三）项'. */
  format(): string {
    return `${this.regulation} ${this.local()}`;
  }

  /** JSON carries the text (chart exports, API answers, workflow payloads). */
  toJSON(): string {
    return this.format();
  }

  toString(): string {
    return this.format();
  }
}

/** A regulation's citing function: `art(16)`, `art(10, 3)` (第十条第（三）项), `art([33, 34])`. */
export interface Citing {
  (article: number | readonly number[], item?: number): Article;
  /** The short name the citations carry. */
  readonly regulation: string;
}

/** The citing function of the regulation a chart encodes, by its short name ('微山'): `const art = citing('微山')`. */
export function citing(regulation: string): Citing {
  const art = (article: number | readonly number[], item?: number) => new Article(regulation, article, item);
  return Object.assign(art, { regulation }) as Citing;
}

/**
 * Article numbers named in prose: '第二十七条', '第三十三、三十四条', '第十条第（三）项'. For text
 * written for people (descriptions, coverage notes); a citation a chart or rule rests on is an
 * `Article` and is read, never parsed.
 */
export function citedArticles(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(/第([零一二三四五六七八九十、]+)条/g)) {
    for (const part of m[1]!.split('、')) {
      const n = chineseNumber(part);
      if (Number.isFinite(n) && n > 0) found.push(n);
    }
  }
  return found;
}
