/**
 * What a file is, decided by its bytes (issue 21 item 2): the type by content with `file-type`, OFD
 * (GB/T 33190, a ZIP holding OFD.xml) recognised here, the name's extension held against the
 * content, and files cut short refused by the end each format must have.
 */
import { fileTypeFromBuffer } from 'file-type';

/** The types an upload may have, by the name the configuration uses. */
export const DOCUMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  ofd: { mime: 'application/ofd', extensions: ['ofd'], label: 'OFD' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word（DOCX）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel（XLSX）' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG' },
  zip: { mime: 'application/zip', extensions: ['zip'], label: 'ZIP' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_NAMES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

/** How much of a file's start and end is kept to decide (the end of a ZIP's directory may sit 64 KiB before its end). */
export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 64 * 1024 + 22;

/** What the bytes are, or why they are refused. */
export type Sniffed = { ok: true; type: DocumentType; mime: string } | { ok: false; status: 400 | 415; rule: string; message: string };

const allowedLabel = (allowed: readonly string[]) => allowed.map((t) => (t in DOCUMENT_TYPES ? DOCUMENT_TYPES[t as DocumentType].label : t)).join('、');

/** The names of the ZIP entries whose local headers lie in the file's first bytes. */
function zipEntries(head: Buffer): string[] {
  const names: string[] = [];
  for (let i = head.indexOf('PK\x03\x04', 0, 'latin1'); i >= 0 && i + 30 <= head.length; i = head.indexOf('PK\x03\x04', i + 4, 'latin1')) {
    const nameLength = head.readUInt16LE(i + 26);
    names.push(head.subarray(i + 30, i + 30 + nameLength).toString('utf8'));
  }
  return names;
}

/**
 * What a ZIP holds: OFD when it names OFD.xml (the OFD standard's entry file), DOCX or XLSX by their
 * parts when file-type saw only a ZIP in the first bytes, else a plain ZIP.
 */
function zipKind(head: Buffer): DocumentType {
  const names = zipEntries(head);
  if (names.some((n) => n === 'OFD.xml' || n.endsWith('/OFD.xml'))) return 'ofd';
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return 'zip';
}

/** Whether the file ends as its format must: a file cut short does not. */
function complete(type: DocumentType, tail: Buffer): boolean {
  switch (type) {
    case 'pdf':
      return tail.subarray(-1024).includes('%%EOF', 0, 'latin1');
    case 'png':
      return tail.subarray(-12).includes('IEND', 0, 'latin1');
    case 'jpeg': {
      const end = tail.subarray(-32);
      return end.includes(Buffer.from([0xff, 0xd9]));
    }
    default:
      // ZIP, OFD, DOCX, XLSX: the end of central directory record.
      return tail.includes('PK\x05\x06', 0, 'latin1');
  }
}

/** The type of a file from its first and last bytes, held against its name and the allowed types. */
export async function sniff(name: string, head: Buffer, tail: Buffer, allowed: readonly string[]): Promise<Sniffed> {
  const detected = await fileTypeFromBuffer(head);
  let type: DocumentType | undefined;
  if (detected?.mime === 'application/zip' || detected?.ext === 'zip') type = zipKind(head);
  else type = (Object.keys(DOCUMENT_TYPES) as DocumentType[]).find((t) => DOCUMENT_TYPES[t].mime === detected?.mime);
  if (!type) {
    return {
      ok: false,
      status: 415,
      rule: 'type',
      message: `文件类型${detected ? `（${detected.ext}）` : ''}不在允许之列：只接受 ${allowedLabel(allowed)}`,
    };
  }
  if (!allowed.includes(type))
    return { ok: false, status: 415, rule: 'type', message: `不接受 ${DOCUMENT_TYPES[type].label} 文件：只接受 ${allowedLabel(allowed)}` };
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== undefined && !(DOCUMENT_TYPES[type].extensions as readonly string[]).includes(ext))
    return { ok: false, status: 415, rule: 'extension', message: `文件名为 .${ext}，内容却是 ${DOCUMENT_TYPES[type].label}：扩展名与内容不符` };
  if (!complete(type, tail))
    return { ok: false, status: 400, rule: 'truncated', message: `${DOCUMENT_TYPES[type].label} 文件不完整（可能上传中断或文件已损坏）` };
  return { ok: true, type, mime: DOCUMENT_TYPES[type].mime };
}

/** A file name for display: control and direction characters removed, at most 255 characters; never a path. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return (clean || '未命名文件').slice(0, 255);
}
