import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, type CalendarDate } from './calendar-date.js';
import { decideReminder, EXPIRED_NOTICE_WINDOW_DAYS, planReminders } from './plan.js';
import { DEFAULT_SCHEDULE, normalizeSchedule, type ReminderSchedule } from './schedule.js';

const EPOCH = '2026-01-01';
const arbDate = fc.integer({ min: 0, max: 365 * 10 }).map((n) => addDays(EPOCH, n));
const arbSchedule: fc.Arbitrary<ReminderSchedule> = fc
  .record({ leadDays: fc.array(fc.integer({ min: 1, max: 365 }), { maxLength: 6 }), dayOf: fc.boolean(), expired: fc.boolean() })
  .map((s) => (s.leadDays.length || s.dayOf || s.expired ? s : { ...s, leadDays: [30] }))
  .map((s) => {
    const r = normalizeSchedule(s);
    if (!r.ok) throw new Error(r.message);
    return r.schedule;
  });

/** The reminder pass as the database sees it: a set of (end date, stage) keys, each inserted once. */
function simulate(endsAt: CalendarDate, schedule: ReminderSchedule, passDays: CalendarDate[]) {
  const sent: { stage: string; daysBefore: number; on: CalendarDate }[] = [];
  const keys = new Set<string>();
  for (const today of passDays) {
    const { due } = decideReminder({ endsAt, renewed: false }, schedule, today);
    if (due && !keys.has(due.stage)) {
      keys.add(due.stage);
      sent.push({ stage: due.stage, daysBefore: due.daysBefore, on: today });
    }
  }
  return sent;
}

const everyDay = (from: CalendarDate, to: CalendarDate) => Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

