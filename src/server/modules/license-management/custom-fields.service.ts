import type { TCustomField, TCustomFieldCreate } from '../../../contracts/license-management.js';
import type { Store } from '../../db/store.js';
import { AppError } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { customFieldsRepository } from './custom-fields.repository.js';
import type { FieldDefinition } from './custom-value-rules.js';
import type { CustomFieldsTable } from './license-management.table.js';

/** An account keeps its list of fields short enough to show as columns. */
export const MAX_FIELDS_PER_ACCOUNT = 50;

/** Custom user-defined data: each account defines its own fields (SPEC §7). */
export class CustomFieldsService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog }) {}

  async list(ctx: RequestContext, accountId: string): Promise<{ items: TCustomField[]; nextCursor: null }> {
    authorize(ctx.actor, 'account.read', accountId);
    const rows = await customFieldsRepository.listFields(this.deps.store.db, accountId);
    return { items: rows.map(toCustomField), nextCursor: null };
  }

  async create(ctx: RequestContext, accountId: string, input: TCustomFieldCreate): Promise<TCustomField> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    return this.deps.store.transaction(async (tx) => {
      if ((await customFieldsRepository.countFields(tx, accountId)) >= MAX_FIELDS_PER_ACCOUNT) {
        throw new AppError('conflict', `an account has at most ${MAX_FIELDS_PER_ACCOUNT} custom fields`);
      }
      const now = this.deps.clock.now();
      const row: CustomFieldsTable = {
        id: newId('customField', now),
        account_id: accountId,
        name: input.name,
        label: input.label ?? input.name,
        type: input.type,
        choices: input.choices ? JSON.stringify(input.choices) : null,
        required: input.required ? 1 : 0,
        created_at: now.toISOString(),
      };
      if (!(await customFieldsRepository.insertField(tx, row))) throw new AppError('conflict', `a custom field named ${input.name} exists already`);
      await this.deps.audit.record(tx, ctx, {
        action: 'custom_field.created',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'custom_field',
        targetId: row.id,
        data: { name: row.name, type: row.type, required: input.required, choices: input.choices ?? null },
      });
      return toCustomField(row);
    });
  }
}

export function fieldDefinitionOf(row: CustomFieldsTable): FieldDefinition {
  return { id: row.id, name: row.name, type: row.type, choices: row.choices ? (JSON.parse(row.choices) as string[]) : null, required: row.required === 1 };
}

function toCustomField(row: CustomFieldsTable): TCustomField {
  const def = fieldDefinitionOf(row);
  return { id: row.id, name: row.name, label: row.label, type: row.type, choices: def.choices, required: def.required, createdAt: row.created_at };
}
