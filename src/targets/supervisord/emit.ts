import type { RestartPolicy, ServiceModel, Startup, Text } from "../../model.js";
import { headerLines } from "../../render/header.js";
import { render } from "../../render/render.js";
import type { EmitContext, OutputFile } from "../types.js";
import { commandLine, envAssignment, expandable, logfileValue, logPath, sameText, shCommand, withKnownValues } from "./escape.js";
import { supervisordOptions } from "./options.js";

const UTF8 = new TextEncoder();

/** restart.policy and autorestart=, as pairs (an importer reads them right to left). */
export const AUTORESTART: readonly (readonly [RestartPolicy, string])[] = [
  ["on-failure", "unexpected"],
  ["always", "true"],
  ["never", "false"],
];

/** startup and autostart=. */
export const AUTOSTART: readonly (readonly [Startup, string])[] = [
  ["auto", "true"],
  ["delayed", "true"],
  ["manual", "false"],
  ["disabled", "false"],
];

/**
 * startretries= when the spec sets no maxRetries ("never give up"). supervisord waits 1 s, 2 s, 3 s...
 * before the 1st, 2nd, 3rd... retry of a failed start, so this many retries take over 15,000 years.
 * (Its default, 3, would give up after four failed starts.)
 */
export const NEVER_GIVE_UP = 1_000_000;

const lookup = <K, V>(pairs: readonly (readonly [K, V])[], key: K): V => {
  const pair = pairs.find(([k]) => k === key);
  if (!pair) throw new Error(`internal: no supervisord value for ${String(key)}`);
  return pair[1];
};

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const opts = supervisordOptions(model);
  const name = model.name.value;
  const lines: string[] = [];
  const notes: string[] = [];
  const set = (key: string, value: string | number | boolean) => lines.push(`${key}=${value}`);

  const program: Text[] = [model.executable, ...model.args];
  const hook = model.hooks.preStart;
  if (hook) {
    // supervisord has no hooks: the shell runs the hook, then replaces itself with the program (same
    // process, so signals and the exit status are the program's).
    const script = `${shCommand([hook.executable, ...hook.args])} && exec ${shCommand(program)}`;
    const lit = (text: string): Text => ({ parts: [{ kind: "literal", text }], source: text, at: hook.at });
    set("command", commandLine([lit("/bin/sh"), lit("-c"), lit(script)]));
    notes.push("hooks.preStart: command= runs the hook through /bin/sh, then execs the program, at every start.");
  } else {
    const env = new Map(model.environment.map((e) => [e.name, e.value]));
    set("command", commandLine(program.map((w) => withKnownValues(w, env))));
  }
  if (model.workingDirectory) set("directory", expandable(model.workingDirectory));
  if (model.environment.length > 0) set("environment", model.environment.map((e) => envAssignment(e.name, e.value)).join(","));
  if (model.account?.kind === "user") set("user", expandable(model.account.user));

  set("autostart", lookup(AUTOSTART, model.startup.value));
  switch (model.startup.value) {
    case "manual":
      notes.push(`startup: manual: supervisord does not start it; run \`supervisorctl start ${name}\`.`);
      break;
    case "disabled":
      notes.push("startup: disabled: supervisord does not start it (supervisorctl start still can).");
      break;
    case "delayed":
      notes.push("startup: delayed: supervisord has no delayed start; it starts with the others.");
      break;
  }

  const policy = model.restart.policy.value;
  set("autorestart", lookup(AUTORESTART, policy));
  if (policy === "on-failure") set("exitcodes", 0);
  set("startsecs", opts.startsecs);
  if (policy === "never") set("startretries", 0);
  else if (model.restart.maxRetries) set("startretries", model.restart.maxRetries.value);
  else {
    set("startretries", NEVER_GIVE_UP);
    notes.push(`No restart.maxRetries: startretries=${NEVER_GIVE_UP} never gives up in practice (supervisord's default gives up after 3 failed starts).`);
  }

  if (model.stop.signal) set("stopsignal", model.stop.signal.value.replace(/^SIG/, ""));
  if (model.stop.timeoutMs) {
    if (model.stop.timeoutMs.value % 1000 !== 0) throw new Error("internal: stop.timeout is not whole seconds; check should have refused it");
    set("stopwaitsecs", model.stop.timeoutMs.value / 1000);
  }
  set("stopasgroup", opts.stopAsGroup);
  set("killasgroup", opts.stopAsGroup);

  if (model.logs) {
    const { logs } = model;
    if (!logs.append.value) throw new Error("internal: logs.append false reached the supervisord emitter");
    const stdout = logPath(logs.directory, logs.stdout);
    const stderr = logPath(logs.directory, logs.stderr);
    const redirect = sameText(stdout, stderr);
    if (redirect) set("redirect_stderr", true);
    for (const [channel, path] of redirect ? ([["stdout", stdout]] as const) : ([["stdout", stdout], ["stderr", stderr]] as const)) {
      set(`${channel}_logfile`, logfileValue(path));
      // 0 turns rotation off: supervisord's default (50MB) would rotate files the spec says to keep whole.
      set(`${channel}_logfile_maxbytes`, logs.rotate?.maxSizeBytes?.value ?? 0);
      if (logs.rotate) set(`${channel}_logfile_backups`, logs.rotate.keep?.value ?? 10);
    }
  }

  for (const [key, value] of opts.extra) set(key, value);

  const text = render("supervisord/program", { header: [...headerLines(ctx.sourceName), ...notes], name, lines });
  return [{ name: `${name}.supervisord.conf`, bytes: UTF8.encode(text) }];
}
