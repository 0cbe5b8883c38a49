import { windowsBuiltinAccount, type Account, type Command, type Logs, type ServiceModel, type SourceLoc, type TargetId, type Text } from "../model.js";
import { yamlQuoted } from "../import/yaml-text.js";
import type { SpecField } from "../spec/fields.js";
import { formatText } from "../spec/text.js";
import { formatDuration, formatSize } from "../spec/units.js";
import type { Capabilities } from "../targets/capabilities.js";
import type { Origin } from "../targets/types.js";
import { SECRET_NAME } from "../import/secrets.js";

// The comparison at the heart of `svcgen diff`, written once for every target: two ServiceModels (the spec's,
// as the target stores it, and the installed service's, as the target's reader reads it) compared field by
// field in the spec's terms. Nothing here knows a target: what a target stores, and how, is settled before
// (diff.ts builds the spec and reads it back with the same reader), so that both models hold values of the
// same kind, with the spec's defaults written out on both sides.
//
// - Scalars by their spec syntax: text as `${NAME}`/`$$`, durations as durations, sizes as sizes.
// - args item by item, aligned (an inserted argument is one difference, not one per argument after it);
//   environment by name; dependsOn as a set (order does not change what the service manager does); account,
//   logs and hooks by their parts when both sides have them, as a whole when one side lacks them.
// - options.<target> key by key (options.systemd.extra.Service.MemoryMax).
// - restart settings only where they have an effect: none with restart.policy never, the window only with
//   maxRetries. The password is never compared: no model holds one, only where the install step reads it.
// - On Windows, names (the service's, dependencies', environment variables') compare without case, as the
//   SCM and the environment block treat them.

export type DifferenceKind = "differs" | "installed-only" | "not-installed";

export interface Difference {
  kind: DifferenceKind;
  /** The setting in the spec's terms: `restart.delay`, `args[2]`, `environment.DEBUG`, `options.systemd.extra.Service.MemoryMax`. */
  path: string;
  /** The spec's value as a spec would write it (strings quoted); undefined for installed-only. */
  spec?: string;
  /** The installed value likewise; undefined for not-installed. */
  installed?: string;
  /** The spec does not state the setting: its value is the spec's default. */
  specDefault?: boolean;
  /** The spec's value as written, where the target stores it in another form (`spec` is then the stored form). */
  specWritten?: string;
  /** A value that may be a secret (a password-like name): never printed. */
  secret?: boolean;
  /** Where the user would edit it: the spec's node, else its nearest stated parent, else the spec's name. */
  specAt: SourceLoc;
  /** The installed setting it was read from, when the reader says. */
  installedAt?: Origin;
}

export interface CompareInput {
  /** The spec's model as the target's check and emit see it (capabilities applied): positions and what the spec states. */
  spec: ServiceModel;
  /** The spec's model as the target stores it (read back from what svcgen builds), or `spec` where that cannot be read. */
  expected: ServiceModel;
  /** The installed service, as its reader read it. */
  installed: ServiceModel;
  /** Where the reader read each field of the installed service. */
  origins: ReadonlyMap<SpecField, Origin>;
  target: TargetId;
  capabilities: Capabilities;
}


const q = (s: string): string => yamlQuoted(s);
const qt = (t: Text): string => q(formatText(t.parts));
const command = (c: Command): string => `[${[c.executable, ...c.args].map(qt).join(", ")}]`;

/** A list's alignment by longest common subsequence: pairs of indexes, -1 where one side has no item. */
function align(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  // Runs of removed and added items between matches pair up as changed items.
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const k = Math.max(removed.length, added.length);
    for (let x = 0; x < k; x++) out.push([removed[x] ?? -1, added[x] ?? -1]);
    removed = [];
    added = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      out.push([i++, j++]);
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) removed.push(i++);
    else added.push(j++);
  }
  flush();
  return out;
}

class Comparison {
  readonly out: Difference[] = [];
  private readonly windows: boolean;
  private readonly root: SourceLoc;

