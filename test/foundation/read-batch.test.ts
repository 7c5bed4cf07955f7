import { describe, expect, it } from 'vitest';
import { readBatch } from '../../src/server/db/read-batch.js';

/** A read that records the batches it was given and answers each question with its double. */
function doubling(fail?: (questions: number[]) => boolean) {
  const batches: number[][] = [];
  const read = async (questions: number[]) => {
    batches.push(questions);
    if (fail?.(questions)) throw new Error('the database is gone');
    return questions.map((q) => q * 2);
  };
  return { batches, read };
}

const nextRound = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('reads asked in one round of the event loop', () => {
  it('go to the database together, and each caller gets its own answer', async () => {
    const { batches, read } = doubling();
    const ask = readBatch(read);
    const answers = await Promise.all([1, 2, 3, 2].map((q) => ask(q)));
    expect(answers).toEqual([2, 4, 6, 4]);
    expect(batches).toEqual([[1, 2, 3, 2]]);
  });

  it('of a later round go in a read of their own', async () => {
    const { batches, read } = doubling();
    const ask = readBatch(read);
    const first = ask(1);
    await nextRound();
    const second = ask(2);
    expect([await first, await second]).toEqual([2, 4]);
    expect(batches).toEqual([[1], [2]]);
  });

  it('are split into reads of at most the batch size', async () => {
    const { batches, read } = doubling();
    const ask = readBatch(read, 3);
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((q) => ask(q)))).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('all fail with the read that failed, and the next round reads again', async () => {
    const { read } = doubling((questions) => questions.includes(1));
    const ask = readBatch(read);
    const failed = await Promise.allSettled([ask(1), ask(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await ask(3)).toBe(6);
  });

  it('fail, without taking the process down, when the read throws before it starts', async () => {
    const ask = readBatch<number, number>(() => {
      throw new Error('not even started');
    });
    await expect(ask(1)).rejects.toThrow('not even started');
  });
});
