/**
 * The data folder holds the projects' Temporal database, users' token hashes, signing keys and
 * sessions' secrets: readable by the product's own account only (等保 2.0 三级 访问控制; issue 20
 * item 7). The folder and every folder below it get 0700, every file 0600.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Create the folder (0700) if missing, and restrict it and everything in it to the owner. */
export function secureDataFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir);
}

function restrict(p: string): void {
  try {
    // lstat: a symbolic link is not followed out of the folder.
    const st = lstatSync(p);
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(p, 0o700);
      for (const name of readdirSync(p)) restrict(path.join(p, name));
    } else if (st.isFile() && (st.mode & 0o777) !== 0o600) {
      chmodSync(p, 0o600);
    }
  } catch (err) {
    // Removed meanwhile (SQLite's journal files come and go).
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