  constructor(private readonly c: CompareInput) {
    this.windows = c.spec.platform === "windows";
    this.root = c.spec.locOf("\u0000");
  }

  /** Where the spec states `field`, else its nearest stated parent, else the spec's name (never the file's first line). */
  specLoc(field: string): SourceLoc {
    const at = this.c.spec.locOf(field);
    return this.isRoot(at) ? this.c.spec.name.at : at;
  }

  /** The installed setting of `field` as the reader names it, at `at` (an item's own position) or where the reader says. */
  origin(field: SpecField, at?: SourceLoc): Origin | undefined {
    const o = this.c.origins.get(field);
    if (!o) return at ? { setting: "", at } : undefined;
    return at ? { setting: o.setting, at } : o;
  }

  private isRoot(at: SourceLoc): boolean {
    return (at.line === this.root.line && at.col === this.root.col) || (at.line === 1 && at.col === 1);
  }

  /** Whether the target can hold the field at all: a field it cannot express is never a difference. */
  carries(field: SpecField): boolean {
    const cap = this.c.capabilities[field];
    const ok = (s: string) => s === "native" || s === "approximate";
    return ok(cap.support) || Object.values(cap.values ?? {}).some((v) => ok(v.support));
  }

  add(d: Omit<Difference, "kind"> & { kind?: DifferenceKind }): void {
    const kind = d.kind ?? (d.spec === undefined ? "installed-only" : d.installed === undefined ? "not-installed" : "differs");
    const out: Difference = { ...d, kind };
    if (kind === "installed-only") delete out.spec;
    if (kind === "not-installed") delete out.installed;
    this.out.push(out);
  }

  /**
   * One value on each side (undefined: the side has none). `own` is the spec's value as written, to say when the
   * target stores it in another form; `same` compares (default: equal strings).
   */
  scalar(
    path: string,
    field: SpecField,
    get: (m: ServiceModel) => string | undefined,
    o: { dflt?: boolean; same?: (a: string, b: string) => boolean; specAt?: SourceLoc; installedAt?: SourceLoc; secret?: boolean } = {},
  ): void {
    const [e, i] = [get(this.c.expected), get(this.c.installed)];
    if (e === i || (e !== undefined && i !== undefined && o.same?.(e, i))) return;
    const own = get(this.c.spec);
    const d: Omit<Difference, "kind"> = { path, specAt: o.specAt ?? this.specLoc(field) };
    if (e !== undefined) d.spec = e;
    if (i !== undefined) d.installed = i;
    if (o.dflt && !this.c.spec.present.has(field)) d.specDefault = true;
    if (own !== undefined && own !== e && e !== undefined) d.specWritten = own;
    if (o.secret) d.secret = true;
    const at = this.origin(field, o.installedAt);
    if (at && i !== undefined) d.installedAt = at;
    this.add(d);
  }

  private nameKey = (s: string): string => (this.windows ? s.toUpperCase() : s);

  run(): Difference[] {
    const sameName = (a: string, b: string) => this.nameKey(a) === this.nameKey(b);
    this.scalar("name", "name", (x) => q(x.name.value), { same: sameName });
    if (this.carries("displayName")) this.scalar("displayName", "displayName", (x) => qt(x.displayName), { dflt: true });
    if (this.carries("description")) this.scalar("description", "description", (x) => x.description && qt(x.description));
    this.scalar("executable", "executable", (x) => qt(x.executable));
    if (this.carries("args")) this.args();
    if (this.carries("workingDirectory")) this.scalar("workingDirectory", "workingDirectory", (x) => x.workingDirectory && qt(x.workingDirectory));
    if (this.carries("environment")) this.environment();
    if (this.carries("account")) this.account();
    if (this.carries("startup")) this.scalar("startup", "startup", (x) => x.startup.value, { dflt: true });
    if (this.carries("dependsOn")) this.dependsOn();
    this.restart();
    if (this.carries("stop.timeout")) this.scalar("stop.timeout", "stop.timeout", (x) => x.stop.timeoutMs && formatDuration(x.stop.timeoutMs.value));
    if (this.carries("stop.signal")) this.scalar("stop.signal", "stop.signal", (x) => x.stop.signal?.value);
    if (this.carries("logs")) this.logs();
    for (const h of ["preStart", "postStop"] as const) if (this.carries(`hooks.${h}`)) this.hook(h);
    if (this.carries("priority")) this.scalar("priority", "priority", (x) => x.priority.value, { dflt: true });
    this.options();
    return this.out;
  }

