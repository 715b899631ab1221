/**
 * Opinions as documents (issue 21 item 4): a decision the regulations call an opinion or approval
 * is numbered in its department's 文号 sequence (contracts/numbering.ts), rendered as a PDF with
 * Chinese fonts (pdfkit with Noto CJK from Debian's fonts-noto-cjk) and kept in the document store
 * under an id derived from the decision, so a retry writes the same document and takes no new number.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Mutex } from 'async-mutex';
import PDFDocument from 'pdfkit';
import type { OpinionIssued, OpinionRequest } from '../contracts/messages.js';
import { allocateUpdate, NUMBERING_WORKFLOW, numberingWorkflowId, type NumberingInput } from '../contracts/numbering.js';
import { chinaDate } from '../machines/shared/events.js';
import { defaultNumberPrefix } from '../machines/shared/opinions.js';
import type { DocumentStore } from '../documents/types.js';

/** Where Debian (fonts-noto-cjk) and other systems keep a CJK font pdfkit can embed, the first found wins. */
export const DEFAULT_CJK_FONTS: readonly { file: string; face?: string }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
];

/** No Chinese font: the opinion waits (the activity retries) until one is installed; the decision itself stands. */
export class NoCjkFont extends Error {
  constructor(tried: readonly { file: string }[]) {
    super(
      `未找到可嵌入的中文字体，意见书暂不能生成（请安装 fonts-noto-cjk，或在 temporal.config.ts opinions.fonts 中指定）；已查找：${tried.map((f) => f.file).join('，')}`,
    );
    this.name = 'NoCjkFont';
  }
}

/** The first configured font that exists. */
export function findCjkFont(fonts: readonly { file: string; face?: string }[] = DEFAULT_CJK_FONTS): { file: string; face?: string } {
  const found = fonts.find((f) => existsSync(f.file));
  if (!found) throw new NoCjkFont(fonts);
  return found;
}

// A CJK collection is tens of megabytes: read once per process, not once per opinion.
const fontBytes = new Map<string, Promise<Buffer>>();
const loadFont = (file: string) => {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = readFile(file);
    fontBytes.set(file, bytes);
    bytes.catch(() => fontBytes.delete(file));
  }
  return bytes;
};

