// The SCIM filter language (RFC 7644 §3.4.2.2) parsed into a tree: a small recursive-descent parser,
// precedence not > and > or, parentheses, value paths (`emails[type eq "work"]`) and the form Entra
// sends, `emails[type eq "work"].value eq "x"`. Anything outside the grammar is 400 invalidFilter.
import { hasControlCharacter, scimFail } from './scim.errors.js';

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;

/** An attribute path: `name.familyName` is { attr: 'name', sub: 'familyName' }; the URN, if any, apart. */
export interface AttrPath {
  urn: string | null;
  attr: string;
  sub: string | null;
}

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  | { kind: 'pr'; path: AttrPath }
  | { kind: 'compare'; op: CompareOp; path: AttrPath; value: Literal }
  /** `attr[filter]`: some value of the multi-valued attribute matches the inner filter (paths relative to it). */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
/** Longer filters are refused before parsing: no provisioning client sends anything near this. */
export const MAX_FILTER_LENGTH = 2000;
const MAX_DEPTH = 20;

type Token = { type: 'word' | 'string' | 'number' | '(' | ')' | '[' | ']'; text: string; value?: Literal; at: number };

function invalid(message: string): never {
  throw scimFail('INVALID_FILTER', message);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ('()[]'.includes(c)) {
      tokens.push({ type: c as Token['type'], text: c, at: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) invalid(`Unterminated string starting at position ${i + 1}.`);
      const raw = input.slice(i, j + 1);
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        invalid(`Invalid string ${raw.slice(0, 40)} at position ${i + 1}.`);
      }
      tokens.push({ type: 'string', text: raw, value, at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !' \t\n\r()[]"'.includes(input[j])) j++;
      const text = input.slice(i, j);
      if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) tokens.push({ type: 'number', text, value: Number(text), at: i });
      else tokens.push({ type: 'word', text, at: i });
      i = j;
    }
  }
  return tokens;
}

const ATTR_NAME = /^[A-Za-z][\w$-]*$/;

/** `urn:…:User:name.familyName`, `name.familyName`, `userName`: split into URN, attribute, sub-attribute. */
export function parseAttrPath(text: string): AttrPath | null {
  let urn: string | null = null;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    urn = text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p))) return null;
  return { urn, attr: parts[0], sub: parts[1] ?? null };
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const filter = this.or();
    if (this.i < this.tokens.length) invalid(`Unexpected "${this.tokens[this.i].text}" at position ${this.tokens[this.i].at + 1}.`);
    return filter;
  }

  private peekWord(): string | null {
    const t = this.tokens[this.i];
    return t?.type === 'word' ? t.text.toLowerCase() : null;
  }

  private or(): Filter {
    let left = this.and();
    while (this.peekWord() === 'or') {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.peekWord() === 'and') {
      this.i++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    if (++this.depth > MAX_DEPTH) invalid('The filter nests too deeply.');
    try {
      const t = this.tokens[this.i];
      if (!t) invalid('The filter ends too early.');
      if (t.type === 'word' && t.text.toLowerCase() === 'not' && this.tokens[this.i + 1]?.type === '(') {
        this.i++;
        return { kind: 'not', filter: this.group() };
      }
      if (t.type === '(') return this.group();
      return this.attributeExpression();
    } finally {
      this.depth--;
    }
  }

  private group(): Filter {
    this.expect('(');
    const inner = this.or();
    this.expect(')');
    return inner;
  }

  private expect(type: Token['type']): void {
    const t = this.tokens[this.i];
    if (t?.type !== type) invalid(`Expected "${type}"${t ? ` at position ${t.at + 1}, found "${t.text}"` : ' at the end'}.`);
    this.i++;
  }

  private attributeExpression(): Filter {
    const t = this.tokens[this.i++];
    const path = t.type === 'word' ? parseAttrPath(t.text) : null;
    if (!path) invalid(`Expected an attribute name at position ${t.at + 1}, found "${t.text}".`);
    if (this.tokens[this.i]?.type === '[') {
      if (path.sub) invalid(`"${t.text}[…]": a value filter applies to a multi-valued attribute, not a sub-attribute.`);
      this.i++;
      const inner = this.or();
      this.expect(']');
      const next = this.tokens[this.i];
      // Entra: emails[type eq "work"].value eq "x" (a sub-attribute after the value filter).
      if (next?.type === 'word' && next.text.startsWith('.')) {
        this.i++;
        const sub = parseAttrPath(next.text.slice(1));
        if (!sub || sub.sub || sub.urn) invalid(`"${next.text}" is not a sub-attribute.`);
        const tail = this.comparison({ urn: null, attr: sub.attr, sub: null });
        return { kind: 'valuePath', path, filter: { kind: 'and', left: inner, right: tail } };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): Filter {
    const opToken = this.tokens[this.i++];
    const op = opToken?.type === 'word' ? opToken.text.toLowerCase() : null;
    if (op === 'pr') return { kind: 'pr', path };
    if (!op || !COMPARE_OPS.has(op))
      invalid(opToken ? `"${opToken.text}" is not a comparison operator (eq ne co sw ew gt ge lt le pr).` : 'The filter ends after an attribute name.');
    const v = this.tokens[this.i++];
    if (!v) invalid(`"${op}" needs a value.`);
    let value: Literal;
    if (v.type === 'string' || v.type === 'number') value = v.value!;
    else if (v.type === 'word' && ['true', 'false', 'null'].includes(v.text.toLowerCase())) value = JSON.parse(v.text.toLowerCase()) as Literal;
    else invalid(`"${v.text}" is not a value: quote strings ("…"); true, false, null and numbers are bare.`);
    return { kind: 'compare', op: op as CompareOp, path, value };
  }
}

/** Parses a SCIM filter; 400 invalidFilter with where and why when it is not one. */
export function parseFilter(input: string): Filter {
  if (input.length > MAX_FILTER_LENGTH) invalid(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  if (hasControlCharacter(input)) invalid('The filter contains a control character.');
  const tokens = tokenize(input);
  if (tokens.length === 0) invalid('The filter is empty.');
  return new Parser(tokens).parse();
}
