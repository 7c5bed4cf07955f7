/** How a caller proves who it is: a session (cookie and CSRF token) or nothing (a product installation). */
export interface Credentials {
  cookie?: string;
  csrf?: string;
}

/** An answer, or `status: 0` when the connection failed (the instance was killed, say). */
export interface Answer {
  status: number;
  body: unknown;
  /** Why no answer came, when none did. */
  error?: string;
}

/**
 * Spreads requests round-robin over the web instances, as a load balancer would; each caller
 * keeps its session, and any instance serves it because sessions live in the database.
 */
export class Fleet {
  private next = 0;
  /** Requests sent and not yet answered. */
  inFlight = 0;

  constructor(private bases: string[]) {}

  /** Points the fleet at other instances (after a restart, the port changes). */
  retarget(bases: string[]): void {
    this.bases = bases;
  }

  async request(who: Credentials, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const base = this.bases[this.next++ % this.bases.length]!;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (who.cookie) headers.cookie = who.cookie;
    if (who.csrf && method !== 'GET') headers['x-csrf-token'] = who.csrf;
    this.inFlight++;
    try {
      const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? safeJson(text) : null };
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return { status: 0, body: null, error: `${e instanceof Error ? e.message : String(e)}${cause}` };
    } finally {
      this.inFlight--;
    }
  }

  post = (who: Credentials, path: string, body: unknown = {}) => this.request(who, 'POST', path, body);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
