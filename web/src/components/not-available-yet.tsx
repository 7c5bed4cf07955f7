import { Alert, List, Stack, Text } from '@mantine/core';
import { PageLayout } from './page-layout';

interface NotAvailableYetProps {
  title: string;
  /** One sentence on what the area is for. */
  purpose: string;
  /** What a person will be able to do here once it exists. */
  plannedSteps: string[];
}

/** An honest placeholder for an area of the portal that does not work yet. */
export function NotAvailableYet({ title, purpose, plannedSteps }: NotAvailableYetProps) {
  return (
    <PageLayout title={title} description={purpose}>
      <Alert variant="light" color="gray" title="Not available yet">
        <Stack gap="xs">
          <Text size="sm">
            This part of the portal is not available yet. Nothing you do elsewhere in the portal is affected.
          </Text>
          <Text size="sm">Once it is, you will be able to:</Text>
          <List size="sm" spacing={4}>
            {plannedSteps.map((step) => (
              <List.Item key={step}>{step}</List.Item>
            ))}
          </List>
        </Stack>
      </Alert>
    </PageLayout>
  );
}
