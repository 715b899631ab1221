import { Identities, seedDevelopmentUsers } from '../../server/identity.js';
import { fixtures } from '../fixtures/index.js';

/**
 * An in-memory identity store with the development seed plus, per jurisdiction, an applicant of
 * the fixtures' unit (`<jurisdiction>.fixture-applicant`). Returns the store and a token lookup.
 */
export function testIdentities() {
  const identities = Identities.open();
  const tokens = new Map(seedDevelopmentUsers(identities).map(({ user, token }) => [user.id, token]));
  for (const [id, fixture] of Object.entries(fixtures)) {
    const unit = String(fixture.variants[0]!.applicantUnit);
    const user = identities.addUser({
      id: `${id}.fixture-applicant`,
      name: `${unit}经办人`,
      jurisdiction: id,
      department: 'applicant',
      unit,
      roles: ['applicant'],
    });
    tokens.set(user.id, identities.issueToken(user.id, 'test'));
  }
  /** `Authorization` header value for a user id. */
  const bearer = (userId: string) => {
    const token = tokens.get(userId);
    if (!token) throw new Error(`no test user ${userId}`);
    return `Bearer ${token}`;
  };
  return { identities, bearer };
}
