import type { TRole } from '../../../contracts/common.js';

/** How a signed-in user reaches an account: as a member, or as a partner acting for a customer. */
export interface AccountGrant {
  role: TRole;
  via: 'membership' | 'delegation';
  /** For `delegation`: the partner account the user belongs to. */
  partnerAccountId?: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      /** Staff of the vendor account: `admin` runs the portal, `support` reads every account. */
      vendorRole: 'admin' | 'support' | null;
      vendorAccountId: string | null;
      grants: ReadonlyMap<string, AccountGrant>;
      sessionIdHash: string | null;
    }
  | { kind: 'token'; tokenId: string; tokenName: string; accountId: string; role: TRole }
  /** The worker and the command line: trusted, recorded as `system`. */
  | { kind: 'system'; label: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (label = 'system'): Actor => ({ kind: 'system', label });

/** What the audit log records as "who". */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.email;
    case 'token':
      return `token:${actor.tokenName}`;
    case 'system':
      return actor.label;
    default:
      return 'anonymous';
  }
}

/** Everything a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
}
