import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/launchd/capabilities.js";
import { targetCodes as codes } from "../../src/targets/launchd/codes.js";
import { launchdOptionsSchema } from "../../src/targets/launchd/options.js";
import { compileYaml } from "../helpers/compile.js";

const BASE = "version: 1\nname: svc\nexecutable: /usr/local/bin/svc\n";
const codesOf = async (extra: string, base = BASE) => (await compileYaml(base + extra, "launchd")).diagnostics.map((d) => `${d.severity} ${d.code}`).sort();

describe("launchd capabilities", () => {
  it("declare every spec field, with a how text", () => {
    expect(Object.keys(capabilities).sort()).toEqual([...SPEC_FIELDS].sort());
    for (const [f, c] of Object.entries(capabilities)) {
      expect(c.how.length, f).toBeGreaterThan(5);
      for (const v of Object.values(c.values ?? {})) expect(v.how.length, f).toBeGreaterThan(5);
    }
  });

  it.each([
    "displayName: Nice name",
    "description: words",
    "dependsOn: [postgresql]",
    "restart: { maxRetries: 3, window: 1m }",
    "restart: { resetAfter: 1d }",
    "stop: { signal: SIGINT }",
    "logs: { directory: /var/log/svc, append: false }",
    "logs: { directory: /var/log/svc, rotate: { maxSize: 1MiB } }",
    "hooks: { preStart: { executable: /usr/local/bin/pre } }",
    "hooks: { postStop: { executable: /usr/local/bin/post } }",
    "account: local-system",
  ])("refuse what launchd cannot express: %s", async (extra) => {
    expect(await codesOf(extra + "\n")).toContain("error SVC3001");
  });

  it("accept losing them when ignored: the plist is written without them", async () => {
    const r = await compileYaml(
      BASE +
        "displayName: Nice\ndependsOn: [postgresql]\nstop: { signal: SIGINT }\nlogs: { directory: /var/log/svc, append: false }\n" +
        "options: { launchd: { ignore: [displayName, dependsOn, stop.signal, logs.append] } }\n",
      "launchd",
    );
    expect(r.diagnostics).toEqual([]);
    const text = r.text("svc.plist");
    expect(text).not.toMatch(/Nice|postgresql|SIGINT/);
    expect(text).toContain("<string>/var/log/svc/svc.out.log</string>");
  });

  it("take SIGTERM and logs.append: true as they are (launchd's own behaviour)", async () => {
    expect(await codesOf("stop: { signal: SIGTERM }\nlogs: { directory: /var/log/svc, append: true }\n")).toEqual([]);
  });

  it("warn where launchd only approximates", async () => {
    expect(await codesOf("restart: { delay: 5s }\n")).toEqual(["warning SVC3002"]);
    expect(await codesOf("startup: delayed\n")).toEqual(["warning SVC3002"]);
    expect(await codesOf("priority: below-normal\n")).toEqual(["warning SVC3002"]);
    expect(await codesOf("priority: normal\nstartup: auto\nrestart: { policy: never }\n")).toEqual([]);
  });
});

