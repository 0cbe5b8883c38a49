import fc from "fast-check";
import type { Platform } from "../../src/model.js";

// Random specs whose strings are drawn from what breaks quoting. Each generated spec keeps its values
// as parts (literal text and ${NAME} references), so tests know what every value means without
// asking svcgen's own parser; `specYaml` writes it in spec syntax ($ as $$, JSON-style quoting).

export type Part = { kind: "literal"; text: string } | { kind: "var"; name: string };
export type Parts = Part[];

export interface GenCommand {
  executable: Parts;
  args: Parts[];
}

export interface GenSpec {
  name: string;
  displayName?: Parts;
  description?: Parts;
  executable: Parts;
  args: Parts[];
  workingDirectory?: Parts;
  environment: [string, Parts][];
  account?: { kind: "builtin"; builtin: string } | { kind: "user"; user: Parts; group?: Parts; passwordEnv?: string };
  startup?: "auto" | "delayed" | "manual" | "disabled";
  dependsOn: string[];
  restart: { policy?: "on-failure" | "always" | "never"; delayMs?: number; maxRetries?: number; windowMs?: number; resetAfterMs?: number };
  stop: { timeoutMs?: number; signal?: string };
  logs?: { directory: Parts; stdout?: Parts; stderr?: Parts; append?: boolean; rotate?: { maxSizeBytes: number; keep?: number } };
  hooks: { preStart?: GenCommand; postStop?: GenCommand };
  priority?: "idle" | "below-normal" | "normal" | "above-normal" | "high" | "realtime";
}

export const ATOMS = [
  ...'"\'%$^&|<>()!\\;#=,/:-.*?`{}[]~@+'.split(""),
  "\\\\", " ", "  ", "\t", "..", "%PATH%", "%%", "$$", "é", "Grüße", "東京", "🎉", "\u00a0",
  "a", "b", "z", "Z", "0", "9", "abc", "C:\\", "\\\\server\\share", "--flag=", "' '",
];
export const CONTROLS = ["\n", "\r", "\r\n", "\x01", "\x08", "\x1b", "\x7f", "\u0085", "\u2028", "\0", "\v", "\f"];
export const VAR_NAMES = ["HOME", "APP_DIR", "X", "ProgramData", "ProgramFiles(x86)"];

const merge = (parts: Parts): Parts => {
  const out: Parts = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === "literal" && last?.kind === "literal") last.text += p.text;
    else if (!(p.kind === "literal" && p.text === "")) out.push({ ...p });
  }
  return out.length === 0 ? [{ kind: "literal", text: "" }] : out;
};

export const normalizeParts = merge;
export const literalOf = (p: Parts): string => p.map((x) => (x.kind === "literal" ? x.text : `\${${x.name}}`)).join("");
export const hasVar = (p: Parts): boolean => p.some((x) => x.kind === "var");
export const textOf = (p: Parts): string => p.map((x) => (x.kind === "literal" ? x.text : "")).join("");

const lit = (text: string): Part => ({ kind: "literal", text });
const partArb: fc.Arbitrary<Part> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...ATOMS).map(lit) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS).map(lit) },
  { weight: 1, arbitrary: fc.constantFrom(...VAR_NAMES).map((name): Part => ({ kind: "var", name })) },
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 6 }).map(lit) },
  { weight: 1, arbitrary: fc.constant(lit("x".repeat(3000))) },
);

export const hostileText = fc.array(partArb, { maxLength: 10 }).map(merge);
const benignText = fc.constantFrom("app", "data", "my service", "Orders API", "v1.2", "run-now").map((s) => [lit(s)]);
/** A value that is hostile about a third of the time, so that specs are not all refused for one field. */
export const someText = fc.oneof({ weight: 5, arbitrary: benignText }, { weight: 1, arbitrary: hostileText });
const nonEmpty = (a: fc.Arbitrary<Parts>) => a.map((p) => (literalOf(p) === "" ? [lit("x")] : p));

const durationMs = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 500, 1000, 10_000, 60_000, 90_000, 3_600_000, 86_400_000) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 86_400 }).map((s) => s * 1000) }, // whole seconds, up to a day
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 * 86_400_000 }) },
);

export interface GenConfig {
  platform: Platform;
  /** Fields this target cannot express: never generated. */
  omit?: ReadonlySet<string>;
}

