/**
 * How this run talks: colour and a spinner when a person watches a terminal, plain lines in a
 * pipe or a cron mail, one JSON document on stdout with `--json`. Warnings and errors go to stderr.
 */
export interface Output {
  readonly json: boolean;
  readonly interactive: boolean;
  readonly paint: Paint;
  line(text?: string): void;
  warn(text: string): void;
  error(text: string, hint?: string): void;
  data(value: unknown): void;
  /** Runs `work` with a spinner on a terminal; the spinner says `done` or nothing when it fails. */
  busy<T>(message: string, work: () => Promise<T>, done?: (value: T) => string): Promise<T>;
}

export type Paint = Record<'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan', (text: string) => string>;

const CODES: Record<keyof Paint, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39] };

export function makePaint(enabled: boolean): Paint {
  const entries = Object.entries(CODES).map(([name, [on, off]]) => [name, (text: string) => (enabled ? `\u001b[${on}m${text}\u001b[${off}m` : text)]);
  return Object.fromEntries(entries) as Paint;
}

export function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

// eslint-disable-next-line no-control-regex -- colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(ANSI, '').length;

/** Columns padded to their widest cell (colour codes do not count); `right` aligns numbers. */
export function formatTable(headers: string[], rows: string[][], options: { right?: number[]; paint?: Paint } = {}): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - visibleLength(cell));
    return options.right?.includes(i) ? fill + cell : cell + fill;
  };
  const render = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  const head = render(headers);
  return [options.paint ? options.paint.bold(head) : head, ...rows.map(render)].join('\n');
}

export function createOutput(options: { json: boolean; env: NodeJS.ProcessEnv }): Output {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !options.json;
  const paint = makePaint(!options.json && wantsColour(process.stdout, options.env));
  const errPaint = makePaint(wantsColour(process.stderr, options.env));
  return {
    json: options.json,
    interactive,
    paint,
    line(text = '') {
      if (!options.json) process.stdout.write(`${text}\n`);
    },
    warn(text) {
      process.stderr.write(`${errPaint.yellow('warning:')} ${text}\n`);
    },
    error(text, hint) {
      process.stderr.write(`${errPaint.red('error:')} ${text}\n${hint ? `       ${hint}\n` : ''}`);
    },
    data(value) {
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    async busy(message, work, done) {
      if (!interactive) return work();
      const prompts = await import('@clack/prompts');
      const spin = prompts.spinner();
      spin.start(message);
      try {
        const value = await work();
        spin.stop(done ? done(value) : message);
        return value;
      } catch (error) {
        spin.stop(`${message}: failed`, 1);
        throw error;
      }
    },
  };
}
