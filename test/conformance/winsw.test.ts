// The WinSW "oracle": WinSW ships no schema and cannot run here, so each generated file is read back the
// way WinSW's parser reads it (test/winsw/winsw-reader.ts, written from WinSW's source), its argument
// lines are split by the Windows argv rules (test/decoders/windows-argv.ts), and every value is compared
// with the spec. Files written for no particular version are read as WinSW 2 AND as WinSW 3. xmllint
// checks that each file is well-formed XML.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { itWithOracle } from "../helpers/oracle.js";
import { build, MACHINE, spec, type Built, type Spec, type VersionChoice } from "../winsw/build.js";
import { expectSameAsSpec } from "../winsw/spec-meaning.js";
import { expectLayout, expectOnlyReadElements } from "../winsw/structure.js";
import { readWinsw, type Version } from "../winsw/winsw-reader.js";

const VERSIONS: VersionChoice[] = [undefined, 2, 3];
const readsOf = (v: VersionChoice): Version[] => (v === undefined ? [2, 3] : [v]);

/** Every check a generated file must pass; `v` is the version it was written for. */
function expectFaithful(b: Built, v: VersionChoice): void {
  expect(b.errors, b.yaml).toEqual([]);
  expect(b.xml, "a file was written").toBeDefined();
  expectLayout(b.bytes!);
  expectOnlyReadElements(b.xml!, v);
  for (const r of readsOf(v)) expectSameAsSpec(readWinsw(b.xml!, r, MACHINE), b.model!, r, MACHINE);
}

async function roundTrip(s: Spec, v: VersionChoice): Promise<Built> {
  const b = await build(spec(s, v));
  expectFaithful(b, v);
  return b;
}

const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;

describe("fixtures that build winsw read back as their spec", () => {
  const root = join(import.meta.dirname, "../../fixtures");
  const dirs = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, "service.yaml"))) : [];
  for (const dir of dirs) {
    const yaml = readFileSync(join(root, dir, "service.yaml"), "utf8");
    const data = parseYaml(yaml) as Spec;
    const targets = (data.targets as string[] | undefined) ?? ["winsw", "nssm", "sc", "systemd", "schtasks"];
    if (!targets.includes("winsw")) continue;
    it(dir, async () => {
      const b = await build(data);
      if (b.errors.length > 0) return; // a fixture about refusals: its expected diagnostics cover it
      const v = ((data.options as Spec | undefined)?.winsw as Spec | undefined)?.version as VersionChoice;
      expectFaithful(b, v);
    });
  }
});

describe("every field, every version", () => {
  const cases: [string, Spec][] = [
    ["minimal", {}],
    ["identity", { displayName: "Orders API", description: "Accepts & tracks <orders>." }],
    ["arguments", { args: ["--port", "8080", "--title", "Orders & Billing", "", " ", "a\"b", "C:\\dir\\", "x y\\", "\\\\server\\share"] }],
    ["variables", { executable: "${ProgramFiles}\\app\\app.exe", args: ["${SPACED}", "--dir=${ProgramFiles(x86)}\\x", "${AMP}-${PERCENT}"], workingDirectory: "${ProgramData}\\app" }],
    ["environment in order", { environment: { HOME_DIR: "${ProgramFiles}\\app", DATA: "${HOME_DIR}\\data", PATH: "${PATH};${HOME_DIR}\\bin", AMP2: "${AMP}" } }],
    ["startup auto", { startup: "auto" }],
    ["startup delayed", { startup: "delayed" }],
    ["startup manual", { startup: "manual" }],
    ["startup disabled", { startup: "disabled" }],
    ["dependencies", { dependsOn: ["Tcpip", "Dnscache", "MSSQLSERVER"] }],
    ["restart default", {}],
    ["restart never", { restart: { policy: "never" } }],
    ["restart limit", { restart: { delay: "1m30s", maxRetries: 4, window: "10m" } }],
    ["restart reset", { restart: { delay: "250ms", resetAfter: "1d" } }],
    ["restart limit and equal reset", { restart: { maxRetries: 2, window: "1h", resetAfter: "1h" } }],
    ["restart limit and another reset", { restart: { maxRetries: 3, window: "1h", resetAfter: "1d" } }],
    ["stop timeout", { stop: { timeout: "1h30m" } }],
    ["logs append", { logs: { directory: "C:\\logs" } }],
    ["logs reset", { logs: { directory: "C:\\logs", append: false } }],
    ["logs named", { logs: { directory: "${ProgramData}\\svc logs", stdout: "app.out.log", stderr: "app.err.log" } }],
    ["logs rotated", { logs: { directory: "C:\\logs", rotate: { maxSize: "10MiB", keep: 3 } } }],
    ["logs rotated, default keep", { logs: { directory: "C:\\logs", rotate: { maxSize: "512KiB" } } }],
    ...(["idle", "below-normal", "normal", "above-normal", "high", "realtime"] as const).map((p): [string, Spec] => [`priority ${p}`, { priority: p }]),
    ["account local-system", { account: "local-system" }],
  ];
  for (const [name, s] of cases) {
    for (const v of VERSIONS) it(`${name} (${v ?? "both"})`, () => roundTrip(s, v));
  }

  const versioned: [string, Spec, Version[]][] = [
    ["local-service", { account: "local-service" }, [2, 3]],
    ["network-service", { account: "network-service" }, [2, 3]],
    ["virtual account", { account: "virtual" }, [2]],
    ["domain user", { account: { user: "CORP\\svc-orders", password: { fromEnv: "ORDERS_PW" } } }, [2, 3]],
    ["local user", { account: { user: ".\\svc", password: { fromEnv: "PW" } } }, [2, 3]],
    ["gMSA", { account: { user: "CORP\\svc-gmsa$" } }, [2, 3]],
    ["UPN user", { account: { user: "svc@corp.example", password: { fromEnv: "PW" } } }, [3]],
    ["hooks", { hooks: { preStart: { executable: "C:\\apps\\migrate.exe", args: ["--up", "a b", "${SPACED}"] }, postStop: { executable: "${ProgramFiles}\\n.exe" } } }, [3]],
    ["line break in an argument", { args: ["line1\nline2", "a\r\nb"] }, [3]],
    ["empty environment value", { environment: { EMPTY: "" } }, [3]],
  ];
  for (const [name, s, vs] of versioned) for (const v of vs) it(`${name} (${v})`, () => roundTrip(s, v));

  it("the same spec gives the same bytes", async () => {
    const s = spec({ args: ["a b"], environment: { A: "1", B: "2" }, dependsOn: ["X", "Y"] }, 3);
    expect((await build(s)).bytes).toEqual((await build(s)).bytes);
  });
});

