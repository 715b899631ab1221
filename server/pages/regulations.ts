import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chineseNumber } from '../../machines/shared/articles.js';

const DIGITS = '零一二三四五六七八九';

/** 37 → 三十七 (article numbers stay below 100). */
function chineseNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${ones ? DIGITS[ones] : ''}`;
}

const machines = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'machines');
const cache = new Map<string, Map<number, string>>();

/**
 * The articles of a jurisdiction's regulation by number, read from its published text in
 * machines/<jurisdiction>/regulation.txt (empty when the text is not shipped).
 */
export function articlesOf(jurisdiction: string): Map<number, string> {
  let articles = cache.get(jurisdiction);
  if (articles) return articles;
  articles = new Map();
  const file = path.join(machines, jurisdiction, 'regulation.txt');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8')
      .replace(/\r/g, '')
      .replace(/\[bookmark:[^\]]*\]/g, '')
      .split(/\n\s*抄送/)[0]!;
    // An article runs from its heading to the next article or chapter heading. Some published texts
    // lost the 条 of a heading (淅川's “第二十 …”): such an article takes the number after the last one.
    const parts = text.split(/\n\s*(?=第[零一二三四五六七八九十百]+(?:条|章|\s))/);
    let last = 0;
    for (const part of parts) {
      const m = /^\s*第([零一二三四五六七八九十百]+)(条|\s)\s*([\s\S]*)$/.exec(part);
      if (!m) continue;
      const n = m[2] === '条' ? chineseNumber(m[1]!) : last + 1;
      last = n;
      const body = m[3]!
        .replace(/\n\s*\n+/g, '\n')
        .replace(/[ \t\u3000]+/g, ' ')
        .trim();
      if (!articles.has(n)) articles.set(n, `第${m[2] === '条' ? m[1] : chineseNumeral(n)}条 ${body}`);
    }
  }
  cache.set(jurisdiction, articles);
  return articles;
}
