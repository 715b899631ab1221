import { citing } from '../shared/articles.js';
import type { Regulation } from '../shared/definition.js';

/** How the charts cite 淅川县政务信息化项目建设管理办法（暂行）: `art(16)` is '淅川 第十六条', `art(10, 3)` '淅川 第十条第（三）项'. */
export const art = citing('淅川');

/** 淅川县政务信息化项目建设管理办法（暂行）, as the chart encodes it (its text: regulation.txt). */
export const regulation: Regulation = {
  shortName: art.regulation,
  title: '淅川县政务信息化项目建设管理办法（暂行）',
  document: '淅政办〔2025〕6号',
  issued: '2025-08-29',
  validFrom: '2025-08-29',
  // 试行两年, from the day of issue.
  validUntil: '2027-08-28',
  validityArticle: art(38),
};