describe('reminder planning', () => {
  it('sends 90, 60 and 30 days before the end by default', () => {
    const sent = simulate('2027-03-31', DEFAULT_SCHEDULE, everyDay('2026-10-01', '2027-05-31'));
    expect(sent).toEqual([
      { stage: '90d', daysBefore: 90, on: '2026-12-31' },
      { stage: '60d', daysBefore: 60, on: '2027-01-30' },
      { stage: '30d', daysBefore: 30, on: '2027-03-01' },
    ]);
  });

  it('sends only the most urgent due reminder for a contract recorded with 45 days left', () => {
    const recorded = addDays('2027-03-31', -45);
    expect(simulate('2027-03-31', DEFAULT_SCHEDULE, everyDay(recorded, '2027-05-31')).map((s) => [s.stage, s.on])).toEqual([
      ['60d', recorded],
      ['30d', '2027-03-01'],
    ]);
  });

  it('sends every planned reminder exactly once, on its day, when a pass runs every day', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, (endsAt, schedule) => {
        const plan = planReminders(endsAt, schedule);
        const sent = simulate(endsAt, schedule, everyDay(addDays(endsAt, -400), addDays(endsAt, 60)));
        expect(sent.map((s) => [s.stage, s.on])).toEqual(plan.map((p) => [p.stage, p.dueOn]));
      }),
    );
  });

  it('starts a late-recorded contract with the most urgent due reminder and skips the ones before it', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, fc.integer({ min: -40, max: 400 }), (endsAt, schedule, leftAtRecording) => {
        const recorded = addDays(endsAt, -leftAtRecording);
        const sent = simulate(endsAt, schedule, everyDay(recorded, addDays(endsAt, 60)));
        const plan = planReminders(endsAt, schedule);
        const dueAtRecording = plan.filter((p) => p.dueOn <= recorded);
        const first = dueAtRecording.at(-1);
        const expected = [
          ...(first && recorded <= first.lastOn ? [[first.stage, recorded]] : []),
          ...plan.filter((p) => p.dueOn > recorded).map((p) => [p.stage, p.dueOn]),
        ];
        expect(sent.map((s) => [s.stage, s.on])).toEqual(expected);
      }),
    );
  });

  it('with passes at any days (outages, restarts) never sends a stage twice, out of order, early or stale, and at most one per pass', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, fc.uniqueArray(fc.integer({ min: -400, max: 60 }), { maxLength: 40 }), (endsAt, schedule, offsets) => {
        const passDays = offsets.sort((a, b) => a - b).map((o) => addDays(endsAt, o));
        const sent = simulate(endsAt, schedule, passDays);
        const plan = new Map(planReminders(endsAt, schedule).map((p) => [p.stage, p]));
        expect(new Set(sent.map((s) => s.on)).size).toBe(sent.length);
        sent.forEach((s, i) => {
          const p = plan.get(s.stage)!;
          expect(s.on >= p.dueOn && s.on <= p.lastOn).toBe(true);
          if (i > 0) expect(s.daysBefore).toBeLessThan(sent[i - 1]!.daysBefore);
        });
        // A stage is left out only when, at the first pass after it fell due, a more urgent one was due too (or it had gone stale).
        for (const p of plan.values()) {
          if (sent.some((s) => s.stage === p.stage)) continue;
          const firstPass = passDays.find((d) => d >= p.dueOn);
          if (!firstPass || firstPass > p.lastOn) continue;
          expect(decideReminder({ endsAt, renewed: false }, schedule, firstPass).due!.daysBefore).toBeLessThan(p.daysBefore);
        }
      }),
    );
  });

  it('names the next day anything can change, so the pass may skip the contract until then', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, fc.integer({ min: -400, max: 60 }), (endsAt, schedule, offset) => {
        const today = addDays(endsAt, offset);
        const { due, nextOn } = decideReminder({ endsAt, renewed: false }, schedule, today);
        if (nextOn === null) {
          for (let d = 1; d <= 40; d++) {
            const later = decideReminder({ endsAt, renewed: false }, schedule, addDays(today, d)).due;
            expect(later === null || later.stage === due?.stage).toBe(true);
          }
          return;
        }
        expect(nextOn > today).toBe(true);
        for (const day of everyDay(today, addDays(nextOn, -1))) {
          const between = decideReminder({ endsAt, renewed: false }, schedule, day).due;
          expect(between === null || between.stage === due?.stage).toBe(true);
        }
        expect(decideReminder({ endsAt, renewed: false }, schedule, nextOn).due?.dueOn).toBe(nextOn);
      }),
    );
  });

  it('re-plans on renewal: nothing more for the old end date, the new plan from the renewal day on', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, fc.integer({ min: -100, max: 30 }), fc.integer({ min: 1, max: 800 }), (oldEnd, schedule, renewedAtOffset, extension) => {
        const newEnd = addDays(oldEnd, extension);
        const renewedOn = addDays(oldEnd, renewedAtOffset);
        const keys = new Set<string>();
        for (const today of everyDay(addDays(oldEnd, -120), addDays(newEnd, 60))) {
          const endsAt = today < renewedOn ? oldEnd : newEnd;
          const { due } = decideReminder({ endsAt, renewed: false }, schedule, today);
          if (due) {
            if (endsAt === oldEnd) expect(today < renewedOn).toBe(true);
            keys.add(`${endsAt}/${due.stage}`);
          }
        }
        const afterRenewal = simulate(newEnd, schedule, everyDay(renewedOn, addDays(newEnd, 60)));
        expect([...keys].filter((k) => k.startsWith(`${newEnd}/`)).sort()).toEqual(afterRenewal.map((s) => `${newEnd}/${s.stage}`).sort());
      }),
    );
  });

  it('sends nothing for a superseded contract', () => {
    fc.assert(
      fc.property(arbDate, arbSchedule, arbDate, (endsAt, schedule, today) => {
        expect(decideReminder({ endsAt, renewed: true }, schedule, today)).toEqual({ due: null, nextOn: null });
      }),
    );
  });

  it('keeps the expired notice for a window after the end date, then drops it', () => {
    const schedule = { leadDays: [30], dayOf: true, expired: true };
    expect(decideReminder({ endsAt: '2027-03-31', renewed: false }, schedule, '2027-03-31').due?.stage).toBe('day-of');
    expect(decideReminder({ endsAt: '2027-03-31', renewed: false }, schedule, '2027-04-01').due?.stage).toBe('expired');
    expect(decideReminder({ endsAt: '2027-03-31', renewed: false }, schedule, addDays('2027-03-31', EXPIRED_NOTICE_WINDOW_DAYS + 1)).due).toBeNull();
    expect(decideReminder({ endsAt: '2027-03-31', renewed: false }, DEFAULT_SCHEDULE, '2027-04-01')).toEqual({ due: null, nextOn: null });
  });
});