  private args(): void {
    const [e, i] = [this.c.expected.args.map(qt), this.c.installed.args.map(qt)];
    const own = this.c.spec.args.map(qt);
    for (const [a, b] of align(e, i)) {
      if (a >= 0 && b >= 0 && e[a] === i[b]) continue;
      const d: Omit<Difference, "kind"> = { path: `args[${a >= 0 ? a : b}]`, specAt: a >= 0 && this.c.spec.args[a] ? this.c.spec.args[a]!.at : this.specLoc("args") };
      if (a >= 0) d.spec = e[a]!;
      if (b >= 0) {
        d.installed = i[b]!;
        d.installedAt = this.origin("args", this.c.installed.args[b]!.at)!;
      }
      if (a >= 0 && own.length === e.length && own[a] !== e[a]) d.specWritten = own[a]!;
      this.add(d);
    }
  }

  private environment(): void {
    const find = (m: ServiceModel, name: string) => m.environment.find((v) => this.nameKey(v.name) === this.nameKey(name));
    const names: string[] = [];
    for (const v of [...this.c.expected.environment, ...this.c.installed.environment]) if (!names.some((n) => this.nameKey(n) === this.nameKey(v.name))) names.push(v.name);
    for (const name of names) {
      const own = find(this.c.spec, name);
      const inst = find(this.c.installed, name);
      this.scalar(`environment.${name}`, "environment", (m) => {
        const v = find(m, name);
        return v && qt(v.value);
      }, { specAt: own?.at ?? this.specLoc("environment"), ...(inst ? { installedAt: inst.value.at } : {}), secret: SECRET_NAME.test(name) });
    }
  }

  /**
   * The account with the target's default written out (LocalSystem on Windows, root on Linux), and on Windows a
   * built-in account named as a user (`NT AUTHORITY\LocalService`) as that account: the SCM stores both alike.
   */
  private accountOf(m: ServiceModel): Account | { kind: "default" } {
    const a = m.account;
    if (!a) return { kind: "default" };
    if (!this.windows || a.kind !== "user" || a.user.parts.some((p) => p.kind === "var")) return a;
    const user = formatText(a.user.parts);
    if (/^(\.\\)?LocalSystem$|^NT AUTHORITY\\System$/i.test(user)) return { kind: "default" };
    if (/^NT AUTHORITY\\Local ?Service$/i.test(user)) return { kind: "builtin", builtin: "local-service", at: a.at };
    if (/^NT AUTHORITY\\Network ?Service$/i.test(user)) return { kind: "builtin", builtin: "network-service", at: a.at };
    if (user.toUpperCase() === windowsBuiltinAccount("virtual", m.name.value).toUpperCase()) return { kind: "builtin", builtin: "virtual", at: a.at };
    return a;
  }

