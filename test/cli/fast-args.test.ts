import { describe, expect, it } from "vitest";
import { parseFast } from "../../src/cli/fast-args.js";
import { runCli } from "../helpers/cli.js";

// The fast parser must mean exactly what commander means, or step aside. For every argv it accepts,
// commander (the reference) must parse the same options; everything else must go to commander.
async function viaCommander(argv: string[]) {
  const { Command, Option } = await import("commander");
  let got: unknown;
  const p = new Command("svcgen").exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  const common = (c: InstanceType<typeof Command>) =>
    c.addOption(new Option("-t, --target <target>").argParser(collect)).option("--strict").addOption(new Option("--format <format>").choices(["text", "json", "github"]).default("text"));
  common(p.command("validate").argument("<spec...>")).action((specs: string[], o: Record<string, unknown>) => (got = { command: "validate", specs, ...o }));
  common(p.command("build").argument("<spec...>"))
    .option("-o, --out <dir>", "", ".")
    .option("--check")
    .option("--prune")
    .action((specs: string[], o: Record<string, unknown>) => (got = { command: "build", specs, ...o }));
  await p.parseAsync(argv, { from: "user" });
  return got as Record<string, unknown>;
}

const accepted = [
  ["validate", "a.yaml"],
  ["validate", "a.yaml", "b.yaml", "--target", "systemd", "-t", "winsw", "--strict", "--format", "json"],
  ["validate", "--format=github", "a.yaml", "--target=all"],
  ["build", "a.yaml", "--out", "deploy", "--check", "-t", "nssm,sc"],
  ["build", "-o", "x y", "a b.yaml", "--strict", "--format", "text"],
  ["build", "a.yaml", "--prune", "-o", "deploy"],
];
const deferred = [
  ["validate"],
  ["validate", "a.yaml", "--help"],
  ["validate", "a.yaml", "--out", "x"],
  ["validate", "a.yaml", "--check"],
  ["validate", "a.yaml", "--format", "xml"],
  ["validate", "a.yaml", "--target"],
  ["build", "a.yaml", "--out"],
  ["build", "a.yaml", "-x"],
  ["build", "a.yaml", "--", "-weird.yaml"],
  ["build", "a.yaml", "--check=yes"],
  ["build", "a.yaml", "--prune=yes"],
  ["validate", "a.yaml", "--prune"],
  ["targets"],
  ["schema"],
  ["--version"],
  [],
];

describe("the fast argument parser", () => {
  it.each(accepted)("agrees with commander: %j", async (...argv) => {
    const fast = parseFast(argv)!;
    expect(fast).toBeDefined();
    const ref = await viaCommander(argv);
    expect({ ...fast }).toEqual({
      command: ref.command,
      specs: ref.specs,
      ...(ref.target ? { target: ref.target } : {}),
      strict: !!ref.strict,
      format: ref.format,
      ...(ref.command === "build" ? { out: ref.out, check: !!ref.check, prune: !!ref.prune } : {}),
    });
  });
  it.each(deferred)("leaves to commander: %j", (...argv) => {
    expect(parseFast(argv)).toBeUndefined();
  });
  it("commander still answers what the fast path leaves (help, usage errors)", async () => {
    const help = await runCli(["validate", "x.yaml", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: svcgen validate");
    const bad = await runCli(["validate", "x.yaml", "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are text, json, github");
  });
});