/** The year of an instant in Beijing time, which numbers a series. */
export const beijingYear = (iso: string) => Number(chinaDate(iso).slice(0, 4));
/** 2026年11月23日, as a document is dated. */
const beijingDate = (iso: string) => {
  const [y, m, d] = chinaDate(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const beijingTime = (iso: string) => `${chinaDate(iso)} ${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16)}（北京时间）`;

/** A 文号 as issued: 机关代字〔年份〕序号号. */
export const documentNumber = (prefix: string, year: number, n: number) => `${prefix}〔${year}〕${n}号`;

/**
 * The PDF of an opinion: the issuing department, the title, the 文号, the project, the decision and
 * its grounds, who decided and when, and what ties it to the record (the decision's entry and hash).
 * The same request and number give the same bytes (fixed dates; pdfkit's file id derives from them).
 */
export function renderOpinionPdf(req: OpinionRequest, number: string, font: { file: string | Buffer; face?: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `关于“${req.project.title}”${req.taskTitle}的${req.kind}`;
    const at = new Date(Date.parse(req.at));
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 80, right: 80 },
      info: { Title: title, Author: req.issuer, Subject: number, Keywords: req.projectId, CreationDate: at, ModDate: at },
      lang: 'zh-CN',
      displayTitle: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      if (font.face) doc.registerFont('cjk', font.file, font.face);
      else doc.registerFont('cjk', font.file);
      doc.font('cjk');
      const width = doc.page.width - 160;
      doc.fillColor('#c00000').fontSize(24).text(req.issuer, { align: 'center', width });
      doc.moveDown(0.3).fontSize(12).fillColor('#000000').text(number, { align: 'center', width });
      doc
        .moveTo(80, doc.y + 6)
        .lineTo(doc.page.width - 80, doc.y + 6)
        .strokeColor('#c00000')
        .lineWidth(1.5)
        .stroke();
      doc.moveDown(1.5).fontSize(18).text(title, { align: 'center', width });
      doc.moveDown(1).fontSize(12);
      const row = (label: string, value: string | undefined) => {
        if (value) doc.text(`${label}：${value}`, { width, lineGap: 4 });
      };
      row('申报单位', req.project.applicantUnit);
      row('项目名称', req.project.title);
      row('项目编号', req.projectId);
      row('办理事项', req.taskTitle);
      row('办理结果', req.actionLabel);
      row('依据', req.article ? `《${req.regulation}》${req.article.replace(/^\S+\s/, '')}` : `《${req.regulation}》`);
      doc.moveDown(0.8).text('意见：', { width });
      doc.text(req.comment ?? `经${req.taskTitle}，${req.actionLabel}。`, { width, indent: 24, lineGap: 4 });
      doc.moveDown(2);
      doc.text(req.issuer, { align: 'right', width });
      doc.text(beijingDate(req.at), { align: 'right', width });
      doc.moveDown(2).fontSize(9).fillColor('#555555');
      doc.text(`经办：${req.actor ?? '—'}　办理时间：${beijingTime(req.at)}`, { width });
      doc.text(`本文书由系统依据项目记录第 ${req.for} 条生成${req.entryHash ? `，记录哈希 ${req.entryHash}` : ''}。`, { width });
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/** What issuing needs: the number allocator, the store, each department's 文号 prefix, the fonts. */
export interface OpinionDeps {
  /** The number of `ref` in a series (a department's year): the same for the same ref. */
  allocate(series: { jurisdiction: string; department: string; year: number }, ref: string): Promise<number>;
  store: DocumentStore;
  /** Each department's 机关代字 by jurisdiction (temporal.config.ts opinions.prefixes); unset, the issuer's name (defaultNumberPrefix). */
  prefixes?: Record<string, Record<string, string>>;
  fonts?: readonly { file: string; face?: string }[];
}

/** The document id an opinion is kept under: derived from its request, so every retry writes the same record. */
export const opinionDocumentId = (req: OpinionRequest) => `d${createHash('sha256').update(`opinion:${req.id}`).digest('hex').slice(0, 32)}`;

const rendering = new Mutex();

/** Number, render and store one opinion; the same result however often it is retried. */
export async function issueOpinionDocument(deps: OpinionDeps, req: OpinionRequest): Promise<OpinionIssued> {
  const found = findCjkFont(deps.fonts);
  const font = { file: await loadFont(found.file), ...(found.face ? { face: found.face } : {}) };
  const year = beijingYear(req.at);
  const n = await deps.allocate({ jurisdiction: req.jurisdiction, department: req.department, year }, req.id);
  const number = documentNumber(deps.prefixes?.[req.jurisdiction]?.[req.department] ?? defaultNumberPrefix(req.issuer), year, n);
  // Rendering is synchronous work of about 130 ms: one at a time per process, so a burst of
  // decisions does not hold the worker's event loop (and its workflow tasks) for seconds.
  const pdf = await rendering.runExclusive(async () => {
    await new Promise((r) => setImmediate(r));
    return renderOpinionPdf(req, number, font);
  });
  const name = `${number}${req.kind}.pdf`;
  const record = await deps.store.ingest(
    Readable.from([pdf]),
    { id: opinionDocumentId(req), name, uploadedBy: req.issuer, projects: [req.projectId] },
    { maxBytes: Math.max(pdf.length, 1), types: ['pdf'] },
  );
  return { number, document: { id: record.id, sha256: record.sha256, name: record.name, size: record.size, type: record.type } };
}

/**
 * Allocation through the series' workflow (workflows/numbering.ts) on the worker's own client, from
 * inside the activity: the series is started the first time it is needed and found after. A series
 * that was closed (terminated by hand) is never started again, which would number from 1 twice: the
 * activity then fails, visibly, and retries until an operator decides.
 */
export async function allocateInTemporal(series: { jurisdiction: string; department: string; year: number }, ref: string): Promise<number> {
  const { client, info, cancellationSignal } = Context.current();
  const workflowId = numberingWorkflowId(series.jurisdiction, series.department, series.year);
  const input: NumberingInput = { series: workflowId };
  // The series runs on the same task queue: a worker shutting down (a stop, a new key set) serves
  // no more workflow tasks and cancels its activities, so the wait is abandoned, not held until the
  // activity's timeout; the next attempt asks again and gets the same number.
  // And never longer than ALLOCATION_DEADLINE_MS: a call to a stalled server is given up and the
  // activity's retry asks again (a healthy allocation takes milliseconds).
  const deadline = Date.now() + ALLOCATION_DEADLINE_MS;
  return client.withAbortSignal(cancellationSignal, () =>
    client.withDeadline(deadline, async () => {
      try {
        await client.workflow.start(NUMBERING_WORKFLOW, {
          workflowId,
          taskQueue: info.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      const handle = client.workflow.getHandle(workflowId);
      // A burst of decisions meets the server's limit of updates in flight per workflow (10 by
      // default) or an update aborted with a workflow task: asked again at once, briefly spread,
      // rather than failing the attempt into the activity's growing backoff.
      for (;;) {
        try {
          return await handle.executeUpdate(allocateUpdate, { args: [{ ref }], updateId: `allocate:${ref}` });
        } catch (err) {
          if (!busy(err) || Date.now() > deadline - 1_000 || cancellationSignal.aborted) throw err;
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 200));
        }
      }
    }),
  );
}

/** A refusal of the series' update that says "ask again": too many in flight, or aborted with its task. */
const busy = (err: unknown): boolean => {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/in-flight updates|update was aborted|ResourceExhausted/i.test(e.message)) return true;
  return false;
};

/** How long one allocation may wait for the series before the attempt fails and is retried. */
export const ALLOCATION_DEADLINE_MS = 20_000;
