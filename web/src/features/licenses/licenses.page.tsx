import { Button, Group, Stack, Switch, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../components/load-more';
import { PageLayout } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { canOperateLicenses, isAccountAdmin } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { BulkEditModal } from './bulk-edit-modal';
import { ColumnChooser } from './column-chooser';
import { CustomFieldModal } from './custom-field-form';
import { ImportValuesModal } from './import-values-modal';
import { LicenseCharts } from './license-charts';
import { LicenseDrawer } from './license-drawer';
import { LicenseFilterBar } from './license-filter-bar';
import { activeFilters, queryFromParams } from './license-query';
import { DEFAULT_HIDDEN, LicenseTable, OPTIONAL_COLUMNS } from './license-table';
import { exportUrl, type LicenseItem, type LicenseQuery } from './licenses.api';
import { useCustomFields, useLicenses, useLicenseSummary } from './licenses.hooks';
import { SavedViewsMenu } from './saved-views-menu';

type OpenModal = 'bulk' | 'field' | 'import' | null;

/** Manage My Licenses (SPEC §7): every license of the account, and those shared with you, in one list. */
export function LicensesPage() {
  const account = useCurrentAccount();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  // A change applies to the address as it is now, not as this render saw it: the router commits a
  // new address in a transition, so a filter set right after another would otherwise undo it.
  const setQuery = (change: LicenseQuery | ((current: LicenseQuery) => LicenseQuery)) => {
    const next = typeof change === 'function' ? change(queryFromParams(new URLSearchParams(window.location.search))) : change;
    setParams(new URLSearchParams(next), { replace: true });
  };
  const licenses = useLicenses(account.id, query);
  const fields = useCustomFields(account.id);
  const products = useLicenseSummary(account.id, {});
  const [hidden, setHidden] = useState<string[]>(DEFAULT_HIDDEN);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [opened, setOpened] = useState<LicenseItem | null>(null);
  const [modal, setModal] = useState<OpenModal>(null);
  const [showCharts, setShowCharts] = useState(true);
  const canOperate = canOperateLicenses(account);
  const isAdmin = isAccountAdmin(account);
  const canEdit = (license: LicenseItem) => (license.shared ? license.shared.permission === 'manage' : canOperate);
  const fieldList = fields.data ?? [];
  const columns = [...OPTIONAL_COLUMNS, ...fieldList.map((f) => ({ id: `field.${f.name}`, label: f.label }))];

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <PageLayout
      title="Manage My Licenses"
      description="Search, filter and sort every license of this account and those shared with you; keep your own fields on each, share them, and export the list."
      actions={
        <>
          <ColumnChooser columns={columns} hidden={hidden} onChange={setHidden} />
          <SavedViewsMenu accountId={account.id} query={query} hidden={hidden} onApply={(view) => (setQuery(view.query), setHidden(view.hiddenColumns))} />
          <Button component="a" variant="default" href={exportUrl(account.id, query)} download>
            Export CSV
          </Button>
          {canOperate ? (
            <Button variant="default" onClick={() => setModal('import')}>
              Import values
            </Button>
          ) : null}
          {isAdmin ? (
            <Button variant="default" onClick={() => setModal('field')}>
              New field
            </Button>
          ) : null}
        </>
      }
    >
      <LicenseFilterBar query={query} onChange={(q) => (setQuery(q), setSelected(new Set()))} fields={fieldList} products={products.data?.byProduct ?? []} />
      <Switch label="Show charts" checked={showCharts} onChange={(e) => setShowCharts(e.currentTarget.checked)} />
      {showCharts ? <LicenseCharts accountId={account.id} query={query} /> : null}
      {selected.size > 0 ? (
        <Group gap="sm" role="region" aria-label="Selection">
          <Text size="sm">{selected.size} selected</Text>
          {canOperate && fieldList.length > 0 ? (
            <Button size="xs" onClick={() => setModal('bulk')}>
              Set a custom value…
            </Button>
          ) : null}
          <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </Group>
      ) : null}
      <QueryState query={licenses.query} loadingLabel="Loading licenses…">
        {() =>
          licenses.items.length === 0 ? (
            <EmptyState title={activeFilters(query).length > 0 ? 'No license matches these filters' : 'No licenses yet'}>
              {activeFilters(query).length > 0 ? 'Change or clear the filters.' : 'Licenses you receive through Get a Key appear here.'}
            </EmptyState>
          ) : (
            <Stack gap="sm" aria-busy={licenses.isStale} style={{ opacity: licenses.isStale ? 0.6 : 1, transition: 'opacity 150ms' }}>
              {licenses.isStale ? <VisuallyHidden role="status">Updating the list…</VisuallyHidden> : null}
              <LicenseTable accountId={account.id} items={licenses.items} fields={fieldList} hidden={hidden} selected={selected} onSelect={select} onOpen={setOpened} canEdit={canEdit} />
              <LoadMore list={licenses} />
            </Stack>
          )
        }
      </QueryState>
      {opened ? <LicenseDrawer key={opened.id} accountId={account.id} license={licenses.items.find((i) => i.id === opened.id) ?? opened} fields={fieldList} canEdit={canEdit(opened)} canShare={isAdmin} onClose={() => setOpened(null)} /> : null}
      {modal === 'bulk' ? <BulkEditModal accountId={account.id} licenses={licenses.items.filter((l) => selected.has(l.id))} fields={fieldList} onClose={() => setModal(null)} /> : null}
      {modal === 'field' ? <CustomFieldModal accountId={account.id} onClose={() => setModal(null)} /> : null}
      {modal === 'import' ? <ImportValuesModal accountId={account.id} onClose={() => setModal(null)} /> : null}
    </PageLayout>
  );
}
