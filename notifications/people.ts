/**
 * Who notices reach, as the dispatcher needs them: the users of the identity store with their
 * contact points and preference. The store is the API's (server/identity.ts); the worker only reads
 * the file, again whenever it changed, so a user's new address or preference counts for the next
 * notice without a restart.
 */
import { readFileSync, statSync } from 'node:fs';

/** A user as a notice addresses them (a structural subset of server/identity.ts User). */
export interface Person {
  id: string;
  name: string;
  jurisdiction: string;
  department: string;
  unit?: string;
  email?: string;
  mobile?: string;
  imUserId?: string;
  notify?: 'immediate' | 'digest' | 'inApp';
}

/** The users of an identity file as they are now; none while it does not exist, the last good read while it is being replaced. */
export function followPeople(file: string): () => readonly Person[] {
  let stamp = '';
  let people: readonly Person[] = [];
  return () => {
    let now = '';
    try {
      const st = statSync(file);
      now = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return (people = []);
    }
    if (now === stamp) return people;
    try {
      const users = (JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown }).users;
      if (Array.isArray(users)) people = users.filter((u): u is Person => typeof u?.id === 'string' && typeof u?.department === 'string');
      stamp = now;
    } catch {
      // being written: keep the last good read and look again next time
    }
    return people;
  };
}
