import type { Command, ServiceModel, Text } from "../../model.js";
import { headerLines } from "../../render/header.js";
import { render } from "../../render/render.js";
import type { EmitContext, OutputFile } from "../types.js";
import { toTarget } from "../pairs.js";
import { composedText, descriptionValue, logFileValue } from "./composed.js";
import { envAssignment, execArg, execPath, rawValue, timespan, unitName } from "./escape.js";
import { systemdOptions } from "./options.js";
import { NICE, RESTART } from "./values.js";

const UTF8 = new TextEncoder();

const literal = (t: Text): string =>
  t.parts.map((p) => {
    if (p.kind === "var") throw new Error(`internal: \${${p.name}} reached a raw systemd value; check should have refused it`);
    return p.text;
  }).join("");

const commandLine = (c: Pick<Command, "executable" | "args">): string =>
  [execPath(literal(c.executable)), ...c.args.map(execArg)].join(" ");

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const opts = systemdOptions(model);
  const unit: string[] = [];
  const service: string[] = [];
  const install: string[] = [];
  const comments: string[] = [];

  unit.push(`Description=${rawValue(composedText(descriptionValue(model, literal)))}`);
  if (model.dependsOn.length > 0) {
    const deps = model.dependsOn.map((d) => unitName(d.value)).join(" ");
    unit.push(`After=${deps}`, `Wants=${deps}`);
  }
  // The start rate limit lives in [Unit] (in [Service] systemd ignores it). Without maxRetries the
  // spec says "never give up", which systemd's default (5 starts in 10 s) would contradict.
  if (model.restart.policy.value !== "never") {
    const { maxRetries, windowMs } = model.restart;
    if (maxRetries && windowMs) unit.push(`StartLimitIntervalSec=${timespan(windowMs.value)}`, `StartLimitBurst=${maxRetries.value + 1}`);
    else unit.push("StartLimitIntervalSec=0");
  }

  service.push(`Type=${opts.version >= 240 ? "exec" : "simple"}`);
  if (model.hooks.preStart) service.push(`ExecStartPre=${commandLine(model.hooks.preStart)}`);
  service.push(`ExecStart=${commandLine(model)}`);
  if (model.hooks.postStop) service.push(`ExecStopPost=${commandLine(model.hooks.postStop)}`);
  if (model.workingDirectory) service.push(`WorkingDirectory=${rawValue(literal(model.workingDirectory))}`);
  for (const e of model.environment) service.push(`Environment=${envAssignment(e.name, literal(e.value))}`);
  if (model.account?.kind === "user") {
    service.push(`User=${rawValue(literal(model.account.user))}`);
    if (model.account.group) service.push(`Group=${rawValue(literal(model.account.group))}`);
  }
  service.push(`Restart=${toTarget(RESTART, model.restart.policy.value)}`);
  if (model.restart.policy.value !== "never") service.push(`RestartSec=${timespan(model.restart.delayMs.value)}`);
  if (model.stop.timeoutMs) service.push(`TimeoutStopSec=${timespan(model.stop.timeoutMs.value)}`);
  if (model.stop.signal) service.push(`KillSignal=${model.stop.signal.value}`);
  if (model.logs) {
    const mode = model.logs.append.value ? "append" : "truncate";
    service.push(`StandardOutput=${mode}:${rawValue(composedText(logFileValue(model, "stdout", literal)))}`);
    service.push(`StandardError=${mode}:${rawValue(composedText(logFileValue(model, "stderr", literal)))}`);
  }
  const nice = toTarget(NICE, model.priority.value);
  if (nice !== 0) service.push(`Nice=${nice}`);

  switch (model.startup.value) {
    case "auto":
    case "delayed":
      install.push(`WantedBy=${opts.wantedBy}`);
      break;
    case "manual":
      comments.push("startup: manual: no [Install] section, so `systemctl enable` does nothing; start it with `systemctl start`.");
      break;
    case "disabled":
      comments.push(`startup: disabled: no [Install] section; run \`systemctl mask ${model.name.value}.service\` to forbid starts.`);
      break;
  }

  const extra = (section: string, lines: string[]) => {
    for (const [key, values] of Object.entries(opts.extra[section] ?? {})) for (const v of values) lines.push(`${key}=${v}`);
  };
  extra("Unit", unit);
  extra("Service", service);
  extra("Install", install);

  const sections = [
    { name: "Unit", lines: unit },
    { name: "Service", lines: service },
    ...(install.length > 0 ? [{ name: "Install", lines: install }] : []),
  ];
  const text = render("systemd/unit", { header: [...headerLines(ctx.sourceName), ...comments], sections });
  return [{ name: `${model.name.value}.service`, bytes: UTF8.encode(text) }];
}