export function specArb(cfg: GenConfig): fc.Arbitrary<GenSpec> {
  const omit = cfg.omit ?? new Set<string>();
  const root = cfg.platform === "windows" ? "C:\\apps\\" : "/opt/";
  const path = (a: fc.Arbitrary<Parts>) => a.map((p) => merge([lit(root), ...p]));
  const opt = <T>(field: string, a: fc.Arbitrary<T>) => (omit.has(field) ? fc.constant(undefined) : fc.option(a, { nil: undefined, freq: 2 }));
  // Windows runs a .bat or .cmd program through cmd.exe, which reads its arguments by its own rules.
  const program = cfg.platform === "windows" ? fc.tuple(path(someText), fc.constantFrom("", "", "", "", "", ".exe", ".bat", ".cmd")).map(([p, ext]) => merge([...p, lit(ext)])) : path(someText);
  const fileName = (a: fc.Arbitrary<Parts>) => a.map((p) => p.map((x) => (x.kind === "literal" ? lit(x.text.replace(/[/\\]/g, "_")) : x)));
  const command = fc.record({ executable: program, args: fc.array(someText, { maxLength: 4 }) });
  return fc.record({
    name: fc.constantFrom("svc", "orders-api", "a.b_c-9"),
    displayName: opt("displayName", nonEmpty(someText)),
    description: opt("description", someText),
    executable: program,
    args: omit.has("args") ? fc.constant([]) : fc.array(someText, { maxLength: 6 }),
    workingDirectory: opt("workingDirectory", path(someText)),
    environment: omit.has("environment")
      ? fc.constant([])
      : fc.uniqueArray(fc.tuple(fc.constantFrom("A", "PATH_X", "Lower", "_u", "N1", "LONG_NAME_2"), someText), { maxLength: 4, selector: ([k]) => k.toUpperCase() }),
    account: opt(
      "account",
      fc.oneof(
        ...(omit.has("account.builtin") ? [] : [fc.constantFrom("local-system", "local-service", "network-service", "virtual").map((builtin) => ({ kind: "builtin" as const, builtin }))]),
        fc.record({
          kind: fc.constant("user" as const),
          user: nonEmpty(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(cfg.platform === "windows" ? ["svc", ".\\svc", "CORP\\svc-orders", "CORP\\gmsa$", "NT AUTHORITY\\LocalService"] : ["svc", "svc-user", "_apt", "www-data"])).map((s) => [lit(s)]) }, { weight: 1, arbitrary: hostileText })),
          group: omit.has("account.group") ? fc.constant(undefined) : fc.option(nonEmpty(someText), { nil: undefined }),
          passwordEnv: fc.option(fc.constantFrom("SVC_PASSWORD", "P"), { nil: undefined }),
        }).map((u) => Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined)) as GenSpec["account"] & object),
      ),
    ),
    startup: opt("startup", fc.constantFrom("auto" as const, "delayed" as const, "manual" as const, "disabled" as const)),
    dependsOn: omit.has("dependsOn") ? fc.constant([]) : fc.uniqueArray(fc.constantFrom("Tcpip", "network-online.target", "postgresql", "Dnscache"), { maxLength: 3 }),
    restart: fc.record(
      {
        policy: fc.constantFrom("on-failure" as const, "always" as const, "never" as const),
        delayMs: durationMs,
        // Mostly the small counts people write, sometimes beyond any service manager's limit.
        maxRetries: omit.has("restart.maxRetries") ? fc.constant(undefined) : fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) }),
        windowMs: omit.has("restart.window") ? fc.constant(undefined) : durationMs.filter((x) => x > 0),
        resetAfterMs: omit.has("restart.resetAfter") ? fc.constant(undefined) : durationMs,
      },
      { requiredKeys: [] },
    ).map((r) => (r.maxRetries !== undefined && r.windowMs === undefined ? { ...r, windowMs: 60_000 } : r)),
    stop: fc.record(
      {
        timeoutMs: omit.has("stop.timeout") ? fc.constant(undefined) : durationMs,
        signal: cfg.platform !== "windows" ? fc.constantFrom("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP") : fc.constant(undefined),
      },
      { requiredKeys: [] },
    ),
    logs: opt(
      "logs",
      fc
        .tuple(
          fc.record(
            {
              directory: path(someText),
              stdout: fileName(nonEmpty(someText)),
              stderr: fileName(nonEmpty(someText)),
              append: fc.boolean(),
              rotate: omit.has("logs.rotate")
                ? fc.constant(undefined)
                : fc.record({
                    // Sizes people write (whole KiB) and any byte count.
                    maxSizeBytes: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 1 << 21 }).map((k) => k * 1024) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1 << 30 }) }),
                    keep: fc.integer({ min: 1, max: 1000 }),
                  }),
            },
            { requiredKeys: ["directory"] },
          ),
          // Sometimes a pair of names that share a base (<base>.out.log, <base>.err.log).
          fc.option(fileName(someText), { freq: 3 }),
        )
        .map(([l, base]) => (base ? { ...l, stdout: merge([...base, lit(".out.log")]), stderr: merge([...base, lit(".err.log")]) } : l)),
    ),
    // Each hook in about a quarter of the specs: hooks are rare, and some targets run only some of them.
    hooks: fc.record({
      preStart: omit.has("hooks.preStart") ? fc.constant(undefined) : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: command }),
      postStop: omit.has("hooks.postStop") ? fc.constant(undefined) : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: command }),
    }),
    priority: opt("priority", fc.constantFrom("idle" as const, "below-normal" as const, "normal" as const, "above-normal" as const, "high" as const, "realtime" as const)),
  }).map((s) => JSON.parse(JSON.stringify(s)) as GenSpec); // drop undefined keys
}

