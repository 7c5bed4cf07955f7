/** Answers one question; the questions of a turn are read together. */
export type BatchedRead<Q, R> = (question: Q) => Promise<R>;

interface Asked<Q, R> {
  question: Q;
  resolve: (answer: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads for a hot path that many callers ask at once (validation: the products of a site calling
 * in together). The questions asked while the event loop reads one round of sockets are answered
 * by one call of `read` once that round is done (setImmediate), so a busy server pays the fixed
 * cost of a read (SQLite's read transaction and its locks, a PostgreSQL round trip) once per round
 * instead of once per request. An idle server's single question waits only for the end of the
 * round it arrived in. `read` answers the questions in their order; a failed read fails them all.
 */
export function readBatch<Q, R>(read: (questions: Q[]) => Promise<R[]>, maxBatch = 256): BatchedRead<Q, R> {
  let pending: Asked<Q, R>[] = [];

  function flush(): void {
    const batch = pending;
    if (batch.length === 0) return;
    pending = [];
    let answered: Promise<R[]>;
    try {
      answered = read(batch.map((asked) => asked.question));
    } catch (error) {
      answered = Promise.reject(error);
    }
    answered.then(
      (answers) => batch.forEach((asked, i) => asked.resolve(answers[i] as R)),
      (error: unknown) => batch.forEach((asked) => asked.reject(error)),
    );
  }

  return (question) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ question, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
      else if (pending.length >= maxBatch) flush();
    });
}
