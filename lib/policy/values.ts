import { blocks, isReference } from './config';

/** One scalar of helm values: its key path, its value, and whether the value is a Terraform reference. */
export interface ValueLeaf {
  readonly path: string[];
  readonly value: unknown;
  /** The value is (or contains) a Terraform expression, not a literal. */
  readonly reference: boolean;
  /** Where it came from: `values[0]`, `set`, `set_sensitive`, `set_wo`. */
  readonly source: string;
}

/** The last key of a leaf's path. */
export function leafKey(leaf: ValueLeaf): string {
  return leaf.path[leaf.path.length - 1] ?? '';
}

/** A leaf's path joined with dots (keys that contain dots are kept as they are). */
export function leafPath(leaf: ValueLeaf): string {
  return leaf.path.join('.');
}

/**
 * Every scalar a `helm_release` passes to its chart, from `values` (JSON, `${yamlencode(...)}` /
 * `${jsonencode(...)}` expressions, or block YAML) and from `set`, `set_sensitive` and `set_wo`.
 */
export function helmLeaves(config: Record<string, any>): ValueLeaf[] {
  const leaves: ValueLeaf[] = [];
  const values = Array.isArray(config.values) ? config.values : [];
  values.forEach((doc: unknown, i: number) => {
    if (typeof doc === 'string') leaves.push(...documentLeaves(doc, `values[${i}]`));
  });
  for (const source of ['set', 'set_sensitive', 'set_wo']) {
    for (const entry of blocks(config[source])) {
      if (typeof entry.name !== 'string') continue;
      leaves.push({ path: splitSetName(entry.name), value: entry.value, reference: isReference(entry.value), source });
    }
  }
  return leaves;
}

/** Leaves of one values document. */
export function documentLeaves(doc: string, source: string): ValueLeaf[] {
  const trimmed = doc.trim();
  const json = tryJson(trimmed);
  if (json !== undefined) return walk(json, [], source);
  const encoded = /^\$\{\s*(?:yamlencode|jsonencode)\(([\s\S]*)\)\s*\}$/.exec(trimmed);
  if (encoded) {
    const parsed = new HclObjectParser(encoded[1]).parse();
    return parsed === undefined ? [] : walk(parsed, [], source);
  }
  return yamlLeaves(doc, source);
}

/** Split a helm `--set` name on unescaped dots, dropping list indexes: `a.b\.c[0].d` -> [a, b.c, d]. */
export function splitSetName(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) {
      current += name[++i];
    } else if (c === '.') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.replace(/\[\d+\]$/, '')).filter((p) => p.length > 0);
}

function tryJson(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A bare HCL expression (a reference or function call), kept as text. */
class Expression {
  constructor(public readonly text: string) {}
}

function walk(value: unknown, path: string[], source: string): ValueLeaf[] {
  if (value instanceof Expression) return [{ path, value: value.text, reference: true, source }];
  if (Array.isArray(value)) return value.flatMap((v) => walk(v, path, source));
  if (value && typeof value === 'object') {
    return Object.entries(value as object).flatMap(([k, v]) => walk(v, [...path, k], source));
  }
  return [{ path, value, reference: isReference(value), source }];
}

/**
 * A small parser for the object/list literals cdktf renders inside `${yamlencode(...)}`:
 * `{"key" = "literal", "other" = resource.x.attr, "list" = ["a", var.b]}`. Anything that is
 * not a literal is kept as an {@link Expression}.
 */
class HclObjectParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  public parse(): unknown {
    try {
      this.skipSpace();
      const value = this.value();
      this.skipSpace();
      return this.pos === this.text.length ? value : undefined;
    } catch {
      return undefined;
    }
  }

  private value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.list();
    if (c === '"') {
      const s = this.string();
      // a template with interpolation is an expression, still a string
      return s;
    }
    const raw = this.bare().trim();
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (raw === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    return new Expression(raw);
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++; // {
    for (;;) {
      this.skipSeparators();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return result;
      }
      const key = this.text[this.pos] === '"' ? this.string() : this.identifier();
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep !== '=' && sep !== ':') throw new Error(`expected = at ${this.pos}`);
      this.pos++;
      result[key] = this.value();
    }
  }

  private list(): unknown[] {
    const result: unknown[] = [];
    this.pos++; // [
    for (;;) {
      this.skipSeparators();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return result;
      }
      result.push(this.value());
    }
  }

  private string(): string {
    let out = '';
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c === '\\') {
        const n = this.text[this.pos++];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else {
        out += c;
      }
    }
    throw new Error('unterminated string');
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`expected a key at ${this.pos}`);
    this.pos += m[0].length;
    return m[0];
  }

  /** A bare expression up to the next `,` `}` `]` or newline at depth 0. */
  private bare(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') {depth++;} else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === '\n') && depth === 0) {break;}
      this.pos++;
    }
    if (this.pos === start) throw new Error(`expected a value at ${start}`);
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private skipSeparators(): void {
    while (this.pos < this.text.length && /[\s,]/.test(this.text[this.pos])) this.pos++;
    if (this.pos >= this.text.length) throw new Error('unexpected end');
  }
}

/**
 * Leaves of block-style YAML, read line by line (flow collections and multi-line scalars are
 * not interpreted). Good enough to find keys such as `password:` or `accessKey:` and their values.
 */
function yamlLeaves(doc: string, source: string): ValueLeaf[] {
  const leaves: ValueLeaf[] = [];
  const stack: { indent: number; key: string }[] = [];
  for (const rawLine of doc.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(rawLine) || /^\s*---/.test(rawLine)) continue;
    const m = /^(\s*)(-\s+)?("([^"]*)"|'([^']*)'|[^\s'"#][^:#]*?)\s*:(?:\s+(.*?))?\s*$/.exec(rawLine);
    if (!m) continue;
    const indent = m[1].length + (m[2]?.length ?? 0);
    const key = m[4] ?? m[5] ?? m[3];
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const path = [...stack.map((s) => s.key), key];
    const rest = m[6];
    if (rest === undefined || rest === '' || rest === '|' || rest === '>' || /^[|>][-+]?$/.test(rest)) {
      stack.push({ indent, key });
      continue;
    }
    const value = yamlScalar(rest);
    leaves.push({ path, value, reference: isReference(value), source });
  }
  return leaves;
}

function yamlScalar(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('"')) {
    const end = t.lastIndexOf('"');
    return end > 0 ? t.slice(1, end).replace(/\\"/g, '"') : t.slice(1);
  }
  if (t.startsWith("'")) {
    const end = t.lastIndexOf("'");
    return end > 0 ? t.slice(1, end).replace(/''/g, "'") : t.slice(1);
  }
  const unquoted = t.replace(/\s+#.*$/, '');
  if (unquoted === '~' || unquoted === 'null') return null;
  if (unquoted === 'true') return true;
  if (unquoted === 'false') return false;
  if (unquoted === '""' || unquoted === "''") return '';
  return unquoted;
}
