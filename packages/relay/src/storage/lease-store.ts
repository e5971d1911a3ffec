/**
 * Leases (issue 7): work that must run on exactly one node of a cluster at a time — polling one
 * social channel, holding one stream open — is guarded by a named lease in the database. A node
 * holds it while it keeps renewing it; when the node dies, the lease runs out and another node
 * takes it over. The fence counts takeovers, so a holder can tell that it lost the lease in
 * between (and stop) even if it was paused longer than the lease.
 *
 * Times are the nodes' own clocks (epoch ms): keep them in sync (NTP) to well under the TTL.
 */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
  /** Increases each time the lease changes hands, never on a renewal. */
  fence: number;
}

export interface LeaseStore {
  /**
   * Takes the lease for `holder` until `now + ttlMs` when it is free, expired or already theirs
   * (a renewal); null when another holder has it. Atomic across nodes.
   */
  acquire(name: string, holder: string, ttlMs: number, now: number): Promise<Lease | null>;
  /** Gives the lease up at once (clean shutdown), if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
  /** Who holds the lease now, if anyone. */
  current(name: string, now: number): Promise<Lease | null>;
}
