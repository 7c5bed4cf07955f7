import { PageLayout } from '../../components/page-layout';
import { SecurityLogSection } from './security-log-section';
import { SessionsSection } from './sessions-section';
import { TwoFactorSection } from './two-factor-section';

/** The signed-in person's own security: second factor, sessions, and what happened. */
export function SecurityPage() {
  return (
    <PageLayout
      title="Security"
      description="How you sign in, where you are signed in, and what happened to your sign-in."
    >
      <TwoFactorSection />
      <SessionsSection />
      <SecurityLogSection />
    </PageLayout>
  );
}
