// Durations and sizes as the schema's patterns accept them; the schema has already checked the form.

const DURATION_UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNIT_BYTES: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
};

/** `1h30m` -> 5_400_000. Returns undefined for a form the schema should have refused. */
export function parseDuration(s: string): number | undefined {
  const re = /(\d+)(ms|s|m|h|d)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * DURATION_UNIT_MS[m[2]!]!;
    end = re.lastIndex;
  }
  return end === s.length && s.length > 0 && Number.isSafeInteger(total) ? total : undefined;
}

export function parseSize(s: string): number | undefined {
  const m = /^(\d+)(B|KiB|MiB|GiB|KB|MB|GB)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]) * SIZE_UNIT_BYTES[m[2]!]!;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The inverse of parseDuration, in the units a person writes: 90_000 -> `1m30s`, 0 -> `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let out = "";
  let rest = ms;
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const size = DURATION_UNIT_MS[unit]!;
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

/** The inverse of parseSize: the largest unit that states the size exactly, 1024-based first (10MiB). */
export function formatSize(bytes: number): string {
  for (const unit of ["GiB", "MiB", "KiB", "GB", "MB", "KB"]) {
    const size = SIZE_UNIT_BYTES[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}
