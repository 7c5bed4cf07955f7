import { useEffect } from 'react';
import { useVendorName } from '../features/auth/auth.hooks';

/** Names the browser tab after the page, so screen readers announce where a navigation led. */
export function usePageTitle(title: string): void {
  const vendorName = useVendorName();
  useEffect(() => {
    document.title = title ? `${title} · ${vendorName}` : vendorName;
  }, [title, vendorName]);
}
