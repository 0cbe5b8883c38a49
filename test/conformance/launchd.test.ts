import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect } from "vitest";
import { decodePlist, type PlistValue } from "../../src/targets/launchd/escape.js";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { canonical, Plistlib, plistlibAvailable, validatePlist, xmllintAvailable, type Tagged } from "../helpers/plist-oracles.js";

// Oracles: Apple's PropertyList-1.0 DTD (test/oracles/PropertyList-1.0.dtd, with its source in
// test/oracles/README.md) through xmllint --dtdvalid, and Python's plistlib as the independent reader of
// the values. Expected values here are written from launchd.plist(5), not taken from svcgen's output.
const it = itWithOracle(xmllintAvailable && plistlibAvailable, "xmllint and python3 (plistlib)", "apt-get install libxml2-utils python3");

const reader = plistlibAvailable ? new Plistlib() : undefined;
afterAll(() => reader?.close());

const root = resolve(new URL("../..", import.meta.url).pathname);
const fixtures = join(root, "fixtures");
const goldenPlists = readdirSync(fixtures).flatMap((c) => {
  const dir = join(fixtures, c, "expected");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".plist")).map((f) => ({ fixture: c, file: join(dir, f) })) : [];
});

const tagged = (v: PlistValue): Tagged => (v instanceof Map ? { dict: [...v].map(([k, x]): [string, Tagged] => [k, tagged(x)]) } : Array.isArray(v) ? v.map(tagged) : v);
const dict = (o: Record<string, Tagged>): Tagged => ({ dict: Object.entries(o) });

