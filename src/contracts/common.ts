import { z } from 'zod';

/** Every list answers `{items, nextCursor}`; `nextCursor` is null on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ZPageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const ZTimestamp = z.string().describe('UTC timestamp, ISO 8601 with Z');
export const ZCalendarDate = z.iso.date().describe('calendar date, YYYY-MM-DD');

export const ZAccountKind = z.enum(['vendor', 'customer', 'partner', 'oem']);
export type TAccountKind = z.infer<typeof ZAccountKind>;

/** Roles in an account: `admin`/`member`/`viewer` for customers, partners and OEMs; `admin`/`support` at the vendor. */
export const ZRole = z.enum(['admin', 'member', 'viewer', 'support']);
export type TRole = z.infer<typeof ZRole>;

export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((e) => e.toLowerCase());

export const ZIdParam = z.string().min(1).max(100);
export const ZAccountParams = z.object({ accountId: ZIdParam });
