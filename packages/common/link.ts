/**
 * The HTTP `Link` header (RFC 8288 §3), the one parser of the code base: the registry's tag pages
 * (distribution-spec "Listing Tags") and the GitHub API's pages both follow `rel="next"` from it.
 *
 *   Link       = #link-value
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 *
 * What it handles that a split on "," does not: several link-values in one header or in several
 * header lines, commas and semicolons inside the URI or inside a quoted-string, backslash escapes
 * in quoted-strings, empty list elements (Artifactory ends its header with `, `, see renovate's
 * `lib/modules/datasource/docker/index.spec.ts`), parameter names in any case, `rel` with several
 * space-separated relation types (§3.3: `rel="prev next"`), and a repeated `rel` (§3.3: occurrences
 * after the first MUST be ignored). A malformed link-value is skipped up to the next top-level comma
 * rather than failing the whole header.
 */
export interface LinkValue {
  /** the URI-Reference between `<` and `>`, as written (resolve it against the request URL) */
  target: string;
  /** the relation types of `rel`, lower-cased (registered types compare case-insensitively, §2.1.1) */
  rel: string[];
  /** every parameter by its lower-cased name, first occurrence kept; a parameter without a value is '' */
  params: Record<string, string>;
}

const OWS = new Set([' ', '\t']);
/** token delimiters of RFC 9110 §5.6.2 that may end a parameter name or a bare value */
const TOKEN_END = new Set([' ', '\t', ';', ',', '=', '"', '<', '>']);

/** Every link-value of the header (or of each of its lines), in order. */
export function parseLinkHeader(header: string | readonly string[] | null | undefined): LinkValue[] {
  if (header === null || header === undefined) return [];
  const lines = typeof header === 'string' ? [header] : header;
  const out: LinkValue[] = [];
  for (const line of lines) parseLine(line, out);
  return out;
}

/** The target of the first link-value whose `rel` includes `rel` (case-insensitive), if any. */
export function findLink(header: string | readonly string[] | null | undefined, rel: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((l) => l.rel.includes(wanted))?.target;
}

function parseLine(s: string, out: LinkValue[]): void {
  let i = 0;
  const n = s.length;
  const skipOws = () => {
    while (i < n && OWS.has(s[i]!)) i++;
  };
  /** past the next comma that is outside a quoted-string and outside <…> */
  const skipToNextValue = () => {
    let inQuotes = false;
    let inUri = false;
    for (; i < n; i++) {
      const c = s[i]!;
      if (inQuotes) {
        if (c === '\\') i++;
        else if (c === '"') inQuotes = false;
      } else if (inUri) {
        if (c === '>') inUri = false;
      } else if (c === '"') inQuotes = true;
      else if (c === '<') inUri = true;
      else if (c === ',') {
        i++;
        return;
      }
    }
  };
  const token = () => {
    const start = i;
    while (i < n && !TOKEN_END.has(s[i]!)) i++;
    return s.slice(start, i);
  };
  const quoted = (): string | undefined => {
    // at the opening quote
    i++;
    let value = '';
    while (i < n) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < n) {
        value += s[i + 1];
        i += 2;
      } else if (c === '"') {
        i++;
        return value;
      } else {
        value += c;
        i++;
      }
    }
    return undefined; // unterminated
  };

  while (i < n) {
    // empty list elements and the whitespace around them (RFC 9110 §5.6.1)
    while (i < n && (OWS.has(s[i]!) || s[i] === ',')) i++;
    if (i >= n) break;
    if (s[i] !== '<') {
      skipToNextValue();
      continue;
    }
    const close = s.indexOf('>', i + 1);
    if (close < 0) break;
    const target = s.slice(i + 1, close).trim();
    i = close + 1;
    // no prototype: a parameter named `__proto__` or `constructor` is data like any other
    const params = Object.create(null) as Record<string, string>;
    let valid = true;
    for (;;) {
      skipOws();
      if (i >= n || s[i] === ',') break;
      if (s[i] !== ';') {
        valid = false;
        break;
      }
      i++;
      skipOws();
      const name = token().toLowerCase();
      if (name === '') {
        // `;` with nothing after it: tolerated, like a trailing empty parameter
        continue;
      }
      skipOws();
      let value = '';
      if (s[i] === '=') {
        i++;
        skipOws();
        if (s[i] === '"') {
          const q = quoted();
          if (q === undefined) {
            valid = false;
            break;
          }
          value = q;
        } else value = token();
      }
      if (!Object.prototype.hasOwnProperty.call(params, name)) params[name] = value;
    }
    if (!valid) {
      skipToNextValue();
      continue;
    }
    const rel = (params.rel ?? '')
      .split(/[ \t]+/)
      .filter((r) => r !== '')
      .map((r) => r.toLowerCase());
    out.push({ target, rel, params });
  }
}