async function read(bytes: Uint8Array | string): Promise<Tagged> {
  const r = await reader!.read(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
  if ("error" in r) throw new Error(`plistlib: ${r.error}`);
  return r.ok;
}

/** Builds one spec for launchd, checks the file against the DTD, and returns what plistlib reads. */
async function build(yaml: string, file: string): Promise<{ job: Tagged; text: string }> {
  const r = await compileYaml(yaml, "launchd");
  expect(r.errors, JSON.stringify(r.errors)).toEqual([]);
  const text = r.text(file);
  expect(validatePlist(text)).toEqual({ status: 0, output: "" });
  const job = await read(text);
  expect(canonical(tagged(decodePlist(text)))).toEqual(canonical(job));
  return { job, text };
}

describe("golden plists", () => {
  it("there are golden plists", () => expect(goldenPlists.length).toBeGreaterThanOrEqual(15));
  for (const g of goldenPlists) {
    it(`${g.fixture}: valid against Apple's DTD, read by plistlib as svcgen's own decoder reads it`, async () => {
      const bytes = readFileSync(g.file);
      expect(validatePlist(bytes)).toEqual({ status: 0, output: "" });
      const job = await read(bytes);
      expect(canonical(tagged(decodePlist(bytes.toString("utf8"))))).toEqual(canonical(job));
      expect(job).toMatchObject({ dict: expect.arrayContaining([["Label", g.file.replace(/^.*\//, "").replace(/\.plist$/, "")]]) });
    });
  }
});

const BASE = "version: 1\nname: conf\nexecutable: /usr/local/bin/conf\n";
const keepAliveOnFailure = dict({ SuccessfulExit: false });

describe("each shape of job, as launchd.plist(5) names its keys", () => {
  const cases: [string, string, string, Record<string, Tagged>][] = [
    ["minimal", "", "conf.plist", { Label: "conf", ProgramArguments: ["/usr/local/bin/conf"], RunAtLoad: true, KeepAlive: keepAliveOnFailure, ThrottleInterval: 1 }],
    [
      "restart always, delayed start, stop timeout",
      "startup: delayed\nrestart: { policy: always, delay: 1m }\nstop: { timeout: 45s }\noptions: { launchd: { ignore: [startup, restart.delay] } }\n",
      "conf.plist",
      { Label: "conf", ProgramArguments: ["/usr/local/bin/conf"], RunAtLoad: true, KeepAlive: true, ThrottleInterval: 60, ExitTimeOut: 45 },
    ],
    ["manual, never restarted", "startup: manual\nrestart: { policy: never }\n", "conf.plist", { Label: "conf", ProgramArguments: ["/usr/local/bin/conf"], RunAtLoad: false, KeepAlive: false }],
    [
      "disabled",
      "startup: disabled\n",
      "conf.plist",
      { Label: "conf", Disabled: true, ProgramArguments: ["/usr/local/bin/conf"], RunAtLoad: false, KeepAlive: keepAliveOnFailure, ThrottleInterval: 1 },
    ],
    [
      "daemon with account, label, logs, environment, nice",
      "args: [a, 'b c']\nworkingDirectory: /var/conf\nenvironment: { A: '1', B_2: x y }\naccount: { user: _conf, group: wheel }\nlogs: { directory: /var/log/conf/, stdout: o.log, stderr: e.log }\npriority: realtime\noptions: { launchd: { label: org.example.conf, ignore: [priority] } }\n",
      "org.example.conf.plist",
      {
        Label: "org.example.conf",
        UserName: "_conf",
        GroupName: "wheel",
        ProgramArguments: ["/usr/local/bin/conf", "a", "b c"],
        WorkingDirectory: "/var/conf",
        EnvironmentVariables: dict({ A: "1", B_2: "x y" }),
        RunAtLoad: true,
        KeepAlive: keepAliveOnFailure,
        ThrottleInterval: 1,
        StandardOutPath: "/var/log/conf/o.log",
        StandardErrorPath: "/var/log/conf/e.log",
        Nice: -20,
      },
    ],
    [
      "agent with a lowered priority",
      "priority: idle\noptions: { launchd: { domain: user, ignore: [priority] } }\n",
      "conf.plist",
      { Label: "conf", ProgramArguments: ["/usr/local/bin/conf"], RunAtLoad: true, KeepAlive: keepAliveOnFailure, ThrottleInterval: 1, Nice: 19 },
    ],
  ];
  for (const [name, extra, file, want] of cases) {
    it(name, async () => {
      const { job } = await build(BASE + extra, file);
      expect(canonical(job)).toEqual(canonical(dict(want)));
    });
  }
});

// Hostile argv elements and environment values: plistlib must give each back exactly.
const HOSTILE = [
  "",
  " ",
  "  two  spaces  ",
  '"',
  "'",
  "\\",
  "trailing\\",
  "<tag attr=\"v\">&amp;</tag>",
  "]]>",
  "&#13;",
  "%PATH% and ${NOT} and $HOME",
  "tab\there",
  "line\nfeed",
  "\n",
  "del\x7f and c1 \u0085 and ls \u2028",
  "nbsp\u00a0",
  "Grüße, 東京, 🎉",
  "\ufffd",
  "x".repeat(5000),
];
/** A spec string for a literal value: `$` is written `$$`; JSON strings are YAML double-quoted strings. */
const specString = (s: string) => JSON.stringify(s.replace(/\$/g, "$$$$")).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

describe("hostile values reach the program unchanged", () => {
  it("as arguments and environment values", async () => {
    const yaml = BASE + `args: [${HOSTILE.map(specString).join(", ")}]\nenvironment:\n${HOSTILE.map((h, i) => `  V${i}: ${specString(h)}`).join("\n")}\n`;
    const { job } = await build(yaml, "conf.plist");
    const entries = new Map((job as { dict: [string, Tagged][] }).dict);
    expect(entries.get("ProgramArguments")).toEqual(["/usr/local/bin/conf", ...HOSTILE]);
    expect(entries.get("EnvironmentVariables")).toEqual(dict(Object.fromEntries(HOSTILE.map((h, i) => [`V${i}`, h]))));
  });
  it("in paths, account names and the label", async () => {
    const yaml =
      "version: 1\nname: conf\nexecutable: \"/Applications/A & B <C>.app/Contents/MacOS/a b\"\nworkingDirectory: \"/Users/x/\\\"q\\\" 'dir'\"\n" +
      "account: { user: _a.b-c, group: g_1 }\nlogs: { directory: \"/tmp/l&g/\", stdout: \"o <1>.log\" }\noptions: { launchd: { label: a.B-c_9 } }\n";
    const { job } = await build(yaml, "a.B-c_9.plist");
    const entries = new Map((job as { dict: [string, Tagged][] }).dict);
    expect(entries.get("ProgramArguments")).toEqual(["/Applications/A & B <C>.app/Contents/MacOS/a b"]);
    expect(entries.get("WorkingDirectory")).toEqual("/Users/x/\"q\" 'dir'");
    expect(entries.get("StandardOutPath")).toEqual("/tmp/l&g/o <1>.log");
    expect(entries.get("UserName")).toEqual("_a.b-c");
    expect(entries.get("Label")).toEqual("a.B-c_9");
  });
});

describe("the oracles confirm each refusal", () => {
  const plist = (s: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>Label</key>\n\t<string>${s}</string>\n</dict>\n</plist>\n`;
  it("a control character cannot be written, raw or as a reference (SVC4802)", async () => {
    for (const body of ["a\x07b", "a&#7;b", "a\x0bb", "a&#x1b;b", "a&#0;b"]) {
      expect(validatePlist(plist(body)).status, body).not.toBe(0);
      expect("error" in (await reader!.read(new TextEncoder().encode(plist(body)))), body).toBe(true);
    }
    const r = await compileYaml(BASE + 'args: ["a\\u0007b", "a\\u000bb"]\n', "launchd");
    expect(r.errors.map((e) => e.code)).toEqual(["SVC4802", "SVC4802"]);
  });
  it("a raw carriage return comes back as a line feed (SVC4802 refuses CR)", async () => {
    expect(await read(plist("a\rb"))).toEqual(dict({ Label: "a\nb" }));
    expect(await read(plist("a\r\nb"))).toEqual(dict({ Label: "a\nb" }));
    // Only the reference survives a parser, and Apple's writer would put it back raw (see SVC4802).
    expect(await read(plist("a&#13;b"))).toEqual(dict({ Label: "a\rb" }));
    const r = await compileYaml(BASE + 'args: ["a\\rb"]\n', "launchd");
    expect(r.errors.map((e) => e.code)).toEqual(["SVC4802"]);
  });
  it("the DTD rejects malformed jobs (negative control)", () => {
    const good = plist("conf");
    const broken = [
      good.replace("\t<string>conf</string>\n", ""), // a key without a value
      good.replace("<string>conf</string>", "<string>conf</string><string>again</string>"), // two values
      good.replace("<string>conf</string>", "<text>conf</text>"), // an element the DTD does not declare
      good.replace("</dict>", "</dict><dict/>"), // two root values
      good.replace("<key>Label</key>", "<key>Label</key>loose text"), // text between dict items
      good.replace("<string>conf</string>", "<true>yes</true>"), // true is EMPTY
    ];
    for (const b of broken) {
      expect(b).not.toBe(good);
      const r = validatePlist(b);
      expect(r.status, b).not.toBe(0);
    }
    expect(validatePlist(good)).toEqual({ status: 0, output: "" });
  });
});
