import { citing } from '../shared/articles.js';
import type { Regulation } from '../shared/definition.js';

/** How the charts cite 昆都仑区本级政务信息化项目建设管理办法（试行）: `art(16)` is '昆都仑 第十六条', `art(10, 3)` '昆都仑 第十条第（三）项'. */
export const art = citing('昆都仑');

/** 昆都仑区本级政务信息化项目建设管理办法（试行）, as the chart encodes it (its text: regulation.txt). */
export const regulation: Regulation = {
  shortName: art.regulation,
  title: '昆都仑区本级政务信息化项目建设管理办法（试行）',
  document: '昆府办发〔2024〕27号',
  issued: '2024-12-28',
  validFrom: '2024-12-28',
  // 自印发之日起施行，有效期两年.
  validUntil: '2026-12-27',
  validityArticle: art(29),
};
