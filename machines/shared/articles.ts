const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral up to 99 (一, 十, 十六, 二十七, 四十), as written in article numbers. */
export function chineseNumber(text: string): number {
  if (text === '十') return 10;
  const [tens, ones] = text.includes('十') ? (text.split('十') as [string, string]) : ['', text];
  const t = text.includes('十') ? (tens === '' ? 1 : (DIGITS[tens] ?? NaN)) : 0;
  const o = ones === '' ? 0 : (DIGITS[ones] ?? NaN);
  return t * 10 + o;
}

/** Article numbers cited in a text: '第二十七条', '第三十三、三十四条', '第十条第（三）项'. */
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
