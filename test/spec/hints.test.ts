import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { DURATION_PATTERN, SIZE_PATTERN } from "../../src/spec/value-hints.js";

// A hint must lead to a value that passes, not into the next error. Each case: a spec with a value in
// place of `$`, the one error it gets, and the value that error suggests (a `key: value` in the hint,
// or `(try "x")` / `(did you mean "x"?)` in the message). The suggestion is put back in place of `$`
// and the spec validated again: no error at all.

const BASE = "version: 1\nname: orders-api\nexecutable: /opt/orders/orders\n";
const schema = JSON.parse(readFileSync(new URL("../../schema/service.schema.json", import.meta.url), "utf8"));

// Platform sections, as the schema has them: every section whose fields are top-level fields.
const PLATFORMS = Object.entries(schema.properties as Record<string, { properties?: Record<string, { $ref?: string }> }>)
  .filter(([, n]) => n.properties && Object.values(n.properties).every((p) => p.$ref?.startsWith("#/properties/")))
  .map(([k]) => k);

/** The suggested YAML for the value of `key`, from a diagnostic. */
function suggestion(d: Diagnostic, key: string): string | undefined {
  for (const m of (d.hint ?? "").matchAll(/`([A-Za-z]+): ([^`]+)`/g)) if (m[1] === key) return m[2];
  const m = /\((?:try|did you mean) "([^"]+)"\??\)/.exec(d.message);
  return m ? JSON.stringify(m[1]) : undefined;
}

// The spec on its own (no target's checks): whether the value is accepted, not whether a target that a
// suggested `targets:` names can express the rest of the spec.
async function errorsOf(yaml: string): Promise<Diagnostic[]> {
  return (await compile(yaml, "orders-api.yaml", { emit: false, targets: [] })).diagnostics.filter((d) => d.severity === "error");
}

/** `template` has `$` where the value goes; the key is the name before it. */
async function followHint(template: string, bad: string): Promise<{ first: Diagnostic; fix: string }> {
  const key = /([A-Za-z]+):\s*\[?\$/.exec(template)![1]!;
  const errors = await errorsOf(BASE + template.replace("$", bad));
  expect(errors, `${template} with ${bad}`).toHaveLength(1);
  const first = errors[0]!;
  const fix = suggestion(first, key);
  expect(fix, `no suggestion for ${key} in: ${first.message} / ${first.hint}`).toBeDefined();
  const again = await errorsOf(BASE + template.replace("$", fix!));
  expect(again.map((d) => `${d.code} ${d.message}`), `${template} with ${fix} (suggested for ${bad})`).toEqual([]);
  return { first, fix: fix! };
}

/** Every field of the schema whose pattern is `pattern`, as nested flow YAML with `$` for its value. */
function fieldsWithPattern(pattern: string): string[] {
  const resolve = (n: Record<string, unknown>): Record<string, unknown> => {
    let cur = n;
    while (typeof cur.$ref === "string") cur = (cur.$ref as string).slice(2).split("/").reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, schema);
    return cur;
  };
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    const n = resolve(node);
    if (n.pattern === pattern) out.push(path.reduceRight((inner, k, i) => (i === path.length - 1 ? `${k}: ${inner}` : `${k}: { ${inner} }`), "$"));
    for (const [k, v] of Object.entries((n.properties as Record<string, Record<string, unknown>>) ?? {})) walk(v, [...path, k]);
    for (const b of (n.oneOf as Record<string, unknown>[]) ?? []) walk(b, path);
  };
  walk(schema, []);
  // logs needs its directory.
  return out.map((t) => t.replace(/logs: \{ /, "logs: { directory: /var/log/orders, "));
}

describe("every duration and size field: the hint is a value that passes", () => {
  const durations = fieldsWithPattern(DURATION_PATTERN);
  const sizes = fieldsWithPattern(SIZE_PATTERN);
  it("finds them in the schema, platform sections included", () => {
    expect(PLATFORMS).toEqual(expect.arrayContaining(["windows", "linux"]));
    expect(durations).toContain("stop: { timeout: $ }");
    expect(durations).toContain("linux: { restart: { resetAfter: $ } }");
    // restart.delay, .window, .resetAfter and stop.timeout, at the top and in each platform section.
    expect(durations).toHaveLength(4 * (1 + PLATFORMS.length));
    expect(sizes).toEqual([
      "logs: { directory: /var/log/orders, rotate: { maxSize: $ } }",
      ...PLATFORMS.map((p) => `${p}: { logs: { directory: /var/log/orders, rotate: { maxSize: $ } } }`),
    ]);
  });
  const DURATIONS: [string, string][] = [
    ["30", '"30s"'],
    ['"30"', '"30s"'],
    ["30 seconds", '"30s"'],
    ["1.5h", '"1h30m"'],
    ["2.5", '"2s500ms"'],
    ["90 sec", '"1m30s"'],
    ["PT30S", '"30s"'],
    ["00:01:30", '"1m30s"'],
    ["1 hour 30 minutes", '"1h30m"'],
    ["10S", '"10s"'],
    ["1 week", '"7d"'],
  ];
  it.each(durations)("%s", async (template) => {
    for (const [bad, want] of DURATIONS) {
      const { first, fix } = await followHint(template, bad);
      expect(first.code, `${template} ${bad}`).toBe("SVC1203");
      expect(fix, `${template} ${bad}`).toBe(want);
    }
  });
  const SIZES: [string, string][] = [
    ["10485760", '"10MiB"'],
    ["1000", '"1KB"'],
    ["1500", '"1500B"'],
    ["10 MB", '"10MB"'],
    ["10mb", '"10MB"'],
    ["10M", '"10MiB"'],
    ["10 MiB", '"10MiB"'],
    ["1.5GiB", '"1536MiB"'],
    ["512k", '"512KiB"'],
  ];
  it.each(sizes)("%s", async (template) => {
    for (const [bad, want] of SIZES) {
      const { first, fix } = await followHint(template, bad);
      expect(first.code, `${template} ${bad}`).toBe("SVC1204");
      expect(fix, `${template} ${bad}`).toBe(want);
    }
  });
  it("a value with no sure reading gets the form, not a made-up value", async () => {
    const [d] = await errorsOf(BASE + "stop: { timeout: soon }\n");
    expect(d!.message).toBe('stop.timeout "soon" is not a duration');
    expect(d!.hint).toContain("500ms, 10s, 1h30m");
  });
});

// Shape mistakes people make on first contact, with what the hint must say.
const SHAPES: [template: string, bad: string, fix: string][] = [
  ["args: $", "--port 8080", '["--port", "8080"]'],
  ["args: $", '--title "Orders & Billing" -v', '["--title", "Orders & Billing", "-v"]'],
  ["args: $", "8080", '["8080"]'],
  ["logs: $", "C:\\logs", "{ directory: C:\\logs }"],
  ["logs: $", "/var/log/orders", "{ directory: /var/log/orders }"],
  ["hooks: { preStart: $ }", "C:\\x\\pre.bat", "{ executable: C:\\x\\pre.bat }"],
  ["hooks: { postStop: $ }", "[/opt/orders/cleanup, --all]", '{ executable: /opt/orders/cleanup, args: ["--all"] }'],
  ["hooks: $", "C:\\x\\pre.bat", "{ preStart: { executable: C:\\x\\pre.bat } }"],
  ["restart: $", "always", "{ policy: always }"],
  ["restart: $", "unless-stopped", "{ policy: always }"],
  ["restart: $", "never", "{ policy: never }"],
  ["restart: $", "10s", "{ delay: 10s }"],
  ["restart: $", "5", "{ delay: 5s }"],
  ["stop: $", "30", "{ timeout: 30s }"],
  ["stop: $", "30s", "{ timeout: 30s }"],
  ["stop: $", "SIGINT", "{ signal: SIGINT }"],
  ["dependsOn: $", "Tcpip", "[Tcpip]"],
  ["dependsOn: $", '"Tcpip, Afd"', "[Tcpip, Afd]"],
  ["startup: $", "automatic", '"auto"'],
  ["startup: $", "Automatic", '"auto"'],
  ["startup: $", "demand", '"manual"'],
  ["startup: $", "delayed-auto", '"delayed"'],
  ["priority: $", "BelowNormal", '"below-normal"'],
  ["priority: $", "hihg", '"high"'],
  ["restart: { policy: $ }", "unless-stopped", '"always"'],
  ["restart: { policy: $ }", "no", '"never"'],
  ["restart: { maxRetries: $, window: 1m }", '"5"', "5"],
  ["stop: { signal: $ }", "TERM", '"SIGTERM"'],
  ["account: $", "LocalSystem", '"local-system"'],
  ["account: $", "NT AUTHORITY\\NetworkService", '"network-service"'],
  ["account: $", "NT SERVICE\\orders-api", '"virtual"'],
  ["account: $", "CORP\\svc-orders", "{ user: CORP\\svc-orders, password: { fromEnv: ORDERS_API_PASSWORD } }"],
  ["account: $", "CORP\\gmsa-orders$", "{ user: CORP\\gmsa-orders$ }"],
  ["account: $", "orders", "{ user: orders }"],
  ["account: { user: CORP\\svc, password: $ }", "hunter2", "{ fromEnv: ORDERS_API_PASSWORD }"],
  ["account: { user: CORP\\svc, password: $ }", "$ORDERS_PW", "{ fromEnv: ORDERS_PW }"],
  ["account: { user: CORP\\svc, password: $ }", "'%ORDERS_PW%'", "{ fromEnv: ORDERS_PW }"],
  ["environment: $", "[A=1, B=two words]", '{ A: "1", B: "two words" }'],
  ["environment: $", "DEBUG=1", '{ DEBUG: "1" }'],
  ["environment: $", "[PATH]", "{ NAME: value }"],
  ["logs: { directory: /var/log/orders, append: $ }", "yes", "true"],
  ["logs: { directory: /var/log/orders, append: $ }", "off", "false"],
  ["logs: { directory: /var/log/orders, rotate: $ }", "10MiB", "{ maxSize: 10MiB }"],
  ["logs: { directory: /var/log/orders, rotate: $ }", "10 MB", "{ maxSize: 10MB }"],
  ["logs: { directory: /var/log/orders, rotate: $ }", "true", "{ maxSize: 10MiB }"],
  ["logs: { directory: /var/log/orders, rotate: { maxSize: 1MiB, keep: $ } }", '"8"', "8"],
  ["logs: { directory: /var/log/orders, stdout: $ }", "/var/log/orders/out.log", '"out.log"'],
  ["displayName: $", "2024", '"2024"'],
  ["description: $", "true", '"true"'],
  ["targets: $", "systemd", "[systemd]"],
  ["targets: [$]", "WinSW", '"winsw"'],
  ["targets: [$]", "task-scheduler", '"schtasks"'],
];

describe("shape mistakes: the hint shows the shape, and it passes", () => {
  it.each(SHAPES)("%s with %s", async (template, bad, want) => {
    expect((await followHint(template, bad)).fix).toBe(want);
  });
  // The same fields in a platform section get the same hints.
  const platform = SHAPES.filter(([t]) => !/^(targets|name|displayName|description):/.test(t) || /^(displayName|description):/.test(t));
  it.each(platform.flatMap(([t, b, w]) => PLATFORMS.map((p) => [`${p}: { ${t} }`, b, w] as const)))("%s with %s", async (template, bad, want) => {
    expect((await followHint(template, bad)).fix).toBe(want);
  });
});

describe("options.<target>.*", () => {
  // Every target's options, as the schema has them.
  const targets = Object.keys(schema.definitions.options.properties);
  it.each([
    ...targets.map((t) => [`options: { ${t}: { ignore: $ } }`, "logs.rotate", "[logs.rotate]"] as const),
    ...targets.map((t) => [`options: { ${t}: { ignore: [$] } }`, "rotate", '"logs.rotate"'] as const),
    ...targets.map((t) => [`options: { ${t}: { ignore: [$] } }`, "Password", '"account.password"'] as const),
    ["options: { winsw: { version: $ } }", '"3"', "3"],
    ["options: { nssm: { version: $ } }", "2.24", '"2.24"'],
    ["options: { systemd: { version: $ } }", '"252"', "252"],
    ["options: { systemd: { wantedBy: $ } }", "multi-user", '"multi-user.target"'],
    ["options: { schtasks: { trigger: $ } }", "startup", '"boot"'],
    ["options: { schtasks: { trigger: $ } }", "at logon", '"logon"'],
  ])("%s with %s", async (template, bad, want) => {
    expect((await followHint(template, bad)).fix).toBe(want);
  });
});

describe("keys written at the wrong level: the hint moves them where they pass", () => {
  it.each([
    ["$", "timeout: 30s", "stop: { timeout: 30s }"],
    ["$", "policy: always", "restart: { policy: always }"],
    ["$", "directory: /var/log/orders", "logs: { directory: /var/log/orders }"],
    ["$", "maxSize: 10MiB", "logs: { directory: /var/log/orders-api, rotate: { maxSize: 10MiB } }"],
    ["logs: { directory: /var/log/orders }\n$", "maxSize: 10MiB", "rotate: { maxSize: 10MiB }", "logs"],
    ["$", "preStart: /opt/orders/migrate", "hooks: { preStart: { executable: /opt/orders/migrate } }"],
    ["$", "user: CORP\\svc-orders", "account: { user: CORP\\svc-orders, password: { fromEnv: ORDERS_API_PASSWORD } }"],
    ["$", "user: orders", "account: { user: orders }"],
    ["logs: { directory: /var/log/orders, $ }", "keep: 3", "rotate: { maxSize: 10MiB, keep: 3 }"],
    ["account: { user: CORP\\svc, $ }", "fromEnv: SVC_PW", "password: { fromEnv: SVC_PW }"],
    ["linux: { $ }", "timeout: 30s", "stop: { timeout: 30s }"],
  ] as [string, string, string, string?][])("%s with %s", async (template, bad, want, into) => {
    const [d, ...more] = await errorsOf(BASE + template.replace("$", bad) + "\n");
    expect(more).toEqual([]);
    const m = /move it(?: into ([\w.]+))?: `([^`]+)`/.exec(d!.hint ?? "");
    expect(m?.[2]).toBe(want);
    expect(m?.[1]).toBe(into);
    // "into logs": the suggestion goes inside the spec's logs map, in place of the misplaced key.
    const fixed = into ? BASE + template.replace("$", "").replace(/^logs: \{ (.*) \}$/m, `logs: { $1, ${want} }`) : BASE + template.replace("$", want);
    expect(await errorsOf(fixed + "\n")).toEqual([]);
  });
});

describe("top-level values", () => {
  it("version and name", async () => {
    const errors = await errorsOf('version: "1"\nname: orders api\nexecutable: /opt/orders/orders\n');
    expect(errors.map((d) => `${d.code}@${d.line}:${d.col} ${d.message} | ${d.hint}`)).toEqual([
      'SVC1100@1:10 version must be the number 1, not the string "1" | write `version: 1`, without quotes',
      'SVC1201@2:7 name "orders api" is not a valid service name (try "orders-api") | letters, digits, _ . - only, starting with a letter or digit, at most 64 characters (it is both a Windows service name and a systemd unit name); displayName takes any text',
    ]);
    expect(await errorsOf("version: 1\nname: orders-api\nexecutable: /opt/orders/orders\n")).toEqual([]);
  });
});
