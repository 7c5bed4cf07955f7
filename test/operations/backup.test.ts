import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase } from '../../src/server/db/database.js';
import { backupSqlite, checkIntegrity, restoreSqlite } from '../../src/server/operations/backup.js';
import { factories } from '../harness/factories.js';
import { startTestPortal, type TestPortal } from '../harness/portal.js';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal('sqlite');
});
afterAll(() => portal.close());

it('backs up the embedded database under write load, and the restored copy is whole', async () => {
  const f = factories(portal);
  for (let i = 0; i < 50; i++) await f.account('customer', `Before ${i}`);
  let writing = true;
  let written = 0;
  const writer = (async () => {
    while (writing) {
      await f.account('customer', `During ${written++}`);
      // the embedded driver resolves on the microtask queue; let the backup's steps run between writes
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const dir = mkdtempSync(join(tmpdir(), 'lp-backup-'));
  const report = await backupSqlite(portal.database.url, join(dir, 'backup.db'));
  writing = false;
  await writer;
  expect(written).toBeGreaterThan(0);
  expect(report.integrity).toBe('ok');

  const restoredUrl = `sqlite:${join(dir, 'restored', 'portal.db')}`;
  restoreSqlite(restoredUrl, report.file);
  expect(checkIntegrity(join(dir, 'restored', 'portal.db'))).toBe('ok');
  const restored = createDatabase({ url: restoredUrl });
  try {
    const names = (await restored.db.selectFrom('accounts').select('name').execute()).map((r) => r.name);
    for (let i = 0; i < 50; i++) expect(names).toContain(`Before ${i}`);
    // every account in the copy is whole: its creation is in the audit log of the same snapshot
    const audited = await restored.db.selectFrom('audit_log').select('target_id').where('action', '=', 'account.created').execute();
    const ids = await restored.db.selectFrom('accounts').select('id').where('kind', '!=', 'vendor').execute();
    expect(new Set(audited.map((a) => a.target_id))).toEqual(new Set(ids.map((a) => a.id)));
  } finally {
    await restored.close();
  }
});
