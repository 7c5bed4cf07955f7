import { Badge } from '@mantine/core';
import type { ContractState } from './maintenance.api';

const COLORS: Record<ContractState, string> = {
  active: 'teal',
  expiring: 'orange',
  expired: 'red',
  renewed: 'gray',
};
const LABELS: Record<ContractState, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  renewed: 'Renewed',
};

export function ContractStateBadge({ state }: { state: ContractState }) {
  return (
    <Badge color={COLORS[state]} variant="light">
      {LABELS[state]}
    </Badge>
  );
}

/** "45 days left", "ends today", "ended 3 days ago". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'ends today';
  return daysLeft === -1 ? 'ended yesterday' : `ended ${-daysLeft} days ago`;
}

/** A reminder stage as people say it: "90 days before", "on the end date", "after it expired". */
export function describeStage(stage: string): string {
  if (stage === 'day-of') return 'on the end date';
  if (stage === 'expired') return 'after it expired';
  if (stage === 'test') return 'test';
  return `${stage.replace(/d$/, '')} days before`;
}
