// Commander wiring only. Everything else is imported when a command runs, so that `svcgen validate`
// in a pre-commit hook starts about as fast as bare node.
import type { Command } from "commander";
import { parseFast } from "./fast-args.js";
import { writeStderr, writeStdout } from "./output.js";

const TARGETS = ["winsw", "nssm", "sc", "systemd", "schtasks", "runkey", "supervisord", "launchd"] as const;
const FORMATS = ["text", "json", "github"] as const;

/** Exit codes of SPEC.md: 0 success, 1 a spec has errors (or --check or diff found a difference), 2 usage or I/O. */
export const EXIT = { ok: 0, specErrors: 1, usage: 2 } as const;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function program(): Promise<Command> {
  const { Command, Option } = await import("commander");
  const p = new Command("svcgen")
    .description("Compile a declarative service spec into WinSW, nssm, sc.exe, Task Scheduler, Windows Run key, systemd, supervisord and launchd definitions.")
    .version(process.env.SVCGEN_VERSION ?? "0.1.0", "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => writeStdout(s), writeErr: (s) => writeStderr(s) });

  const targetOption = () =>
    new Option("-t, --target <target>", `target to build or check (repeatable): ${TARGETS.join(", ")}, or all`)
      .argParser(collect)
      .default(undefined);
  const formatOption = () => new Option("--format <format>", "diagnostics format").choices(FORMATS as unknown as string[]).default("text");

  p.command("build")
    .description("compile specs into files in --out")
    .argument("<spec...>", "spec files")
    .addOption(targetOption())
    .option("-o, --out <dir>", "output directory", ".")
    .option("--check", "write nothing; fail when the files in --out differ from what would be written, or an orphan is there")
    .option("--prune", "delete generated files in --out whose spec is gone or no longer makes them")
    .option("--strict", "treat warnings as errors")
    .addOption(formatOption())
    .action(async (specs: string[], o: { target?: string[]; out: string; check?: boolean; prune?: boolean; strict?: boolean; format: string }) => {
      const { runBuild } = await import("./build.js");
      process.exitCode = await runBuild(specs, { targets: o.target, out: o.out, check: !!o.check, prune: !!o.prune, strict: !!o.strict, format: o.format as (typeof FORMATS)[number] });
    });

  p.command("validate")
    .description("check specs (against their targets, or --target) without writing anything")
    .argument("<spec...>", "spec files")
    .addOption(targetOption())
    .option("--strict", "treat warnings as errors")
    .addOption(formatOption())
    .action(async (specs: string[], o: { target?: string[]; strict?: boolean; format: string }) => {
      const { runValidate } = await import("./validate.js");
      process.exitCode = await runValidate(specs, { targets: o.target, strict: !!o.strict, format: o.format as (typeof FORMATS)[number] });
    });

  p.command("init")
    .description("write a starter spec NAME.yaml for a program (never overwrites a file)")
    .argument("<name>", "the service name")
    .requiredOption("--executable <path>", "absolute path of the program (C:\\... for Windows targets, /... for Linux)")
    .addOption(targetOption())
    .option("-o, --out <dir>", "directory to write NAME.yaml in", ".")
    .action(async (name: string, o: { executable: string; target?: string[]; out: string }) => {
      const { runInit } = await import("./init.js");
      process.exitCode = await runInit(name, { executable: o.executable, targets: o.target, out: o.out });
    });

  p.command("import")
    .description("read existing service definitions (systemd units, ...) into specs, one <name>.yaml per service")
    .argument("[file...]", "files to import: each service's main file, then the files that extend it (x.service x.service.d/*.conf)")
    .option("--installed <name>", "read the service installed on this machine instead (Linux: systemctl cat <name>)")
    .option("--from <kind>", "the kind of the files (a target), instead of detecting it from their content")
    .option("--service <name>", "only the service of this name, from files that hold several (supervisord programs, Run key values)")
    .option("-o, --out <dir>", "output directory", ".")
    .option("--strict", "treat warnings as errors")
    .addOption(formatOption())
    .action(async (files: string[], o: { installed?: string; from?: string; service?: string; out: string; strict?: boolean; format: string }) => {
      const { runImport } = await import("./import.js");
      process.exitCode = await runImport(files, {
        out: o.out,
        strict: !!o.strict,
        format: o.format as (typeof FORMATS)[number],
        ...(o.from !== undefined ? { from: o.from } : {}),
        ...(o.installed !== undefined ? { installed: o.installed } : {}),
        ...(o.service !== undefined ? { service: o.service } : {}),
      });
    });

  p.command("diff")
    .description("compare specs with the installed services, or with their files: each difference in the spec's terms, at the spec's line")
    .argument("<spec...>", "spec files")
    .addOption(targetOption())
    .option("--installed", "compare with the services installed on this machine (Linux: systemctl cat <name>.service; Windows: reg.exe export of the service's key for nssm and sc, schtasks /query /xml /tn <name>)")
    .option("--against <file...>", "compare with these files instead (a unit and its drop-ins, a WinSW or task XML, a reg export of a service key), given after the specs")
    .addOption(formatOption())
    .action(async (specs: string[], o: { target?: string[]; installed?: boolean; against?: string[]; format: string }) => {
      const { runDiff } = await import("./diff.js");
      process.exitCode = await runDiff(specs, { ...(o.target ? { targets: o.target } : {}), installed: !!o.installed, ...(o.against ? { against: o.against } : {}), format: o.format as (typeof FORMATS)[number] });
    });

  p.command("targets")
    .description("print the capability table: which spec field each target expresses, and how")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action(async (o: { format: "text" | "json" | "markdown" }) => {
      const { capabilityTable } = await import("./targets-table.js");
      writeStdout(await capabilityTable(o.format));
    });

  p.command("schema")
    .description("print the JSON Schema of a spec")
    .action(async () => {
      const { readFile } = await import("node:fs/promises");
      writeStdout(await readFile(new URL("../../schema/service.schema.json", import.meta.url), "utf8"));
    });

  p.command("explain")
    .description("explain a diagnostic code (SVCnnnn), or list them all")
    .argument("[code]", "a code such as SVC1203")
    .action(async (code?: string) => {
      const { explain } = await import("./explain.js");
      process.exitCode = await explain(code);
    });
  return p;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    const fast = parseFast(argv);
    if (fast?.command === "validate") {
      const { runValidate } = await import("./validate.js");
      return await runValidate(fast.specs, { targets: fast.target, strict: fast.strict, format: fast.format as (typeof FORMATS)[number] });
    }
    if (fast?.command === "build") {
      const { runBuild } = await import("./build.js");
      return await runBuild(fast.specs, { targets: fast.target, out: fast.out, check: fast.check, prune: fast.prune, strict: fast.strict, format: fast.format as (typeof FORMATS)[number] });
    }
    await (await program()).parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith("commander.")) {
      // --help and --version "fail" with exit code 0.
      return (e as { exitCode: number }).exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    writeStderr(`svcgen: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
}
