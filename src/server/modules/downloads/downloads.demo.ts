import { Readable } from 'node:stream';
import type { DemoExtension } from '../../demo/extensions.js';
import { downloadsRepository as repo } from './downloads.repository.js';

/**
 * SPEC §15: one release with a downloadable file, for a product Acme holds a license for (so
 * Alice sees it on the FileConnect page). Runs after the demo that issues Acme's licenses.
 */
export const downloadsDemo: DemoExtension = async (container, ctx, accounts) => {
  const { store, clock, releases } = container;
  const held = await repo.heldProducts(store.db, accounts.acmeAccountId, clock.now().toISOString());
  const product = held[0];
  if (!product) return 'FileConnect: Acme holds no license in the demo data, so no release was published';

  const version = `${product.version}.0.1`;
  const { id } = await releases.createRelease(ctx, {
    productSku: product.sku,
    version,
    notes: `${product.name} ${version}\n\n- Faster incremental runs\n- Fixes a crash when a target disk is full`,
  });
  const name = `${product.sku.toLowerCase()}-${version}-install.sh`;
  const script = `#!/bin/sh\n# ${product.name} ${version} installer (demo file)\necho "Installing ${product.name} ${version}"\n`;
  await releases.storeFile(ctx, id, name, Readable.from([Buffer.from(script)]));
  return `FileConnect: release ${product.sku} ${version} with ${name}`;
};
