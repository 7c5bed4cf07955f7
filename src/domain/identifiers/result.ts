/**
 * The one result shape of every identifier parser. A typo is an expected outcome, so it is a
 * value, not an exception; the route turns `{ ok: false }` into a 400 naming `field`.
 */
export type IdentifierFailure = {
  ok: false;
  /** The request field the input came from, e.g. `serialNumber`. */
  field: string;
  /** Names the field and the fault, e.g. `serialNumber: has 9 digits, needs 10`. */
  message: string;
};

export type IdentifierResult<T extends object> = ({ ok: true } & T) | IdentifierFailure;

export function identifierFailure(field: string, fault: string): IdentifierFailure {
  return { ok: false, field, message: `${field}: ${fault}` };
}
