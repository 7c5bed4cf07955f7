import { Resolver } from 'node:dns/promises';

/**
 * An account proves it owns an e-mail domain the usual way: a TXT record the portal names, in the
 * domain's DNS. Only a verified domain routes sign-in to the account's provider, and only for a
 * verified domain does the portal believe the provider about who an address belongs to.
 */
export const verificationRecordName = (domain: string): string => `_licensing-portal.${domain}`;
export const verificationRecordValue = (token: string): string => `licensing-portal-verification=${token}`;

/** The TXT strings at `name` (each record's chunks joined); empty when there are none. */
export type TxtLookup = (name: string) => Promise<string[]>;

export function dnsTxtLookup(servers: string[] | undefined): TxtLookup {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers) resolver.setServers(servers);
  return async (name) => {
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
      throw error;
    }
  };
}

/** A domain as people type it after the @: lower case, no trailing dot, at least two labels. */
export function normalizeDomain(typed: string): string | null {
  const domain = typed.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  return new RegExp(`^(?:${label}\\.)+${label}$`).test(domain) && domain.length <= 253 ? domain : null;
}

export const domainOfEmail = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
