// An opinion rendered, numbered and stored (issue 21 item 4), on a real embedded store and Debian's
// Noto CJK font: the PDF reads as the document it is (text extracted by pdf.js, as a viewer would),
// and a retried activity stores the same bytes under the same id with the same 文号.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpinionRequest } from '../../contracts/messages.js';
import { documentNumber, issueOpinionDocument, NoCjkFont, opinionDocumentId, type OpinionDeps } from '../../activities/opinions.js';
import { LocalDocumentStore } from '../../documents/store.js';
import { pdfText, sha256 } from '../helpers/documents.js';

const request: OpinionRequest = {
  id: 'weishan-20261123-00000003#2/opinion',
  projectId: 'weishan-20261123-00000003',
  jurisdiction: 'weishan',
  jurisdictionName: '微山县',
  regulation: '微山县政务信息化项目建设管理办法',
  chartVersion: 3,
  for: 2,
  entryHash: 'f'.repeat(64),
  kind: '评审意见',
  task: 'requirementsReview',
  taskTitle: '需求评审',
  action: 'return',
  actionLabel: '退回修改',
  department: 'bigData',
  departmentName: '县大数据局',
  issuer: '微山县大数据局',
  actor: '县大数据局审核员',
  comment: '请补充建设必要性论证，并说明与已建系统的整合关系。',
  article: '微山 第六条',
  at: '2026-11-23T06:30:00.000Z',
  project: { title: '智慧城管平台升级', applicantUnit: '微山县综合行政执法局' },
};

const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

let dir: string;
const blobs = () => readdirSync(path.join(dir, 'blobs')).flatMap((d) => readdirSync(path.join(dir, 'blobs', d)));
let store: LocalDocumentStore;
let allocations: string[];
const deps = (over: Partial<OpinionDeps> = {}): OpinionDeps => ({
  // A series that gives each new ref the next number, as the numbering workflow does.
  allocate: async (series, ref) => {
    const key = `${series.jurisdiction}/${series.department}/${series.year}/${ref}`;
    if (!allocations.includes(key)) allocations.push(key);
    return allocations.indexOf(key) + 1;
  },
  store,
  ...over,
});

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'opinions-'));
  store = new LocalDocumentStore(dir);
  allocations = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('an opinion issued as a PDF', () => {
  it('reads as the department’s 评审意见: issuer, 文号, title, project, decision, grounds and the record it comes from', async () => {
    const issued = await issueOpinionDocument(deps(), request);
    expect(issued.number).toBe('微山县大数据局〔2026〕1号');
    expect(issued.document).toMatchObject({ id: opinionDocumentId(request), name: '微山县大数据局〔2026〕1号评审意见.pdf', type: 'application/pdf' });
    const record = (await store.record(issued.document.id))!;
    expect(record.projects).toEqual([request.projectId]);
    const bytes = await readAll(await store.open(record));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(bytes)).toBe(issued.document.sha256);
    const text = (await pdfText(bytes)).replace(/\s+/g, '');
    for (const expected of [
      '微山县大数据局',
      '微山县大数据局〔2026〕1号',
      '关于“智慧城管平台升级”需求评审的评审意见',
      '申报单位：微山县综合行政执法局',
      '办理结果：退回修改',
      '依据：《微山县政务信息化项目建设管理办法》第六条',
      '请补充建设必要性论证，并说明与已建系统的整合关系。',
      '2026年11月23日',
      '14:30（北京时间）',
    ])
      expect(text).toContain(expected.replace(/\s+/g, ''));
  });

  it('is the same document when the activity is retried: same 文号, same bytes, same id, nothing new stored', async () => {
    const first = await issueOpinionDocument(deps(), request);
    const stored = blobs();
    const again = await issueOpinionDocument(deps(), request);
    expect(again).toEqual(first);
    expect(blobs()).toEqual(stored);
    expect(stored).toHaveLength(1);
    const other = await issueOpinionDocument(deps(), { ...request, id: 'weishan-20261123-00000004#2/opinion', projectId: 'weishan-20261123-00000004' });
    expect(other.number).toBe('微山县大数据局〔2026〕2号');
    expect(other.document.id).not.toBe(first.document.id);
  });

  it('numbers in the configured 机关代字 and the Beijing year of the decision', async () => {
    // 2026-12-31 17:00 UTC is 2027-01-01 in Beijing: the 2027 series.
    const issued = await issueOpinionDocument(deps({ prefixes: { weishan: { bigData: '微大数' } } }), { ...request, at: '2026-12-31T17:00:00.000Z' });
    expect(issued.number).toBe(documentNumber('微大数', 2027, 1));
    expect(allocations).toEqual([`weishan/bigData/2027/${request.id}`]);
  });

  it('waits, saying which font to install, when no Chinese font is found — and takes no number', async () => {
    const missing = deps({ fonts: [{ file: path.join(dir, 'no-such-font.ttc') }] });
    await expect(issueOpinionDocument(missing, request)).rejects.toThrow(NoCjkFont);
    await expect(issueOpinionDocument(missing, request)).rejects.toThrow(/fonts-noto-cjk/);
    expect(allocations).toEqual([]);
  });
});
