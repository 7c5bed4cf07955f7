import type { TRelease, TReleaseFile } from '../../../contracts/downloads.js';
import type { ReleaseRow } from './downloads.repository.js';
import type { ReleaseFilesTable } from './downloads.table.js';

export function toReleaseFile(row: ReleaseFilesTable): TReleaseFile {
  return { id: row.id, name: row.name, size: Number(row.size), sha256: row.sha256, contentType: row.content_type, updatedAt: row.updated_at };
}

/** Releases with their files, in the order given; `files` may hold files of other releases. */
export function toReleases(rows: ReleaseRow[], files: ReleaseFilesTable[]): TRelease[] {
  const byRelease = new Map<string, ReleaseFilesTable[]>();
  for (const f of files) byRelease.set(f.release_id, [...(byRelease.get(f.release_id) ?? []), f]);
  return rows.map((r) => ({
    id: r.id,
    productSku: r.product_sku,
    productName: r.product_name,
    productLine: r.product_line,
    productVersion: r.product_version,
    version: r.version,
    notes: r.notes,
    createdAt: r.created_at,
    files: (byRelease.get(r.id) ?? []).map(toReleaseFile),
  }));
}

const TYPES: Record<string, string> = {
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  xz: 'application/x-xz',
  deb: 'application/vnd.debian.binary-package',
  rpm: 'application/x-rpm',
  msi: 'application/x-msi',
  exe: 'application/vnd.microsoft.portable-executable',
  dmg: 'application/x-apple-diskimage',
  iso: 'application/x-iso9660-image',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  sha256: 'text/plain; charset=utf-8',
};

/** The Content-Type a download is served with, from its name; unknown kinds are plain bytes. */
export function contentTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) ?? 'application/octet-stream';
}
