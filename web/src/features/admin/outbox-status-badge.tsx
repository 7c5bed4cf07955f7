import { Badge } from '@mantine/core';
import type { OutboxStatus } from '../../api/types';

const COLORS: Record<OutboxStatus, string> = { queued: 'yellow', sent: 'green', failed: 'red' };

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" miw="max-content">
      {status}
    </Badge>
  );
}
