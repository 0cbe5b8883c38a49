// What the spec means, in the terms WinSW's reader reports (test/winsw/winsw-reader.ts), computed from the
// IR alone: this is the other side of every round-trip comparison. It knows the spec (SPEC.md) and the
// WinSW facts a faithful mapping must reproduce (start modes, priority names, SCM recovery actions), and
// nothing of how the emitter writes them.

import { expect } from "vitest";
import type { ServiceModel, Text } from "../../src/model.js";
import { decodeWindowsArgs } from "../decoders/windows-argv.js";
import type { Env, Version, WinswConfig } from "./winsw-reader.js";

/** A spec text with each ${NAME} replaced by the variable's value (left as %NAME% when undefined, as Windows does). */
export function evalText(t: Text, env: Env): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text : (env.get(p.name.toUpperCase()) ?? `%${p.name}%`))).join("");
}

const START_MODE = { auto: "Automatic", delayed: "Automatic", manual: "Manual", disabled: "Disabled" } as const;
const PRIORITY = { idle: "Idle", "below-normal": "BelowNormal", normal: "Normal", "above-normal": "AboveNormal", high: "High", realtime: "RealTime" } as const;
const BUILTIN = { "local-service": "NT AUTHORITY\\LocalService", "network-service": "NT AUTHORITY\\NetworkService" } as const;

/**
 * Asserts that WinSW (as `got` read it) sees every value of the spec. `machine` is the environment the
 * service starts with; the spec's own environment is applied on top of it, in order, as a service
 * manager applies variables.
 */
export function expectSameAsSpec(got: WinswConfig, model: ServiceModel, version: Version, machine: Env): void {
  // The environment the program starts with: the machine's, then the spec's variables in order, each
  // value seeing the variables before it.
  const env: Env = new Map(machine);
  for (const [k, v] of [["BASE", "C:\\svc"], ["SERVICE_ID", model.name.value], ["WINSW_EXECUTABLE", `C:\\svc\\${model.name.value}.exe`], ["WINSW_SERVICE_ID", model.name.value]]) env.set(k!, v!);
  const envList: [string, string][] = [];
  for (const e of model.environment) {
    const v = evalText(e.value, env);
    envList.push([e.name, v]);
    if (v === "") env.delete(e.name.toUpperCase());
    else env.set(e.name.toUpperCase(), v);
  }
  const ev = (t: Text) => evalText(t, env);
  const argv = (line: string) => {
    const a = decodeWindowsArgs(line, "msvcrt");
    expect(decodeWindowsArgs(line, "commandLineToArgvW"), `both argv dialects agree on ${JSON.stringify(line)}`).toEqual(a);
    return a;
  };

  expect(got.id).toBe(model.name.value);
  expect(got.displayName).toBe(ev(model.displayName));
  expect(got.description).toBe(model.description ? ev(model.description) : "");
  expect(got.executable).toBe(ev(model.executable));
  expect(argv(got.arguments)).toEqual(model.args.map(ev));
  expect(got.workingDirectory).toBe(model.workingDirectory ? ev(model.workingDirectory) : undefined);
  expect(got.env).toEqual(envList);
  for (const [k, v] of env) expect(got.finalEnv.get(k), `variable ${k}`).toBe(v);

  expect(got.startMode).toBe(START_MODE[model.startup.value]);
  expect(got.delayedAutoStart).toBe(model.startup.value === "delayed");
  expect(got.depend).toEqual(model.dependsOn.map((d) => d.value));

  const a = model.account;
  if (!a || (a.kind === "builtin" && a.builtin === "local-system")) {
    expect(got.account).toBeUndefined();
  } else {
    const name =
      a.kind === "user" ? evalText(a.user, new Map()) : a.builtin === "virtual" ? `NT SERVICE\\${model.name.value}` : BUILTIN[a.builtin as keyof typeof BUILTIN];
    expect(got.account?.name).toBe(name);
    expect(got.account?.password, "no password in the file").toBeUndefined();
    if (version === 3 && a.kind === "user" && a.passwordFromEnv) expect(got.account?.prompt).toBe("console");
    // WinSW 3 grants "Log on as a service" itself; WinSW 2 only when told, which a user account needs.
    if (version === 2) expect(got.account?.allowServiceLogon).toBe(a.kind === "user" && !/^NT (AUTHORITY|SERVICE)\\/i.test(name));
  }

  const r = model.restart;
  if (r.policy.value === "never") {
    expect(got.failureActions).toEqual([]);
  } else {
    const restart = { action: "restart", delayMs: r.delayMs.value };
    expect(got.failureActions).toEqual(
      r.maxRetries ? [...Array.from({ length: r.maxRetries.value }, () => restart), { action: "none", delayMs: 0 }] : [restart],
    );
    const reset = r.resetAfterMs?.value ?? (r.maxRetries ? r.windowMs?.value : undefined);
    if (reset !== undefined) expect(got.resetFailureMs).toBe(reset);
  }
  expect(got.stopTimeoutMs).toBe(model.stop.timeoutMs?.value ?? 15_000);

  const logs = model.logs;
  if (!logs) {
    expect(got.log.mode).toBe("append"); // WinSW's default: beside the executable
  } else {
    expect(got.log.directory).toBe(ev(logs.directory));
    expect(`${got.log.name}.out.log`).toBe(ev(logs.stdout));
    expect(`${got.log.name}.err.log`).toBe(ev(logs.stderr));
    expect(got.log.mode).toBe(logs.rotate ? "roll-by-size" : logs.append.value ? "append" : "reset");
    if (logs.rotate) {
      expect(got.log.sizeThresholdBytes).toBe(logs.rotate.maxSizeBytes?.value ?? 10 * 1024 * 1024);
      expect(got.log.keepFiles).toBe(logs.rotate.keep?.value ?? 8);
    }
  }
  expect(got.priority).toBe(PRIORITY[model.priority.value]);

  const hooks: Record<string, { executable: string; argv: string[] }> = {};
  if (model.hooks.preStart) hooks.prestart = { executable: ev(model.hooks.preStart.executable), argv: model.hooks.preStart.args.map(ev) };
  if (model.hooks.postStop) hooks.poststop = { executable: ev(model.hooks.postStop.executable), argv: model.hooks.postStop.args.map(ev) };
  const gotHooks = Object.fromEntries(Object.entries(got.hooks).map(([k, h]) => [k, { executable: h.executable, argv: argv(h.arguments ?? "") }]));
  expect(gotHooks).toEqual(version === 3 ? hooks : {});
}
