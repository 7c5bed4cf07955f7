import { sql } from 'kysely';
import { compiledOnce } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';

export interface WindowCount {
  count: number;
  resetAt: string;
}

// Compiled once: checked on every Get a Key request, for the token and for the address.
const selectWindow = compiledOnce((db: Db, key: string, now: string) =>
  db.selectFrom('rate_limits').select(['points', 'expires_at']).where('key', '=', key).where('expires_at', '>', now),
);

export const rateLimitsRepository = {
  /**
   * Adds `points` to a fixed window in one statement (an upsert), so concurrent hits from
   * several instances are all counted. A window that has ended starts over.
   */
  async hit(db: Db, key: string, points: number, now: string, windowEndsAt: string): Promise<WindowCount> {
    const { rows } = await sql<{ points: number; expires_at: string }>`
      insert into rate_limits (key, points, expires_at) values (${key}, ${points}, ${windowEndsAt})
      on conflict (key) do update set
        points = case when rate_limits.expires_at <= ${now} then ${points} else rate_limits.points + ${points} end,
        expires_at = case when rate_limits.expires_at <= ${now} then ${windowEndsAt} else rate_limits.expires_at end
      returning points, expires_at`.execute(db);
    const row = rows[0]!;
    return { count: Number(row.points), resetAt: row.expires_at };
  },

  async peek(db: Db, key: string, now: string): Promise<WindowCount | undefined> {
    const [row] = (await selectWindow(db, key, now)).rows;
    return row ? { count: row.points, resetAt: row.expires_at } : undefined;
  },

  async reset(db: Db, key: string): Promise<void> {
    await db.deleteFrom('rate_limits').where('key', '=', key).execute();
  },

  async purgeExpired(db: Db, now: string): Promise<number> {
    const r = await db.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
