import { Alert, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { useCreateAdminUser } from './admin.hooks';
import { MembershipRows, type MembershipDraft } from './membership-rows';

export function CreateUserForm() {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [memberships, setMemberships] = useState<MembershipDraft[]>([
    { key: 0, accountId: null, role: 'member' },
  ]);
  const [incomplete, setIncomplete] = useState(false);
  const create = useCreateAdminUser();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = memberships.filter(
      (m): m is MembershipDraft & { accountId: string } => m.accountId !== null,
    );
    if (chosen.length !== memberships.length) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    create.mutate(
      {
        email: email.trim(),
        name: name.trim(),
        ...(password ? { password } : {}),
        memberships: chosen.map(({ accountId, role }) => ({ accountId, role })),
      },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
          setPassword('');
          setMemberships([{ key: Date.now(), accountId: null, role: 'member' }]);
        },
      },
    );
  };

  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <form onSubmit={onSubmit} aria-label="Create a user">
      <Stack gap="sm">
        {create.isSuccess ? (
          <Alert color="green" variant="light" role="status">
            User created (ID {create.data.id}).{' '}
            {create.variables.password ? '' : 'An invitation e-mail is on its way.'}
          </Alert>
        ) : null}
        {incomplete ? (
          <Alert color="red" variant="light" role="alert">
            Choose an account for every membership, or remove the empty ones.
          </Alert>
        ) : null}
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={create.error} />}
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
            miw={220}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name}
            miw={220}
          />
        </Group>
        <PasswordInput
          label="Password"
          description="Leave empty to invite the user by e-mail; they choose their own password."
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
          maw={360}
        />
        <MembershipRows rows={memberships} onChange={setMemberships} errors={fieldErrors} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
