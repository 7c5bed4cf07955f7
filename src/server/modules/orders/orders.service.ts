import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, validationFailed } from '../../http/app-error.js';
import type { TErrorDetail } from '../../../contracts/errors.js';
import type { TOrder, TOrderCreate, TOrderCreated } from '../../../contracts/orders.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { DelegationsService } from '../accounts/delegations.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { CertificatesService } from './certificates.service.js';
import { checkOrderLine, insertOrderPlans, planOrder, type OrderPlan } from './order-plan.js';
import { ordersRepository } from './orders.repository.js';

export interface OrdersDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  delegations: DelegationsService;
  certificates: CertificatesService;
}

/** Orders (SPEC §3, §13): recording one issues its certificate, serial numbers and maintenance contracts. */
export class OrdersService {
  constructor(private readonly deps: OrdersDeps) {}

  async createOrder(ctx: RequestContext, input: TOrderCreate): Promise<TOrderCreated> {
    authorize(ctx.actor, 'vendor.write');
    const { store, clock, certificates } = this.deps;
    return store.transaction(async (tx) => {
      const products = await catalogRepository.productsBySku(tx, input.lines.map((l) => l.productSku));
      const faults = await checkParties(tx, input.accountId, input.partnerAccountId);
      input.lines.forEach((line, i) => faults.push(...checkOrderLine(line, products.get(line.productSku), (name) => `lines.${i}.${name}`)));
      if (faults.length) throw validationFailed(faults);
      if (input.reference) {
        const existing = (await ordersRepository.existingReferences(tx, [input.reference])).get(input.reference);
        if (existing) throw new AppError('conflict', `order ${existing} has the reference ${input.reference} already`);
      }
      if (input.partnerAccountId) await this.deps.delegations.record(tx, ctx, input.accountId, input.partnerAccountId, 'order');
      const plan = planOrder(
        {
          accountId: input.accountId,
          partnerAccountId: input.partnerAccountId ?? null,
          reference: input.reference ?? null,
          source: 'api',
          lines: input.lines.map((l) => ({ product: products.get(l.productSku)!, quantity: l.quantity, maintenance: l.maintenance ?? null, keyOnCertificate: l.keyOnCertificate ?? false })),
        },
        clock.now(),
        { mailed: true },
      );
      await insertOrderPlans(tx, [plan]);
      await this.recordCreated(tx, ctx, [plan]);
      const [certificate] = await certificates.views(tx, [(await ordersRepository.findCertificate(tx, plan.certificate.id))!]);
      await certificates.mail(tx, certificate!, true);
      return { id: plan.order.id, certificate: certificate! };
    });
  }

  async listOrders(ctx: RequestContext, opts: { accountId?: string | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'vendor.read');
    const rows = await ordersRepository.listOrders(this.deps.store.db, { accountId: opts.accountId, before: opts.cursor, limit: opts.limit + 1 });
    const items: TOrder[] = rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountName: r.account_name,
      partnerAccountId: r.partner_account_id,
      reference: r.reference,
      source: r.source,
      certificateId: r.certificate_id,
      lineCount: Number(r.line_count ?? 0),
      createdAt: r.created_at,
    }));
    return pageOf(items, opts.limit, (o) => o.id);
  }

  /** The audit entries of recorded orders (one each): what the certificate holds, never a license key. */
  async recordCreated(tx: Db, ctx: RequestContext, plans: OrderPlan[]): Promise<void> {
    await this.deps.audit.recordMany(
      tx,
      ctx,
      plans.map((plan) => ({
        action: 'order.created',
        accountId: plan.order.account_id,
        targetType: 'order',
        targetId: plan.order.id,
        data: {
          source: plan.order.source,
          reference: plan.order.reference,
          partnerAccountId: plan.order.partner_account_id,
          certificateId: plan.certificate.id,
          serialNumbers: plan.entitlements.map((e) => e.serial_number),
          maintenanceSerialNumbers: plan.contracts.map((c) => c.serial_number),
        },
      })),
    );
  }
}

/** The order's customer must be a customer account, and its partner (if any) a partner account. */
export async function checkParties(db: Db, accountId: string, partnerAccountId: string | null | undefined, field = (name: string) => name): Promise<TErrorDetail[]> {
  const accounts = await accountsRepository.namesOf(db, partnerAccountId ? [accountId, partnerAccountId] : [accountId]);
  const faults: TErrorDetail[] = [];
  if (accounts.get(accountId)?.kind !== 'customer') faults.push({ field: field('accountId'), message: 'no customer account with this id' });
  if (partnerAccountId && accounts.get(partnerAccountId)?.kind !== 'partner') faults.push({ field: field('partnerAccountId'), message: 'no partner account with this id' });
  return faults;
}
