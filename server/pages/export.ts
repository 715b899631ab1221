/**
 * Any list exported (issue 23): every row its filter matches (up to EXPORT_LIMIT), as CSV (RFC 4180,
 * with a BOM so spreadsheet programs read the Chinese) or XLSX (exceljs), times in Beijing time with
 * +08:00, amounts in 元 with 角分. Formulas are neutralised in CSV cells; XLSX cells are typed values.
 */
import ExcelJS from 'exceljs';
import { intakes } from '../../machines/intake.js';
import { beijingTime, csvCell } from '../api/audit-csv.js';
import { CATEGORY_FIELDS, type ListedProject } from '../read-model/row.js';

/** Most rows one export holds; a narrower filter exports the rest. */
export const EXPORT_LIMIT = 10_000;

/** One exported column: its Chinese header and its value of a row. */
interface Column {
  header: string;
  width: number;
  value: (p: ListedProject) => string | number | undefined;
}

const yuan = (fen: number | undefined) => (fen === undefined ? undefined : fen / 100);

/** The class or track of a project as its regulation names it (machines/<id>/labels.ts), else its code. */
export function categoryLabel(p: Pick<ListedProject, 'jurisdiction' | 'category'>): string | undefined {
  if (!p.category) return undefined;
  const values = intakes[p.jurisdiction]?.labels.values ?? {};
  for (const field of CATEGORY_FIELDS) {
    const label = values[field]?.[p.category];
    if (label) return label;
  }
  return p.category;
}

export const EXPORT_COLUMNS: Column[] = [
  { header: '项目编号', width: 28, value: (p) => p.projectId },
  { header: '项目名称', width: 36, value: (p) => p.title },
  { header: '申报单位', width: 28, value: (p) => p.applicantUnit },
  { header: '辖区', width: 10, value: (p) => p.jurisdictionName },
  { header: '状态', width: 12, value: (p) => p.execution?.label ?? p.statusLabel },
  { header: '监督措施', width: 12, value: (p) => p.sanction?.label },
  { header: '年度', width: 8, value: (p) => p.planYear },
  { header: '类别', width: 16, value: categoryLabel },
  { header: '申报金额（元）', width: 16, value: (p) => yuan(p.requestedFen) },
  { header: '批复金额（元）', width: 16, value: (p) => yuan(p.approvedFen) },
  { header: '待办环节', width: 30, value: (p) => p.tasks.map((t) => `${t.title}（${t.departmentName}）`).join('；') || undefined },
  {
    header: '最近办理期限（北京时间）',
    width: 28,
    value: (p) => {
      const due = p.tasks
        .map((t) => t.dueAt)
        .filter((d): d is string => Boolean(d))
        .sort()[0];
      return due ? beijingTime(due) : undefined;
    },
  },
  { header: '申报时间（北京时间）', width: 28, value: (p) => beijingTime(p.submittedAt) },
  { header: '更新时间（北京时间）', width: 28, value: (p) => beijingTime(p.updatedAt) },
];

/** CSV of rows, with a BOM and CRLF line ends. */
export function listCsv(rows: readonly ListedProject[]): string {
  const money = new Set(['申报金额（元）', '批复金额（元）']);
  const lines = [EXPORT_COLUMNS.map((c) => c.header).join(',')];
  for (const r of rows)
    lines.push(
      EXPORT_COLUMNS.map((c) => {
        const v = c.value(r);
        return csvCell(money.has(c.header) && typeof v === 'number' ? v.toFixed(2) : v);
      }).join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX of rows: one sheet, a frozen header row, amounts as numbers in 元 with two decimals. */
export async function listXlsx(rows: readonly ListedProject[], sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '政务信息化项目审批';
  const sheet = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  for (const r of rows) sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.value(r) ?? null])));
  for (const h of ['申报金额（元）', '批复金额（元）']) sheet.getColumn(h).numFmt = '#,##0.00';
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
