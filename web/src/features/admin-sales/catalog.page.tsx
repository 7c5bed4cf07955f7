import { Button, Checkbox, Group, NumberInput, Paper, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { PageLayout, PageSection } from '../../components/page-layout';
import { PagedTable } from '../../components/paged-table';
import type { TProductCreate } from '../../../../src/contracts/catalog';
import { useCreateProduct, useProducts, type Product } from './sales.api';

const column = createColumnHelper<Product>();
const columns = [
  column.accessor('sku', { header: 'SKU' }),
  column.accessor('name', { header: 'Name' }),
  column.accessor('productLine', { header: 'Product line' }),
  column.accessor('version', { header: 'Version' }),
  column.accessor('licenseModel', { header: 'Model' }),
  column.accessor('unit', { header: 'Unit' }),
  column.accessor('nodeLocked', { header: 'Node-locked', cell: (i) => (i.getValue() ? `yes (${i.row.original.rehostsPerYear} re-hosts/yr)` : 'no') }),
];

const EMPTY: TProductCreate = { sku: '', name: '', productLine: '', version: '', licenseModel: 'perpetual', unit: 'server', features: [], nodeLocked: false, rehostsPerYear: 0 };

/** The vendor's catalog (SPEC §3): what orders can sell. */
export function AdminCatalogPage() {
  const products = useProducts();
  const create = useCreateProduct();
  const [draft, setDraft] = useState<TProductCreate>(EMPTY);
  const set = <K extends keyof TProductCreate>(key: K, value: TProductCreate[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(draft, { onSuccess: () => setDraft(EMPTY) });
  };
  return (
    <PageLayout title="Catalog" description="Products that orders sell and certificates list.">
      <Paper withBorder p="md">
        <PageSection title="New product">
          <form onSubmit={submit} aria-label="Create a product">
            <Stack gap="sm">
              <Group grow align="flex-start">
                <TextInput label="SKU" required value={draft.sku} onChange={(e) => set('sku', e.currentTarget.value)} error={errors.sku} />
                <TextInput label="Product name" required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
              </Group>
              <Group grow align="flex-start">
                <TextInput label="Product line" required value={draft.productLine} onChange={(e) => set('productLine', e.currentTarget.value)} error={errors.productLine} />
                <TextInput label="Version" required value={draft.version} onChange={(e) => set('version', e.currentTarget.value)} error={errors.version} />
                <Select label="License model" data={['perpetual', 'subscription']} value={draft.licenseModel} allowDeselect={false} onChange={(v) => v && set('licenseModel', v as TProductCreate['licenseModel'])} />
                <Select label="Unit" data={['server', 'socket', 'TB', 'user']} value={draft.unit} allowDeselect={false} onChange={(v) => v && set('unit', v as TProductCreate['unit'])} />
              </Group>
              <TagsInput label="Features" value={draft.features ?? []} onChange={(v) => set('features', v)} error={errors.features} />
              <Group align="flex-end">
                <Checkbox label="Node-locked to a host ID" checked={draft.nodeLocked ?? false} onChange={(e) => set('nodeLocked', e.currentTarget.checked)} />
                <NumberInput label="Re-hosts per year" min={0} max={1000} w={180} value={draft.rehostsPerYear ?? 0} onChange={(v) => set('rehostsPerYear', Number(v) || 0)} disabled={!draft.nodeLocked} />
              </Group>
              {Object.keys(errors).length ? null : <FormError error={create.error} />}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Create product
                </Button>
              </Group>
            </Stack>
          </form>
        </PageSection>
      </Paper>
      <PageSection title="Products">
        <PagedTable list={products} caption="Products" columns={columns} getRowId={(p) => p.id} loadingLabel="Loading products…" emptyTitle="No products yet" />
      </PageSection>
    </PageLayout>
  );
}
