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

// Raw settings are judged as the unit writes them (issue 11, part 2): a backslash or blank that is not
// at an end of the composed line is harmless, and the blame goes to the field whose characters break it.
describe("systemd raw settings are judged as the composed line", () => {
  const body = "version: 1\nname: rt\nexecutable: /opt/x\n";
  it.each([
    ["a display name ending in a backslash, before a description", 'displayName: "a\\\\"\ndescription: "b"', "Description", "a\\ - b"],
    ["a display name ending in a blank, before a description", 'displayName: "a "\ndescription: "b"', "Description", "a  - b"],
    ["a description starting with a blank, after a display name", 'displayName: "a"\ndescription: " b"', "Description", "a -  b"],
    ["a log directory ending in a blank", "logs: { directory: \"/var/log \" }", "StandardOutput", "append:/var/log /rt.out.log"],
    ["a log directory ending in a backslash", 'logs: { directory: "/var/log\\\\" }', "StandardOutput", "append:/var/log\\/rt.out.log"],
    ["a log file name starting with a blank", 'logs: { directory: /var/log, stdout: " out.log" }', "StandardOutput", "append:/var/log/ out.log"],
  ])("accepts %s", async (_, fields, key, want) => {
    const r = await compileYaml(`${body}${fields}\n`, "systemd");
    expect(r.errors).toEqual([]);
    const section = key === "Description" ? "Unit" : "Service";
    expect(values(parseUnit(r.text("rt.service")), section, key)).toEqual([want]);
  });

  it.each([
    ["a description ending in a backslash, after a display name", 'displayName: "a"\ndescription: "b\\\\"', "description", 5, "the Description= line ends with a backslash"],
    ["a display name starting with a blank, before a description", 'displayName: " a"\ndescription: "b"', "displayName", 4, "the Description= line starts with a space or tab"],
    ["a description alone ending in a blank", 'description: "b "', "description", 4, "ends with a space or tab"],
    ["a log file name ending in a blank", 'logs: { directory: /var/log, stdout: "out " }', "logs.stdout", 4, "the StandardOutput= path ends with a space or tab"],
    ["a log path component longer than 255 bytes", `logs: { directory: /var/log, stderr: "${"é".repeat(128)}" }`, "logs.stderr", 4, "a component of 256 bytes"],
    ["a log path of 4096 bytes", `logs: { directory: "/${"d/".repeat(2000)}", stdout: "${"f".repeat(200)}" }`, "logs.stdout", 4, "a path of 4201 bytes"],
    ["a working directory component longer than 255 bytes", `workingDirectory: "/opt/${"w".repeat(256)}"`, "workingDirectory", 4, "a component of 256 bytes"],
  ])("refuses %s, at the field that breaks it", async (_, fields, field, line, message) => {
    const r = await compileYaml(`${body}${fields}\n`, "systemd");
    expect(r.errors.map((e) => [e.code, e.line, e.message.split(":")[0]])).toEqual([["SVC4103", line, `${field} cannot be written in a systemd unit`]]);
    expect(r.errors[0]!.message).toContain(message);
    expect(r.files.size).toBe(0);
  });
});
