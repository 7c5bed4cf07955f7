import type { Benchmark } from './lib/types.js';
import { measureReminderPass } from './reminders-scenario.js';

const bench: Benchmark = {
  description: 'Renewal reminders on PostgreSQL: one planning-and-dispatch pass over 1,000,000 maintenance contracts, and the next day’s pass.',
  run: (ctx) => measureReminderPass(ctx, 'postgres'),
};
export default bench;
