/**
 * Leases over Kysely with one upsert: insert the lease, or, on conflict, take it over only where
 * it is expired or already ours. Postgres evaluates that condition on the row it locked, so of
 * two nodes racing for an expired lease one gets it; SQLite has one writer. Both dialects take
 * `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { Lease, LeaseStore } from '../lease-store.js';

export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(name: string, holder: string, ttlMs: number, now: number): Promise<Lease | null> {
    const expiresAt = now + ttlMs;
    const row = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: expiresAt, fence: 1, acquired_at: now })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder,
            expires_at: expiresAt,
            // A renewal keeps the fence; a takeover (even after our own lease ran out) moves it.
            fence: eb
              .case()
              .when(eb.and([eb('leases.holder', '=', holder), eb('leases.expires_at', '>', now)]))
              .then(eb.ref('leases.fence'))
              .else(eb('leases.fence', '+', 1))
              .end(),
            acquired_at: eb
              .case()
              .when(eb.and([eb('leases.holder', '=', holder), eb('leases.expires_at', '>', now)]))
              .then(eb.ref('leases.acquired_at'))
              .else(now)
              .end(),
          }))
          .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<=', now)])),
      )
      .returning(['name', 'holder', 'expires_at', 'fence'])
      .executeTakeFirst();
    return row ? toLease(row) : null;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }

  async current(name: string, now: number): Promise<Lease | null> {
    const row = await this.db
      .selectFrom('leases')
      .select(['name', 'holder', 'expires_at', 'fence'])
      .where('name', '=', name)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? toLease(row) : null;
  }
}

function toLease(row: { name: string; holder: string; expires_at: number; fence: number }): Lease {
  return { name: row.name, holder: row.holder, expiresAt: Number(row.expires_at), fence: Number(row.fence) };
}
