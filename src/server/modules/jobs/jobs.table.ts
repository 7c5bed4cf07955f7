export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  /** Set for jobs that must exist once (a reminder for a contract's stage): the database refuses a twin. */
  unique_key: string | null;
  status: 'queued' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobsTables {
  jobs: JobsTable;
}
