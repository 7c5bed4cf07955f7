import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../../components/use-page-title';
import { useVendorName } from './auth.hooks';

/** The frame of the pages a person sees before signing in. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const vendorName = useVendorName();
  usePageTitle(title);
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)" component="main" id="main">
      <Stack w="100%" maw={420} gap="md">
        <Text ta="center" fw={700} size="lg" c="indigo.8">
          {vendorName}
        </Text>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
        <Text ta="center" size="xs" c="dimmed">
          Need help signing in? Ask your organization's administrator or your vendor contact.
        </Text>
      </Stack>
    </Center>
  );
}
