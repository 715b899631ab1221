import { citing } from '../shared/articles.js';
import type { Regulation } from '../shared/definition.js';

/** How the charts cite 微山县政务信息化项目建设管理办法: `art(16)` is '微山 第十六条', `art(10, 3)` '微山 第十条第（三）项'. */
export const art = citing('微山');

/** 微山县政务信息化项目建设管理办法, as the chart encodes it (its text: regulation.txt). */
export const regulation: Regulation = {
  shortName: art.regulation,
  title: '微山县政务信息化项目建设管理办法',
  document: '微政字〔2025〕16号',
  issued: '2025-06-19',
  // 本办法自发布之日起施行.
  validFrom: '2025-06-19',
  validityArticle: art(45),
};
