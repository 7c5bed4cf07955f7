import type { Benchmark } from './lib/types.js';
import { measureReminderPass, PASS_GOAL_MIB, PASS_GOAL_SECONDS } from './reminders-scenario.js';

const bench: Benchmark = {
  description: 'Renewal reminders on SQLite: one planning-and-dispatch pass over 1,000,000 maintenance contracts, and the next day’s pass.',
  goal: `first pass ≤ ${PASS_GOAL_SECONDS} s and ≤ ${PASS_GOAL_MIB} MiB peak RSS`,
  run: (ctx) => measureReminderPass(ctx, 'sqlite'),
};
export default bench;
