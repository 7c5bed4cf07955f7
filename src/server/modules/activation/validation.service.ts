import type { TValidateRequest, TValidateResult } from '../../../contracts/activation.js';
import type { Db } from '../../db/database.js';
import { readBatch, type BatchedRead } from '../../db/read-batch.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../auth/actor.js';
import type { KeyGuessGuard } from './key-guess-guard.js';
import { findLicensesByKey, type KeyedLicense, type KeyQuestion } from './keyed-license.js';
import { readLicenseKey } from './license-key-input.js';
import { validationResult } from './license-validity.js';

/**
 * `POST /validate` (SPEC §12), the busiest path of the portal: one indexed read (the license by
 * its unique key, joined with the host's activation when a host is named), no signing, no write
 * unless the key is unknown, nothing held in memory that grows with the number of licenses. The
 * keys asked about in one turn of the event loop are read together (db/read-batch.ts).
 */
export class ValidationService {
  private readonly findLicense: BatchedRead<KeyQuestion, KeyedLicense | undefined>;

  constructor(private readonly deps: { db: Db; clock: Clock; guard: KeyGuessGuard }) {
    this.findLicense = readBatch((questions) => findLicensesByKey(deps.db, questions));
  }

  async validate(ctx: RequestContext, request: TValidateRequest): Promise<TValidateResult> {
    const licenseKey = readLicenseKey(request.licenseKey);
    this.deps.guard.assertAllowed(ctx.ip);
    const license = await this.findLicense({ licenseKey, hostId: request.hostId });
    if (!license) await this.deps.guard.miss(ctx.ip);
    return validationResult(license, request.hostId, this.deps.clock.now());
  }
}
