/** A published build of a product (SPEC §10); `version` is the build's own label. */
export interface ReleasesTable {
  id: string;
  product_id: string;
  version: string;
  notes: string;
  created_at: string;
}

export interface ReleaseFilesTable {
  id: string;
  release_id: string;
  name: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes; also the strong ETag. */
  sha256: string;
  content_type: string;
  /** Where the bytes live in the blob store. */
  blob_key: string;
  created_at: string;
  updated_at: string;
}

/** One GET or HEAD of a download link. */
export interface DownloadsTable {
  id: string;
  file_id: string;
  account_id: string;
  /** Who asked for the link: a user or token id. */
  requested_by: string | null;
  ip: string | null;
  method: string;
  /** The Range header as sent, when there was one. */
  range: string | null;
  status: number;
  bytes_sent: number | null;
  /** 1 when every byte asked for was sent; 0 when the client went away first. */
  completed: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface DownloadsTables {
  releases: ReleasesTable;
  release_files: ReleaseFilesTable;
  downloads: DownloadsTable;
}
