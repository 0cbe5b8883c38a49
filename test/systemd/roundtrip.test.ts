import { describe, expect, it } from "vitest";
import { parseText } from "../../src/spec/text.js";
import { compileYaml } from "../helpers/compile.js";
import { decodeEnvironment, decodeExec, parseUnit, values } from "../decoders/systemd-unit.js";

// Every hostile string goes into ExecStart arguments and Environment values; reading the unit back with
// a decoder written from systemd.syntax(7) must give the spec's value exactly, or svcgen must refuse.
const HOSTILE = [
  "plain",
  "",
  " ",
  "two words",
  '"',
  "'",
  'say "hi"',
  "it's",
  "\\",
  "trailing\\",
  "C:\\Program Files\\",
  "\\\\server\\share\\",
  'back\\"slash',
  "%",
  "100%",
  "%h%n%%",
  "$",
  "$$",
  "$HOME",
  "${}",
  "cost: 5$",
  "^ & | < > ( ) !",
  ";",
  "a;b",
  "\t",
  "tab\tinside",
  "new\nline",
  "cr\rlf",
  "bell\x07",
  "del\x7f",
  "#not a comment",
  "Grüße 東京 🎉",
  "\u00a0nbsp",
  "x".repeat(2000),
  "--flag=value with spaces",
  "'single' \"double\" `back`",
];

const yamlString = (s: string) => JSON.stringify(s); // JSON strings are YAML strings
const escDollar = (s: string) => s.replace(/\$/g, "$$$$"); // spec syntax: $$ is a literal $

describe("systemd ExecStart and Environment decode back to the spec's values", () => {
  it("hostile literal strings", async () => {
    const yaml = [
      "version: 1",
      "name: rt",
      "executable: /opt/rt/rt",
      `args: [${HOSTILE.map((s) => yamlString(escDollar(s))).join(", ")}]`,
      "environment:",
      ...HOSTILE.map((s, i) => `  V${i}: ${yamlString(escDollar(s))}`),
    ].join("\n");
    const r = await compileYaml(yaml, "systemd");
    expect(r.errors).toEqual([]);
    const unit = parseUnit(r.text("rt.service"));
    const exec = decodeExec(values(unit, "Service", "ExecStart")[0]!);
    expect(exec.executable).toBe("/opt/rt/rt");
    expect(exec.args).toEqual(HOSTILE.map((s) => [{ kind: "literal", text: s }]));
    const env = values(unit, "Service", "Environment").flatMap(decodeEnvironment);
    expect(env).toEqual(HOSTILE.map((s, i) => [`V${i}`, s]));
  });

  it("${NAME} stays one argument with its surroundings", async () => {
    const args = ["${HOME}", "${HOME}/x y", "pre${A}mid${B}post", "$${HOME}", "%${A}%"];
    const yaml = `version: 1\nname: rt\nexecutable: /opt/rt/rt\nargs: [${args.map(yamlString).join(", ")}]\n`;
    const r = await compileYaml(yaml, "systemd");
    expect(r.errors).toEqual([]);
    const exec = decodeExec(values(parseUnit(r.text("rt.service")), "Service", "ExecStart")[0]!);
    const expected = args.map((a) => {
      const p = parseText(a);
      if (!p.ok) throw new Error(a);
      return p.parts;
    });
    expect(exec.args).toEqual(expected);
  });

  it("an executable path with spaces and %", async () => {
    const r = await compileYaml('version: 1\nname: rt\nexecutable: "/opt/my app/50%/run"\n', "systemd");
    expect(r.errors).toEqual([]);
    expect(decodeExec(values(parseUnit(r.text("rt.service")), "Service", "ExecStart")[0]!).executable).toBe("/opt/my app/50%/run");
  });

  it.each([
    ["an executable with a backslash", 'executable: "/opt/a\\\\b/run"', "SVC4104"],
    ["an executable with a quote", "executable: '/opt/a\"b/run'", "SVC4104"],
    ["${NAME} in the executable", 'executable: "${ROOT}/run"', "SVC4102"],
    ["${NAME} in an environment value", 'executable: /opt/x\nenvironment: { A: "${B}" }', "SVC4101"],
    ["a working directory ending in a backslash", 'executable: /opt/x\nworkingDirectory: "/opt/x\\\\"', "SVC4103"],
    ["a working directory with a newline", 'executable: /opt/x\nworkingDirectory: "/opt/x\\ny"', "SVC4103"],
    ["a description with a line break", 'executable: /opt/x\ndescription: "a\\nb"', "SVC4103"],
    ["a working directory with a .. component", 'executable: /opt/x\nworkingDirectory: "/opt/../x"', "SVC4103"],
    ["a log file named ..", 'executable: /opt/x\nlogs: { directory: /var/log, stdout: ".." }', "SVC4103"],
    ["a displayName with leading space", 'executable: /opt/x\ndisplayName: " x"', "SVC4103"],
    ["a Windows variable name in args", 'executable: /opt/x\nargs: ["${ProgramFiles(x86)}"]', "SVC4105"],
    ["a Windows user", 'executable: /opt/x\naccount: { user: "CORP\\\\svc", password: { fromEnv: P } }', "SVC2016"],
  ])("refuses %s", async (_, body, code) => {
    const r = await compileYaml(`version: 1\nname: rt\n${body}\n`, "systemd");
    expect(r.errors.map((e) => e.code)).toContain(code);
    expect(r.files.size).toBe(0);
  });
});
