// The hot path of pre-commit hooks and CI: `validate` and `build` with the documented options, parsed
// without loading commander (~15 ms of a ~100 ms run). Anything else — help, other verbs, an unknown or
// malformed option — returns undefined and goes to commander, whose messages and usage text are the
// reference. test/cli/fast-args.test.ts checks both parsers agree.

export type FastCommand =
  | { command: "validate"; specs: string[]; target?: string[]; strict: boolean; format: string }
  | { command: "build"; specs: string[]; target?: string[]; out: string; check: boolean; prune: boolean; strict: boolean; format: string };

const FORMATS = new Set(["text", "json", "github"]);

export function parseFast(argv: readonly string[]): FastCommand | undefined {
  const [command, ...rest] = argv;
  if (command !== "validate" && command !== "build") return undefined;
  const specs: string[] = [];
  const target: string[] = [];
  let out = ".";
  let check = false;
  let prune = false;
  let strict = false;
  let format = "text";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("-")) {
      specs.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const v = rest[i + 1];
      if (v === undefined || v.startsWith("-")) return undefined;
      i++;
      return v;
    };
    switch (name) {
      case "-t":
      case "--target": {
        const v = value();
        if (v === undefined) return undefined;
        target.push(v);
        break;
      }
      case "--format": {
        const v = value();
        if (v === undefined || !FORMATS.has(v)) return undefined;
        format = v;
        break;
      }
      case "--strict":
        if (inline !== undefined) return undefined;
        strict = true;
        break;
      case "-o":
      case "--out": {
        const v = command === "build" ? value() : undefined;
        if (v === undefined) return undefined;
        out = v;
        break;
      }
      case "--check":
        if (command !== "build" || inline !== undefined) return undefined;
        check = true;
        break;
      case "--prune":
        if (command !== "build" || inline !== undefined) return undefined;
        prune = true;
        break;
      default:
        return undefined; // --help, -h, --, combined short flags, unknown options: commander's job
    }
  }
  if (specs.length === 0) return undefined;
  const t = target.length > 0 ? target : undefined;
  return command === "validate"
    ? { command, specs, ...(t ? { target: t } : {}), strict, format }
    : { command, specs, ...(t ? { target: t } : {}), out, check, prune, strict, format };
}