  private account(): void {
    const show = (m: ServiceModel): string => {
      const a = this.accountOf(m);
      if (a.kind === "default" || (a.kind === "builtin" && a.builtin === "local-system")) return this.windows ? "local-system" : `{ user: ${q("root")} }`;
      if (a.kind === "builtin") return a.builtin;
      // root is Linux's default account, however a side says it.
      if (!this.windows && formatText(a.user.parts) === "root" && !a.group) return `{ user: ${q("root")} }`;
      return `{ user: ${qt(a.user)}${a.group ? `, group: ${qt(a.group)}` : ""} }`;
    };
    const [e, i] = [this.accountOf(this.c.expected), this.accountOf(this.c.installed)];
    if (e.kind === "user" && i.kind === "user") {
      const same = this.windows ? (a: string, b: string) => a.toUpperCase() === b.toUpperCase() : undefined;
      this.scalar("account.user", "account", (m) => (m.account?.kind === "user" ? qt(m.account.user) : undefined), same ? { same } : {});
      if (this.carries("account.group")) this.scalar("account.group", "account.group", (m) => (m.account?.kind === "user" && m.account.group ? qt(m.account.group) : undefined));
      return;
    }
    this.scalar("account", "account", show, { dflt: true });
  }

  private dependsOn(): void {
    const key = (s: string) => this.nameKey(s);
    const e = this.c.expected.dependsOn;
    const i = this.c.installed.dependsOn;
    const specOnly = e.filter((d) => !i.some((x) => key(x.value) === key(d.value)));
    const instOnly = i.filter((d) => !e.some((x) => key(x.value) === key(d.value)));
    const specItem = (v: string) => this.c.spec.dependsOn.find((d) => key(d.value) === key(v));
    for (let k = 0; k < Math.max(specOnly.length, instOnly.length); k++) {
      const [a, b] = [specOnly[k], instOnly[k]];
      const d: Omit<Difference, "kind"> = { path: "dependsOn", specAt: (a && specItem(a.value)?.at) ?? this.specLoc("dependsOn") };
      if (a) d.spec = q(a.value);
      if (b) {
        d.installed = q(b.value);
        d.installedAt = this.origin("dependsOn", b.at)!;
      }
      this.add(d);
    }
  }

  private restart(): void {
    if (this.carries("restart.policy")) this.scalar("restart.policy", "restart.policy", (x) => x.restart.policy.value, { dflt: true });
    // With policy never on either side, the other settings have no effect there: the policy is the difference.
    if ([this.c.expected, this.c.installed].some((x) => x.restart.policy.value === "never")) return;
    if (this.carries("restart.delay")) this.scalar("restart.delay", "restart.delay", (x) => formatDuration(x.restart.delayMs.value), { dflt: true });
    if (this.carries("restart.maxRetries")) this.scalar("restart.maxRetries", "restart.maxRetries", (x) => x.restart.maxRetries && String(x.restart.maxRetries.value));
    const counted = [this.c.expected, this.c.installed].some((x) => x.restart.maxRetries);
    if (counted && this.carries("restart.window")) this.scalar("restart.window", "restart.window", (x) => x.restart.windowMs && formatDuration(x.restart.windowMs.value));
    if (this.carries("restart.resetAfter")) this.scalar("restart.resetAfter", "restart.resetAfter", (x) => x.restart.resetAfterMs && formatDuration(x.restart.resetAfterMs.value));
  }

  private logs(): void {
    const [e, i] = [this.c.expected.logs, this.c.installed.logs];
    if (!e && !i) return;
    const whole = (l: Logs | undefined) => l && `{ directory: ${qt(l.directory)} }`;
    if (!e || !i) {
      this.scalar("logs", "logs", (m) => whole(m.logs));
      return;
    }
    const path = (x: ServiceModel) => x.logs!;
    this.scalar("logs.directory", "logs", (x) => x.logs && qt(path(x).directory), { specAt: this.specLoc("logs.directory") });
    this.scalar("logs.stdout", "logs", (x) => x.logs && qt(path(x).stdout), { specAt: this.specLoc("logs.stdout") });
    this.scalar("logs.stderr", "logs", (x) => x.logs && qt(path(x).stderr), { specAt: this.specLoc("logs.stderr") });
    if (this.carries("logs.append")) this.scalar("logs.append", "logs.append", (x) => x.logs && String(path(x).append.value), { dflt: true });
    if (!this.carries("logs.rotate")) return;
    const [er, ir] = [e.rotate, i.rotate];
    if (!er || !ir) {
      this.scalar("logs.rotate", "logs.rotate", (x) => {
        const r = x.logs?.rotate;
        return r && `{ maxSize: ${r.maxSizeBytes ? formatSize(r.maxSizeBytes.value) : "(none)"}${r.keep ? `, keep: ${r.keep.value}` : ""} }`;
      });
      return;
    }
    this.scalar("logs.rotate.maxSize", "logs.rotate", (x) => x.logs?.rotate?.maxSizeBytes && formatSize(x.logs.rotate.maxSizeBytes.value), { specAt: this.specLoc("logs.rotate.maxSize") });
    this.scalar("logs.rotate.keep", "logs.rotate", (x) => x.logs?.rotate?.keep && String(x.logs.rotate.keep.value), { specAt: this.specLoc("logs.rotate.keep") });
  }

