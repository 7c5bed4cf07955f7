import { Alert, Button, Group, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { PageLayout } from '../../components/page-layout';
import { EMPTY_REGISTRATION, RegistrationForm, type RegistrationValues } from '../../components/registration-form';
import { useCurrentAccount } from '../shell/account-context';
import { EntitlementSummary } from './entitlement-summary';
import { getAKey, lookupSerial, type GetAKeyResult, type LookupResult } from './get-a-key.api';
import { IssuedLicenses } from './issued-licenses';
import { checkTypedSerial } from './serial-check';

const STEP = { serial: 0, entitlement: 1, registration: 2, confirm: 3, key: 4 } as const;

/** SPEC §5: serial number → what it entitles to → support registration → confirm → key and file. */
export function GetAKeyPage() {
  const account = useCurrentAccount();
  const [step, setStep] = useState<number>(STEP.serial);
  const [typed, setTyped] = useState('');
  const [lookup, setLookup] = useState<LookupResult | null>(null);
  const [registration, setRegistration] = useState<RegistrationValues>(EMPTY_REGISTRATION);
  const [hostId, setHostId] = useState('');
  const [result, setResult] = useState<GetAKeyResult | null>(null);
  const [attempt] = useState(() => crypto.randomUUID());
  const check = checkTypedSerial(typed);

  const lookupMutation = useMutation({
    mutationFn: (serial: string) => lookupSerial(account.id, serial),
    onSuccess: (found) => {
      setLookup(found);
      setRegistration(found.registration ?? EMPTY_REGISTRATION);
      setStep(STEP.entitlement);
    },
  });
  const issueMutation = useMutation({
    mutationFn: () =>
      getAKey(account.id, { serialNumber: lookup!.serialNumber, registration, ...(lookup!.needsHostId ? { hostId } : {}) }, `${attempt}:${lookup!.serialNumber}`),
    onSuccess: (issued) => {
      setResult(issued);
      setStep(STEP.key);
    },
  });
  const fieldErrors = isApiError(issueMutation.error) ? issueMutation.error.fieldErrors() : {};
  const restart = () => {
    setStep(STEP.serial);
    setTyped('');
    setLookup(null);
    setResult(null);
    setHostId('');
    lookupMutation.reset();
    issueMutation.reset();
  };

  return (
    <PageLayout title="Get a Key" description="Turn the serial number on your certificate into a license key and license file.">
      <Stepper active={step} onStepClick={(s) => s < step && step !== STEP.key && setStep(s)} allowNextStepsSelect={false} size="sm">
        <Stepper.Step label="Serial number">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (check.ok) lookupMutation.mutate(check.value);
            }}
          >
            <Stack gap="sm" maw={480}>
              <TextInput
                label="Serial number"
                description="Printed on your certificate: S followed by 10 digits"
                placeholder="S0000000000"
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                error={check.ok ? undefined : (check.message ?? undefined)}
                autoFocus
                autoComplete="off"
                spellCheck={false}
              />
              <FormError error={lookupMutation.error} />
              <Group>
                <Button type="submit" disabled={!check.ok} loading={lookupMutation.isPending}>
                  Look up
                </Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>

        <Stepper.Step label="Entitlement">
          {lookup ? (
            <Stack gap="md">
              <EntitlementSummary lookup={lookup} />
              {lookup.registered ? (
                <Alert color="blue" title="Already registered">
                  This serial number was registered on {new Date(lookup.registeredAt ?? '').toLocaleDateString()}. Continue to receive the same keys again.
                </Alert>
              ) : null}
              <Group>
                <Button variant="default" onClick={() => setStep(STEP.serial)}>
                  Back
                </Button>
                <Button onClick={() => setStep(STEP.registration)}>Continue</Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>

        <Stepper.Step label="Registration">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setStep(STEP.confirm);
            }}
          >
            <Stack gap="md" maw={800}>
              <Text size="sm">Support registration: needed to receive maintenance and support. We filled in your last one.</Text>
              <RegistrationForm value={registration} onChange={setRegistration} errors={fieldErrors} />
              {lookup?.needsHostId ? (
                <TextInput label="Host ID" description="The host ID the product shows on the server it will run on" required value={hostId} onChange={(e) => setHostId(e.currentTarget.value)} error={fieldErrors.hostId} />
              ) : null}
              <Group>
                <Button variant="default" onClick={() => setStep(STEP.entitlement)}>
                  Back
                </Button>
                <Button type="submit">Continue</Button>
              </Group>
            </Stack>
          </form>
        </Stepper.Step>

        <Stepper.Step label="Confirm">
          {lookup ? (
            <Stack gap="md">
              <EntitlementSummary lookup={lookup} />
              <Text size="sm">
                The key and license file go to {registration.technicalContact.name} &lt;{registration.technicalContact.email}&gt;
                {lookup.needsHostId ? `, locked to host ${hostId}` : ''}.
              </Text>
              <FormError error={issueMutation.error} />
              <Group>
                <Button variant="default" onClick={() => setStep(STEP.registration)}>
                  Back
                </Button>
                <Button onClick={() => issueMutation.mutate()} loading={issueMutation.isPending}>
                  Get the key
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>

        <Stepper.Completed>
          {result ? (
            <Stack gap="md">
              <Alert color="green" title={result.alreadyRegistered ? 'Your keys' : 'Your key is ready'}>
                {result.alreadyRegistered ? 'This serial number was registered before: here are its licenses again.' : 'Install the license file in the product, or enter the key.'}
              </Alert>
              <IssuedLicenses licenses={result.licenses} deliveredTo={result.deliveredTo} />
              <Group>
                <Button variant="default" onClick={restart}>
                  Get another key
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Completed>
      </Stepper>
    </PageLayout>
  );
}
