import { citing } from '../shared/articles.js';
import type { Regulation } from '../shared/definition.js';

/** How the charts cite 静乐县政务信息化项目建设应用管理办法: `art(16)` is '静乐 第十六条', `art(10, 3)` '静乐 第十条第（三）项'. */
export const art = citing('静乐');

/** 静乐县政务信息化项目建设应用管理办法, as the chart encodes it (its text: regulation.txt). */
export const regulation: Regulation = {
  shortName: art.regulation,
  title: '静乐县政务信息化项目建设应用管理办法',
  document: '静乐县政务信息化项目建设应用管理办法',
  issued: '文本未载明印发日期',
  validity: '自印发之日起施行，有效期3年（第四十条）；文本未载明印发日期，无法确认是否仍在有效期内',
};
