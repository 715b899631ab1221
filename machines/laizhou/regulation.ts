import { citing } from '../shared/articles.js';
import type { Regulation } from '../shared/definition.js';

/** How the charts cite 莱州市政务信息化项目管理办法（试行）: `art(16)` is '莱州 第十六条', `art(10, 3)` '莱州 第十条第（三）项'. */
export const art = citing('莱州');

/** 莱州市政务信息化项目管理办法（试行）, as the chart encodes it (its text: regulation.txt). */
export const regulation: Regulation = {
  shortName: art.regulation,
  title: '莱州市政务信息化项目管理办法（试行）',
  document: '莱政办发〔2022〕6号',
  issued: '2022-08-28',
  // 本办法自2022年9月29日起施行，有效期至2024年9月28日.
  validFrom: '2022-09-29',
  validUntil: '2024-09-28',
  validityArticle: art(42),
};