/** A YAML double-quoted string: JSON's escapes, plus \u escapes for what YAML would not keep printable. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
const specText = (p: Parts) => yamlString(p.map((x) => (x.kind === "literal" ? x.text.replace(/\$/g, "$$$$") : `\${${x.name}}`)).join(""));

function durationText(ms: number): string {
  if (ms === 0) return "0s";
  let out = "";
  for (const [size, unit] of [[86_400_000, "d"], [3_600_000, "h"], [60_000, "m"], [1000, "s"], [1, "ms"]] as const) {
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}

export function specYaml(s: GenSpec, targetOptions: Record<string, unknown> = {}): string {
  const L: string[] = ["version: 1", `name: ${s.name}`];
  if (s.displayName) L.push(`displayName: ${specText(s.displayName)}`);
  if (s.description) L.push(`description: ${specText(s.description)}`);
  L.push(`executable: ${specText(s.executable)}`);
  if (s.args.length) L.push(`args: [${s.args.map(specText).join(", ")}]`);
  if (s.workingDirectory) L.push(`workingDirectory: ${specText(s.workingDirectory)}`);
  if (s.environment.length) L.push("environment:", ...s.environment.map(([k, v]) => `  ${k}: ${specText(v)}`));
  if (s.account?.kind === "builtin") L.push(`account: ${s.account.builtin}`);
  else if (s.account) {
    L.push("account:", `  user: ${specText(s.account.user)}`);
    if (s.account.group) L.push(`  group: ${specText(s.account.group)}`);
    if (s.account.passwordEnv) L.push(`  password: { fromEnv: ${s.account.passwordEnv} }`);
  }
  if (s.startup) L.push(`startup: ${s.startup}`);
  if (s.dependsOn.length) L.push(`dependsOn: [${s.dependsOn.join(", ")}]`);
  const r = s.restart;
  const rl: string[] = [];
  if (r.policy) rl.push(`policy: ${r.policy}`);
  if (r.delayMs !== undefined) rl.push(`delay: ${durationText(r.delayMs)}`);
  if (r.maxRetries !== undefined) rl.push(`maxRetries: ${r.maxRetries}`);
  if (r.windowMs !== undefined) rl.push(`window: ${durationText(r.windowMs)}`);
  if (r.resetAfterMs !== undefined) rl.push(`resetAfter: ${durationText(r.resetAfterMs)}`);
  if (rl.length) L.push(`restart: { ${rl.join(", ")} }`);
  const st: string[] = [];
  if (s.stop.timeoutMs !== undefined) st.push(`timeout: ${durationText(s.stop.timeoutMs)}`);
  if (s.stop.signal) st.push(`signal: ${s.stop.signal}`);
  if (st.length) L.push(`stop: { ${st.join(", ")} }`);
  if (s.logs) {
    L.push("logs:", `  directory: ${specText(s.logs.directory)}`);
    if (s.logs.stdout) L.push(`  stdout: ${specText(s.logs.stdout)}`);
    if (s.logs.stderr) L.push(`  stderr: ${specText(s.logs.stderr)}`);
    if (s.logs.append !== undefined) L.push(`  append: ${s.logs.append}`);
    if (s.logs.rotate) L.push(`  rotate: { maxSize: ${s.logs.rotate.maxSizeBytes}B${s.logs.rotate.keep ? `, keep: ${s.logs.rotate.keep}` : ""} }`);
  }
  const hooks = (["preStart", "postStop"] as const).filter((k) => s.hooks[k]);
  if (hooks.length) L.push("hooks:");
  for (const k of hooks) L.push(`  ${k}: { executable: ${specText(s.hooks[k]!.executable)}, args: [${s.hooks[k]!.args.map(specText).join(", ")}] }`);
  if (s.priority) L.push(`priority: ${s.priority}`);
  if (Object.keys(targetOptions).length) L.push(`options: ${JSON.stringify(targetOptions)}`);
  return L.join("\n") + "\n";
}

export { durationText };

/** Every text value of a spec, wherever it is. */
export function allTexts(s: GenSpec): Parts[] {
  const out: Parts[] = [];
  const isParts = (v: unknown): v is Parts => Array.isArray(v) && v.every((x) => x && typeof x === "object" && "kind" in x);
  const walk = (v: unknown): void => {
    if (isParts(v) && v.length > 0) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(s);
  return out;
}

// The loader's rule for a Windows path whose backslashes a double-quoted YAML string read as escapes
// (SVC2021): a path field that starts with a drive or holds a backslash, and holds a character such an
// escape makes (C0 controls, DEL, U+0085, U+2028, U+2029), is refused whatever the target.
// eslint-disable-next-line no-control-regex
const ESCAPE_MADE = /[\x01-\x1f\x7f\x85\u2028\u2029]/;
export function escapeMadePath(s: GenSpec): string | undefined {
  const paths = [s.executable, s.workingDirectory, s.logs?.directory, s.hooks.preStart?.executable, s.hooks.postStop?.executable];
  for (const p of paths) {
    if (!p) continue;
    const raw = literalOf(p);
    if (ESCAPE_MADE.test(raw) && /^[A-Za-z]:|\\/.test(raw)) return `a Windows-looking path with ${JSON.stringify(raw.match(ESCAPE_MADE)![0])} (SVC2021)`;
  }
  return undefined;
}
