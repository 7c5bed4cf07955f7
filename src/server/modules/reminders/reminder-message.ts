/** What a reminder says, in its e-mail, its in-app alert and its webhook event. */
export interface ReminderFacts {
  reminderId: string;
  accountId: string;
  accountName: string;
  serialNumber: string;
  entitlementSerialNumber: string | null;
  productName: string;
  productSku: string;
  stage: string;
  daysBefore: number;
  daysLeft: number;
  endsAt: string;
  dueOn: string;
  isTest: boolean;
}

function when(f: ReminderFacts): string {
  if (f.daysLeft < 0) return `ended on ${f.endsAt}`;
  if (f.daysLeft === 0) return `ends today, ${f.endsAt}`;
  return `ends on ${f.endsAt}, in ${f.daysLeft} day${f.daysLeft === 1 ? '' : 's'}`;
}

export function reminderTitle(f: ReminderFacts): string {
  const core =
    f.daysLeft < 0 ? `Maintenance for ${f.productName} has expired` : f.daysLeft === 0 ? `Maintenance for ${f.productName} ends today` : `Maintenance for ${f.productName} ends in ${f.daysLeft} days`;
  return `${f.isTest ? '[Test] ' : ''}${core} (${f.serialNumber})`;
}

export function reminderSummary(f: ReminderFacts): string {
  return `The maintenance contract ${f.serialNumber} for ${f.productName} (${f.accountName}) ${when(f)}.`;
}

export function reminderMail(f: ReminderFacts, publicUrl: string, vendorName: string): { subject: string; text: string } {
  const page = `${publicUrl}/a/${f.accountId}/maintenance`;
  const lines = [
    'Hello,',
    '',
    ...(f.isTest ? ['This is a test reminder: it shows what your reminders look like and who receives them.', ''] : []),
    reminderSummary(f),
    f.daysLeft < 0
      ? 'Support and version upgrades for the licenses it covers have stopped. Renew it to restore them.'
      : 'When it ends, support and version upgrades for the licenses it covers stop. Renew it in time to keep them.',
    ...(f.entitlementSerialNumber ? [`It covers the serial number ${f.entitlementSerialNumber}.`] : []),
    '',
    `Every contract and its reminders: ${page}`,
    '',
    `You receive this through the reminder settings of ${f.accountName}; an account admin can change them on that page.`,
    `— ${vendorName}`,
  ];
  return { subject: reminderTitle(f), text: lines.join('\n') };
}

/** The `data` of a `maintenance.reminder` webhook event. */
export function reminderEventData(f: ReminderFacts): Record<string, unknown> {
  return {
    reminderId: f.reminderId,
    accountId: f.accountId,
    serialNumber: f.serialNumber,
    entitlementSerialNumber: f.entitlementSerialNumber,
    product: { sku: f.productSku, name: f.productName },
    stage: f.stage,
    daysBefore: f.daysBefore,
    daysLeft: f.daysLeft,
    endsAt: f.endsAt,
    dueOn: f.dueOn,
    isTest: f.isTest,
  };
}
