/**
 * Append-only JSON-lines files in the data folder: the outbox's notices, delivery states, read marks.
 * Each file has one writing process (a worker writes its own, `-<writer>` in the name); any process
 * reads them all by following what was appended since it last looked.
 */
import { appendFile, mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Append one record as a line; a line cut short by a crash before it is ignored by readers (its line is started afresh). */
export async function appendLine(file: string, record: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(record)}\n`, 'utf8');
}

/** Append several records at once, in one write. */
export async function appendLines(file: string, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
}

/** Every complete record of one file (none when it does not exist); a line cut short by a crash is skipped. */
export async function readLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
  return parseLines<T>(text);
}

function parseLines<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // cut short by a crash mid-write
    }
  }
  return out;
}

/** The file a writer appends to: `<stem>.jsonl` for the default writer, `<stem>-<writer>.jsonl` for others. */
export const writerFile = (dir: string, stem: string, writer: string) =>
  path.join(dir, writer === 'worker' ? `${stem}.jsonl` : `${stem}-${writer.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`);

/**
 * Follows every `<stem>.jsonl` and `<stem>-*.jsonl` in a folder: each poll returns the complete lines
 * appended since the last, parsed; a line not yet ended waits for its end, a line that is not JSON
 * (cut short by a crash, then followed by a new line) is skipped.
 */
export class JsonlFollower<T> {
  private readonly offsets = new Map<string, { ino: number; offset: number; rest: Buffer }>();

  constructor(
    private readonly dir: string,
    private readonly stem: string,
  ) {}

  async poll(): Promise<T[]> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
    const files = names.filter((n) => n === `${this.stem}.jsonl` || (n.startsWith(`${this.stem}-`) && n.endsWith('.jsonl'))).sort();
    const out: T[] = [];
    for (const name of files) {
      const file = path.join(this.dir, name);
      const st = await stat(file).catch(() => undefined);
      if (!st) continue;
      let at = this.offsets.get(file);
      // A file replaced or cut (an operator's compaction) is read again from its start.
      if (!at || at.ino !== st.ino || st.size < at.offset) at = { ino: st.ino, offset: 0, rest: Buffer.alloc(0) };
      if (st.size > at.offset) {
        const fh = await open(file, 'r');
        try {
          const buf = Buffer.alloc(st.size - at.offset);
          const { bytesRead } = await fh.read(buf, 0, buf.length, at.offset);
          at.offset += bytesRead;
          // Split on the last complete line in bytes, so a character half written stays whole for the next poll.
          const bytes = Buffer.concat([at.rest, buf.subarray(0, bytesRead)]);
          const end = bytes.lastIndexOf(0x0a);
          at.rest = Buffer.from(bytes.subarray(end + 1));
          for (const line of bytes
            .subarray(0, end + 1)
            .toString('utf8')
            .split('\n')) {
            if (!line) continue;
            try {
              out.push(JSON.parse(line) as T);
            } catch {
              // cut short by a crash mid-write
            }
          }
        } finally {
          await fh.close();
        }
      }
      this.offsets.set(file, at);
    }
    return out;
  }
}
