/** Builds an API path with each dynamic segment encoded: `path\`/accounts/${id}/users\``. */
export function path(strings: TemplateStringsArray, ...segments: Array<string | number>): string {
  return strings.reduce(
    (out, part, index) =>
      out + part + (index < segments.length ? encodeURIComponent(String(segments[index])) : ''),
    '',
  );
}
