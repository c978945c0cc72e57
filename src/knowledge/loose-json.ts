/**
 * Object literals in pasted text, read as people paste them: JSON (a curl body, a HAR file), Python's repr of a dict
 * (`{'error': 'invalid_grant', 'ok': False}`), and Node's `console.log` of an object (`{ error: 'invalid_grant' }`).
 *
 *   objectsIn('HTTP/1.1 400\n\n{"error":"invalid_grant"} * Connection left intact')
 *   // [{ value: { error: 'invalid_grant' }, start: 14, end: 38 }]
 *
 * Only complete literals count; a snippet cut short yields the complete objects inside it. Parsing is bounded:
 * nesting deeper than MAX_DEPTH is no literal, so no input costs more than a few passes over the text.
 */

export type Loose = string | number | boolean | null | Loose[] | { [key: string]: Loose };
export type LooseObject = { [key: string]: Loose };

export interface FoundObject {
  value: LooseObject;
  /** Where the literal starts and ends (exclusive) in the text. */
  start: number;
  end: number;
}

const MAX_DEPTH = 16;

/** Every outermost object literal that parses, in order. */
export function objectsIn(text: string): FoundObject[] {
  const found: FoundObject[] = [];
  let from = text.indexOf('{');
  while (from >= 0) {
    const parser = new Parser(text, from);
    const value = parser.object(0);
    if (value) {
      found.push({ value, start: from, end: parser.at });
      from = text.indexOf('{', parser.at);
    } else from = text.indexOf('{', from + 1);
  }
  return found;
}

/** A string's backslash escapes undone, as JSON, JavaScript and Python write them (`\"`, `\n`, `\u00e9`, `\x41`). */
export function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))/gs, (_, u?: string, x?: string, c?: string) => {
    if (u ?? x) return String.fromCharCode(parseInt((u ?? x) as string, 16));
    return ESCAPES[c as string] ?? (c as string);
  });
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '0': '\0' };

const LITERALS: Record<string, Loose> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
  undefined: null,
};

/** A recursive-descent reader that gives up (undefined) at the first thing that is not a literal. */
class Parser {
  constructor(
    private readonly text: string,
    public at: number,
  ) {}

  object(depth: number): LooseObject | undefined {
    if (depth > MAX_DEPTH || this.text[this.at] !== '{') return undefined;
    this.at++;
    const out: LooseObject = {};
    for (;;) {
      this.space();
      if (this.take('}')) return out;
      const key = this.string() ?? this.identifier();
      if (key === undefined) return undefined;
      this.space();
      if (!this.take(':')) return undefined;
      this.space();
      const value = this.value(depth + 1);
      if (value === undefined) return undefined;
      // Later keys win, as in JSON.parse; "__proto__" stays an ordinary key.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.space();
      if (!this.take(',') && this.text[this.at] !== '}') return undefined;
    }
  }

  private array(depth: number): Loose[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.at++;
    const out: Loose[] = [];
    for (;;) {
      this.space();
      if (this.take(']')) return out;
      const value = this.value(depth + 1);
      if (value === undefined) return undefined;
      out.push(value);
      this.space();
      if (!this.take(',') && this.text[this.at] !== ']') return undefined;
    }
  }

  private value(depth: number): Loose | undefined {
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string();
    const number = this.read(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/y);
    if (number !== undefined) return Number(number);
    const word = this.identifier();
    return word !== undefined && word in LITERALS ? LITERALS[word] : undefined;
  }

  /** A quoted string on one line, with its escapes undone. */
  private string(): string | undefined {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") return undefined;
    const body = this.read(quote === '"' ? /"((?:\\.|[^"\\\r\n])*)"/y : /'((?:\\.|[^'\\\r\n])*)'/y);
    return body === undefined ? undefined : unescape(body.slice(1, -1));
  }

  private identifier(): string | undefined {
    return this.read(/[A-Za-z_$][\w$]*/y);
  }

  private read(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const m = pattern.exec(this.text);
    if (!m) return undefined;
    this.at += m[0].length;
    return m[0];
  }

  private take(c: string): boolean {
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }
}
