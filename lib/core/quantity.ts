/**
 * Kubernetes resource quantities (`resource.Quantity`), as far as this library reads and writes
 * them: memory and storage (`512Mi`, `5Gi`, `1G`, `1073741824`, `1.5Gi`) and CPU (`250m`,
 * `1`, `1.5`). Internal: not part of the jsii API.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };

const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

/** The rule text of a size quantity (memory, ephemeral storage). */
export const SIZE_RULE = 'must be a Kubernetes quantity such as 512Mi, 5Gi or 2G (a number with an optional Ki, Mi, Gi, Ti, k, M, G or T suffix)';
/** The rule text of a CPU quantity. */
export const CPU_RULE = 'must be a Kubernetes CPU quantity such as 250m, 1 or 1.5';

/** The value of a quantity in base units (bytes, or cores for CPU); undefined when malformed. */
export function parseQuantity(quantity: string): number | undefined {
  const m = QUANTITY.exec(quantity.trim());
  if (!m) return undefined;
  const unit = m[2] ?? '';
  const factor = BINARY[unit] ?? DECIMAL[unit];
  return Number(m[1]) * factor;
}

/** A byte count as the shortest exact binary quantity (`5Gi`, `1536Mi`, `1000`). */
export function formatBytes(bytes: number): string {
  const whole = Math.round(bytes);
  for (const unit of ['Ti', 'Gi', 'Mi', 'Ki']) {
    const factor = BINARY[unit];
    if (whole >= factor && whole % factor === 0) return `${whole / factor}${unit}`;
  }
  return String(whole);
}

/**
 * A byte count as an ingress-nginx / nginx `size` (`client_max_body_size`): nginx's `k`, `m` and
 * `g` are binary (1024-based), so `5Gi` is `5g`. Rounded up to a whole unit.
 */
export function formatNginxSize(bytes: number): string {
  for (const [unit, factor] of [['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${Math.ceil(bytes / 2 ** 10)}k`;
}

/** An nginx `size` (`5g`, `500m`, `64k`, `1024`) in bytes; undefined when malformed. `0` means unlimited to nginx. */
export function parseNginxSize(size: string): number | undefined {
  const m = /^(\d+)([kKmMgG])?$/.exec(size.trim());
  if (!m) return undefined;
  const factor = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Number(m[1]) * factor;
}