  private hook(h: "preStart" | "postStop"): void {
    const field = `hooks.${h}` as const;
    const [e, i] = [this.c.expected.hooks[h], this.c.installed.hooks[h]];
    if (!e && !i) return;
    if (!e || !i) {
      this.scalar(field, field, (x) => x.hooks[h] && command(x.hooks[h]!));
      return;
    }
    this.scalar(`${field}.executable`, field, (x) => x.hooks[h] && qt(x.hooks[h]!.executable), { specAt: this.specLoc(`${field}.executable`) });
    const [ea, ia] = [e.args.map(qt), i.args.map(qt)];
    const own = this.c.spec.hooks[h]?.args ?? [];
    for (const [a, b] of align(ea, ia)) {
      if (a >= 0 && b >= 0 && ea[a] === ia[b]) continue;
      const d: Omit<Difference, "kind"> = { path: `${field}.args[${a >= 0 ? a : b}]`, specAt: a >= 0 && own[a] ? own[a]!.at : this.specLoc(`${field}.args`) };
      if (a >= 0) d.spec = ea[a]!;
      if (b >= 0) {
        d.installed = ia[b]!;
        d.installedAt = this.origin(field, i.args[b]!.at)!;
      }
      this.add(d);
    }
  }

  /** options.<target>, leaf by leaf: a key only the installed service has is "installed only" (a directive added by hand). */
  private options(): void {
    const flat = (o: Record<string, unknown>): Map<string, unknown> => {
      const out = new Map<string, unknown>();
      const walk = (v: unknown, key: string) => {
        if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k);
        else if (v !== undefined) out.set(key, v);
      };
      walk(o, "");
      return out;
    };
    const show = (v: unknown): string => (typeof v === "string" ? q(v) : Array.isArray(v) ? `[${v.map(show).join(", ")}]` : String(v));
    const [e, i] = [flat(this.c.expected.options), flat(this.c.installed.options)];
    for (const key of [...new Set([...e.keys(), ...i.keys()])]) {
      const [a, b] = [e.get(key), i.get(key)];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      const setting = key.slice(key.lastIndexOf(".") + 1);
      const d: Omit<Difference, "kind"> = { path: `options.${this.c.target}.${key}`, specAt: this.optionLoc(key) };
      if (a !== undefined) d.spec = show(a);
      if (b !== undefined) {
        d.installed = show(b);
        d.installedAt = { setting, at: this.c.installed.optionLoc(key) };
      }
      // Raw settings carry names inside their values (an Environment= line kept as written:
      // "DB_PASSWORD=..."): a secret-sounding name in the value hides the value too.
      if (key.split(".").some((k) => SECRET_NAME.test(k)) || SECRET_NAME.test(JSON.stringify([a, b]))) d.secret = true;
      this.add(d);
    }
  }

  private optionLoc(key: string): SourceLoc {
    const at = this.c.spec.optionLoc(key);
    return this.isRoot(at) ? this.c.spec.name.at : at;
  }
}

/** The differences between the spec's model and the installed one, in the order of the spec's fields. */
export function compareModels(input: CompareInput): Difference[] {
  return new Comparison(input).run();
}
