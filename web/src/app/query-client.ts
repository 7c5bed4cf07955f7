import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';

/** Client errors are answers, not hiccups: retrying a 404 or a 403 only delays the message. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired or signed out elsewhere): forget who we
  // were, and the session guard sends the person to the sign-in page.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401 && client.getQueryData(queryKeys.me)) {
      client.setQueryData(queryKeys.me, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}
