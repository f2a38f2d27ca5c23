/**
 * `Accept` read as an instructor-java server reads it (wire-format.md, section 1; the Java side is
 * `AcceptHeader`), so that the client knows which format a server that hides its
 * `X-Instructor-Format` header chose.
 *
 * RFC 9110, section 12.5.1: each format gets the q of the most specific range that matches it
 * (`text/event-stream; format=delta`, then `text/event-stream`, then `text/*`, then `*\/*`; of
 * ranges equally specific, the highest q). The higher q wins; of equals, the format whose range
 * comes first, and the snapshot when one range decides both. A `format` value is compared without
 * regard to case (`format=DELTA` is delta). A q outside RFC 9110's grammar (0 to 1, at most three
 * decimals) counts as 1, as if absent. Quoted strings may hold commas and semicolons; a backslash
 * in one escapes the character after it (a quoted-pair).
 */

const Q_VALUE = /^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/;

interface Range {
  specificity: number;
  format: "snapshot" | "delta" | undefined;
  quality: number;
}

/** Whether a request with this `Accept` gets the delta format from an instructor-java server. */
export function acceptPrefersDelta(accept: string): boolean {
  const ranges = parse(accept);
  const snapshot = grade(ranges, "snapshot");
  const delta = grade(ranges, "delta");
  return delta.quality > 0 && (delta.quality > snapshot.quality || (delta.quality === snapshot.quality && delta.position < snapshot.position));
}

function grade(ranges: Range[], format: "snapshot" | "delta"): { quality: number; position: number } {
  let specificity = -1;
  let best = { quality: 0, position: Number.MAX_SAFE_INTEGER };
  ranges.forEach((range, position) => {
    if (range.specificity < 0 || range.specificity < specificity || (range.format !== undefined && range.format !== format)) {
      return;
    }
    if (range.specificity > specificity || range.quality > best.quality) {
      specificity = range.specificity;
      best = { quality: range.quality, position };
    }
  });
  return best;
}

function parse(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const element of split(accept, ",")) {
    if (element.trim() === "") {
      continue;
    }
    const [mediaRange = "", ...parameters] = split(element, ";");
    let specificity = { "text/event-stream": 2, "text/*": 1, "*/*": 0 }[mediaRange.trim().toLowerCase()] ?? -1;
    let format: Range["format"];
    let quality = 1000;
    for (const parameter of parameters) {
      const equals = parameter.indexOf("=");
      if (equals < 0) {
        continue;
      }
      const name = parameter.slice(0, equals).trim().toLowerCase();
      const value = unquote(parameter.slice(equals + 1).trim());
      if (name === "q") {
        quality = qualityOf(value);
      } else if (name === "format" && specificity >= 2) {
        // The wire format defines the values of its own parameter as tokens compared without regard to case.
        format = value.toLowerCase() === "delta" ? "delta" : "snapshot";
        specificity = 3;
      }
    }
    ranges.push({ specificity, format, quality });
  }
  return ranges;
}

/** A q value in thousandths, or 1000 for one outside RFC 9110's grammar. */
function qualityOf(value: string): number {
  if (!Q_VALUE.test(value) || value.startsWith("1")) {
    return 1000;
  }
  return Number((value.slice(2) + "000").slice(0, 3));
}

/**
 * A quoted string's content, each quoted-pair (`\\x`) read as the character it escapes (RFC 9110,
 * section 5.6.4); a value that is not one whole quoted string comes back as it is.
 */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"')) {
    return value;
  }
  let content = "";
  for (let i = 1; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === "\\" && i + 1 < value.length) {
      content += value.charAt(++i);
    } else if (c === '"') {
      return i === value.length - 1 ? content : value;
    } else {
      content += c;
    }
  }
  return value; // no closing quote
}

/** Splits at `separator` outside quoted strings; a backslash in a quoted string escapes the next character. */
function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let part = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted && c === "\\" && i + 1 < text.length) {
      part += c + text.charAt(++i);
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
    } else if (c === separator && !quoted) {
      parts.push(part);
      part = "";
      continue;
    }
    part += c;
  }
  parts.push(part);
  return parts;
}
