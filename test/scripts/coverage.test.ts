import { describe, expect, it } from 'vitest';
import { chineseNumber, citedArticles } from '../../machines/shared/articles.js';
import { coverage } from '../../scripts/coverage.js';

describe('article coverage', () => {
  it('reads article numbers as the texts write them', () => {
    expect([chineseNumber('十'), chineseNumber('十六'), chineseNumber('二十七'), chineseNumber('四十')]).toEqual([10, 16, 27, 40]);
    expect(citedArticles('（第三十三、三十四条）和 昆都仑 第十条第（三）项')).toEqual([33, 34, 10]);
  });

  it('leaves no article without an implementation or a stated reason', () => {
    expect(coverage().missing).toEqual([]);
  });
});
