import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZErrorEnvelope } from '../../src/contracts/errors.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { invalidValue, oddString, Random, validValue, type Schema } from './schema-values.js';

/** Requests per dialect; `LP_FUZZ_REQUESTS` asks for more. CI runs 10,000 on SQLite. */
const BUDGET: Record<string, number> = {
  sqlite: Number(process.env.LP_FUZZ_REQUESTS ?? 10_000),
  postgres: Math.ceil(Number(process.env.LP_FUZZ_REQUESTS ?? 10_000) / 5),
};
const SEED = Number(process.env.LP_FUZZ_SEED ?? 20261123);
/** Routes that end the fuzzer's own session. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

interface Operation {
  method: string;
  path: string;
  body?: Schema;
  query: { name: string; schema: Schema; required: boolean }[];
  params: string[];
}

describeEachDialect('API fuzzing', (dialect) => {
  let portal: TestPortal;
  let callers: Client[];
  let accountIds: string[];

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { demo: true });
    const f = factories(portal);
    const customer = (await f.account('customer', 'Fuzz Co')).id;
    const vendorAdmin = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
    const customerAdmin = await portal.signIn((await f.user([{ accountId: customer, role: 'admin' }])).email);
    callers = [vendorAdmin, customerAdmin, portal.anonymous()];
    accountIds = [customer, 'acc_01doesnotexist', ''];
  }, 120_000);
  afterAll(() => portal.close());

  it('answers every generated request below 500, in the error shape, and stays alive', { timeout: 900_000 }, async () => {
    const operations = readOperations((await portal.app.inject('/api/v1/openapi.json')).json());
    expect(operations.length).toBeGreaterThan(10);
    const r = new Random(SEED);
    const failures: string[] = [];
    const budget = BUDGET[dialect]!;
    for (let i = 0; i < budget; i++) {
      const op = operations[i % operations.length]!;
      const request = buildRequest(op, r, accountIds);
      const caller = r.pick(callers);
      const res = await caller.request(op.method as 'GET', request.url, request.body, request.headers);
      const label = `${op.method} ${request.url.slice(0, 120)} ${JSON.stringify(request.body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode >= 500) failures.push(label);
      else if (res.statusCode >= 400 && op.method !== 'HEAD' && !ZErrorEnvelope.safeParse(parseJson(res.body)).success) {
        failures.push(`not in the error shape: ${label}`);
      }
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
    expect((await portal.app.inject('/healthz')).statusCode).toBe(200);
  });
});

function readOperations(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (SKIP.has(`${upper} ${path}`)) continue;
      ops.push({
        method: upper,
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: !!p.required })),
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return ops;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
}

function buildRequest(op: Operation, r: Random, accountIds: string[]) {
  let url = op.path;
  for (const name of op.params) {
    const value = name === 'accountId' ? r.pick(accountIds) || oddString(r) : r.chance(0.3) ? oddString(r) : `x_${r.int(0, 999)}`;
    url = url.replace(`{${name}}`, encodeURIComponent(value || 'x'));
  }
  const query = new URLSearchParams();
  for (const q of op.query) {
    if (q.required || r.chance(0.4)) query.set(q.name, String(r.chance(0.7) ? validValue(q.schema, r) : oddString(r)));
  }
  const qs = query.toString();
  const wantsBody = op.method !== 'GET' && op.method !== 'DELETE';
  const body = wantsBody ? (r.chance(0.5) ? validValue(op.body, r) : invalidValue(op.body, r)) : undefined;
  const headers: Record<string, string> = {};
  if (wantsBody && r.chance(0.1)) headers['idempotency-key'] = `fuzz-${r.int(0, 20)}`;
  return { url: qs ? `${url}?${qs}` : url, body: body === undefined ? undefined : (body as object), headers };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
