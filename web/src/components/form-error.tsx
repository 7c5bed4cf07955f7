import { Alert } from '@mantine/core';
import { describeError } from '../api/api-error';

/** The fault of a submitted form, announced to screen readers as it appears. */
export function FormError({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {describeError(error)}
    </Alert>
  );
}