// Hostile strings: each must either reach WinSW unchanged or be refused with a located diagnostic.
const HOSTILE = [
  'say "hi"',
  '"',
  '""',
  "\\",
  "C:\\dir\\",
  "C:\\dir\\\\",
  'a\\"b',
  "a\\\\\"b",
  "%",
  "100%",
  "$",
  "$$",
  "cost: $5",
  "^",
  "a^b^^",
  "&",
  "a & b && c",
  "|<>",
  "]]>",
  "<!-- x -->",
  "--",
  "  leading and trailing  ",
  "tab\there",
  "Ünïcödé ✓ 中文 😀",
  "\u00a0nbsp\u2028ls\u0085nel",
  "'single'",
  "`back`",
  "!bang!",
  "(paren)",
  ";,=",
];
const REFUSED_CONTROL = ["\u0001", "bell\u0007", "esc\u001b[0m", "\u000b", "\u000c", "\ufffe"];

// No Windows file name holds a control character or a line separator: a Windows path with one is refused
// by the loader (SVC2021, test/spec/load.test.ts), so the paths below carry such a value with spaces instead.
// eslint-disable-next-line no-control-regex
const inPath = (h: string): string => h.replace(/[\x01-\x1f\x7f\x85\u2028\u2029]/g, " ");

describe("hostile strings", () => {
  for (const v of VERSIONS) {
    it(`reach WinSW unchanged in every value (${v ?? "both"})`, async () => {
      for (const h of HOSTILE) {
        const s: Spec = {
          displayName: `n${h}`,
          description: h,
          args: [h, `x${h}`, `${h}y`],
          workingDirectory: `C:\\w${inPath(h)}`,
          environment: { V: h, W: `${h}${h}`.replace(/%/g, "") },
          logs: { directory: `C:\\l${inPath(h)}`, stdout: `o${h.replace(/[\\/]/g, "")}.out.log`, stderr: `o${h.replace(/[\\/]/g, "")}.err.log` },
        };
        if (v === 3) s.hooks = { preStart: { executable: `C:\\h${inPath(h)}.exe`.replace(/"/g, ""), args: [h] } };
        const b = await build(spec(s, v));
        // "100%" twice in one line can pair; "$$" is the spec's escape for "$". Those cases are checked below.
        if (h.includes("%")) {
          expect(b.codes, h).toContain("SVC4002");
          continue;
        }
        if (b.errors.length > 0) throw new Error(`${JSON.stringify(h)}: ${JSON.stringify(b.errors)}`);
        expectFaithful(b, v);
      }
    });
  }

  it("a single % reaches WinSW, two that could pair are refused", async () => {
    await roundTrip({ args: ["100%"], environment: { P: "5%" }, description: "50% off" }, undefined);
    for (const s of [{ args: ["100%", "50%"] }, { args: ["%PATH%"] }, { environment: { P: "%x%" } }, { description: "50% or 60%" }, { args: ["5%${PATH}"] }]) {
      const b = await build(spec(s));
      expect(b.codes, JSON.stringify(s)).toContain("SVC4002");
      expect(b.xml).toBeUndefined();
    }
  });

  it("control characters XML cannot carry are refused where they are", async () => {
    for (const c of REFUSED_CONTROL) {
      for (const s of [{ args: [c] }, { description: c }, { environment: { V: c } }, { displayName: `x${c}` }]) {
        const b = await build(spec(s));
        expect(b.codes, JSON.stringify(s)).toContain("SVC4406");
        expect(b.errors.every((e) => e.line > 0 && e.col > 0)).toBe(true);
        expect(b.xml).toBeUndefined();
      }
    }
  });

  it("values of only whitespace reach WinSW", async () => {
    for (const v of VERSIONS) await roundTrip({ displayName: "   ", description: "\t", args: [" ", "\t"], workingDirectory: "C:\\ ", environment: { S: " " } }, v);
  });

  it("CR and LF reach WinSW 3, and WinSW 2 wherever it keeps them", async () => {
    await roundTrip({ args: ["a\nb", "\r\n"], description: "line 1\nline 2\r\n", environment: { V: "x\ny\r" } }, 3);
    await roundTrip({ description: "line 1\nline 2\r\n", environment: { V: "x\ny\r" } }, 2);
    await roundTrip({ description: "line 1\nline 2\r\n", environment: { V: "x\ny\r" } }, undefined);
  });

  const chars = fc.constantFrom(..."ab Z09\\\"%$^&|<>'`!()[]{};,=.-_~\t\n\rÜ中😀\u00a0\u0001\u001f\u007f".split(/(?:)/u));
  const hostile = fc.array(chars, { maxLength: 12 }).map((a) => a.join(""));
  const SAFE = new Set(["SVC2021", "SVC4002", "SVC4406", "SVC4407", "SVC4408", "SVC4417", "SVC4418", "SVC1210", "SVC2002", "SVC2008", "SVC2009", "SVC1106"]);

  for (const v of VERSIONS) {
    it(`property: any strings either round-trip exactly or are refused with a known code (${v ?? "both"})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostile, { maxLength: 4 }), hostile, hostile, hostile, async (args, d, e, w) => {
          const b = await build(spec({ args, description: d, displayName: `n${d}`, environment: { E: e, F: `${e}!` }, workingDirectory: `C:\\${w}` }, v));
          if (b.errors.length > 0) {
            for (const c of b.errors.map((x) => x.code)) expect(SAFE, `unexpected ${c} for ${b.yaml}`).toContain(c);
            return;
          }
          expectFaithful(b, v);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("property: strings without %, control characters or ${ always compile and round-trip (WinSW 3)", async () => {
    const safe = fc
      .array(fc.constantFrom(..."ab Z09\\\"$^&|<>'`!()[]};,=.-_~\t\n\rÜ中😀\u00a0".split(/(?:)/u)), { minLength: 1, maxLength: 12 })
      .map((a) => a.join("").replace(/\$\{/g, "$"));
    await fc.assert(
      fc.asyncProperty(fc.array(safe, { maxLength: 5 }), safe, safe, async (args, d, e) => {
        const b = await build(spec({ args, description: d, displayName: `n${d}`, environment: { E: e } }, 3));
        expectFaithful(b, 3);
      }),
      { numRuns: 300 },
    );
  });
});

describe("well-formed XML", () => {
  itWithOracle(hasXmllint, "xmllint", "apt-get install libxml2-utils")("xmllint accepts every file, hostile headers included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "svcgen-winsw-"));
    const files: string[] = [];
    const add = (name: string, b: Built) => {
      expect(b.errors).toEqual([]);
      const f = join(dir, name);
      writeFileSync(f, b.bytes!);
      files.push(f);
    };
    for (const v of VERSIONS) {
      add(`all-${v ?? "both"}.xml`, await build(spec({ displayName: "a]]>b", description: "<!-- -- -->", args: HOSTILE.filter((h) => !h.includes("%")), logs: { directory: "C:\\l" } }, v)));
    }
    add("account.xml", await build(spec({ name: "a--b-", account: { user: "CORP\\--x--", password: { fromEnv: "P" } } }, 3), "specs/--x--/service-.yaml"));
    execFileSync("xmllint", ["--noout", ...files]);
  });
});
