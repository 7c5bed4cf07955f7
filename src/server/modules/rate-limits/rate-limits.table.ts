export interface RateLimitsTable {
  key: string;
  points: number;
  expires_at: string;
}

export interface RateLimitsTables {
  rate_limits: RateLimitsTable;
}