describe("launchd checks", () => {
  it("refuse ${NAME} everywhere launchd reads a value", async () => {
    const extra =
      'args: ["${HOME}"]\nworkingDirectory: "/x/${A}"\nenvironment: { P: "${PATH}" }\naccount: { user: "${U}" }\nlogs: { directory: "/var/${X}", stderr: "${Y}" }\n';
    expect((await codesOf(extra)).filter((c) => c === "error SVC4801")).toHaveLength(6);
    expect(await codesOf('args: ["$${HOME} is literal"]\n')).toEqual([]);
  });

  it("refuse an account for an agent, and accept it for a daemon", async () => {
    expect(await codesOf("account: { user: svc }\noptions: { launchd: { domain: user } }\n")).toEqual(["error SVC4805"]);
    expect(await codesOf("account: { user: svc }\noptions: { launchd: { domain: system } }\n")).toEqual([]);
  });

  it("refuse a raised priority for an agent only", async () => {
    const ignore = "ignore: [priority]";
    expect(await codesOf(`priority: above-normal\noptions: { launchd: { domain: user, ${ignore} } }\n`)).toEqual(["error SVC4807"]);
    expect(await codesOf(`priority: idle\noptions: { launchd: { domain: user, ${ignore} } }\n`)).toEqual([]);
    expect(await codesOf(`priority: realtime\noptions: { launchd: { ${ignore} } }\n`)).toEqual([]);
  });

  it("refuse startup: manual with a restart policy, since a kept-alive job starts at load", async () => {
    expect(await codesOf("startup: manual\n")).toEqual(["error SVC4806"]);
    expect(await codesOf("startup: manual\nrestart: { policy: always }\n")).toEqual(["error SVC4806"]);
    expect(await codesOf("startup: manual\nrestart: { policy: never }\n")).toEqual([]);
    expect(await codesOf("startup: disabled\n")).toEqual([]);
  });

  it("take durations in whole seconds only, and never a zero ExitTimeOut", async () => {
    const ignore = "options: { launchd: { ignore: [restart.delay] } }\n";
    expect(await codesOf("restart: { delay: 1500ms }\n" + ignore)).toEqual(["error SVC4803"]);
    expect(await codesOf("restart: { delay: 0s }\n" + ignore)).toEqual([]);
    expect(await codesOf("restart: { policy: never, delay: 1500ms }\n" + ignore)).toEqual(["warning SVC2017"]);
    expect(await codesOf("stop: { timeout: 2500ms }\n")).toEqual(["error SVC4803"]);
    expect(await codesOf("stop: { timeout: 0s }\n")).toEqual(["error SVC4804"]);
    expect(await codesOf("stop: { timeout: 200000d }\n")).toEqual(["error SVC4803"]);
    expect(await codesOf("stop: { timeout: 49710d }\n")).toEqual([]);
  });

  it('refuse "." and ".." as log file names', async () => {
    expect(await codesOf('logs: { directory: /var/log/svc, stdout: ".", stderr: ".." }\n')).toEqual(["error SVC4808", "error SVC4808"]);
    expect(await codesOf('logs: { directory: /var/log/svc, stdout: "...", stderr: ".hidden" }\n')).toEqual([]);
  });

  it("point at the value in the spec", async () => {
    const r = await compileYaml(BASE + 'args: [ok, "bad\\u0001"]\n', "launchd");
    expect(r.errors.map((e) => [e.code, e.line, e.col, e.target])).toEqual([["SVC4802", 4, 12, "launchd"]]);
  });
});

describe("every launchd code", () => {
  it("is SVC48xx, unique, with a title and an explanation", () => {
    const seen = new Set<string>();
    for (const c of codes) {
      expect(c.code).toMatch(/^SVC48\d\d$/);
      expect(seen.has(c.code)).toBe(false);
      seen.add(c.code);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.explain.length).toBeGreaterThan(30);
    }
  });
  it.each(codes.map((c) => [c.code, c] as const))("%s: its example produces it, and nothing else does the work", async (code, c) => {
    const r = await compileYaml("version: 1\nname: svc\n" + c.example, "launchd");
    const found = r.diagnostics.filter((d) => d.code === code);
    expect(found.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
    expect(found.every((d) => d.severity === c.severity && d.line >= 3)).toBe(true);
    expect(r.files.size).toBe(0);
  });
  it("is used in the target's sources", () => {
    const src = ["check.ts", "codes.ts"].map((f) => readFileSync(new URL(`../../src/targets/launchd/${f}`, import.meta.url), "utf8")).join("\n");
    for (const c of codes) expect(src).toMatch(new RegExp(`C\\.${Object.entries(codesModuleExports()).find(([, v]) => v === c.code)?.[0]}\\b`));
  });
});

// The exported constants of codes.ts by value (VARIABLE -> "SVC4801", ...), to find each one's use.
function codesModuleExports(): Record<string, string> {
  const text = readFileSync(new URL("../../src/targets/launchd/codes.ts", import.meta.url), "utf8");
  return Object.fromEntries([...text.matchAll(/export const (\w+) = "(SVC\d{4})";/g)].map((m) => [m[1]!, m[2]!]));
}

describe("options.launchd", () => {
  it("the schema's options.launchd is the fragment options.ts declares", () => {
    const schema = JSON.parse(readFileSync(new URL("../../schema/service.schema.json", import.meta.url), "utf8"));
    expect(schema.definitions.options.properties.launchd).toEqual(launchdOptionsSchema());
  });
  it("default to a daemon labelled with the name", async () => {
    const text = (await compileYaml(BASE, "launchd")).text("svc.plist");
    expect(text).toContain("<key>Label</key>\n\t<string>svc</string>");
    expect(text).toContain("sudo launchctl bootstrap system /Library/LaunchDaemons/svc.plist");
  });
  it("a label names the file and the job; an agent is installed per user", async () => {
    const r = await compileYaml(BASE + "options: { launchd: { label: com.example.svc, domain: user } }\n", "launchd");
    expect([...r.files.keys()]).toEqual(["com.example.svc.plist"]);
    expect(r.text("com.example.svc.plist")).toContain("launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/com.example.svc.plist");
  });
  it("a label that is not a file name is refused by the schema", async () => {
    expect(await codesOf('options: { launchd: { label: "../etc/x" } }\n')).toEqual(["error SVC1209"]);
    expect(await codesOf('options: { launchd: { domain: global } }\n')).toEqual(["error SVC1104"]);
  });
});
