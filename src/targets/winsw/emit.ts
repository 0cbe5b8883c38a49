import { windowsExpandable } from "../../escape/windows-env.js";
import { xmlComment } from "../../escape/xml.js";
import type { Command, ServiceModel, Startup } from "../../model.js";
import { headerLines } from "../../render/header.js";
import type { EmitContext, OutputFile } from "../types.js";
import { winswAccount, type WinswAccount } from "./account.js";
import { expandedArgs } from "../../escape/windows-env.js";
import { KIB, logBaseName } from "./logs.js";
import { versionLabel, winswVersion, type WinswVersion } from "./options.js";
import { winswTimeSpan } from "./timespan.js";
import { element, winswAttr } from "./xml.js";

const UTF8 = new TextEncoder();

// One <service> document, one value per line. Which elements appear depends on the version: with no
// version only the subset WinSW 2.12 and 3.0 read the same way (no <serviceaccount>, no hooks).

const START_MODE: Record<Startup, string> = { auto: "Automatic", delayed: "Automatic", manual: "Manual", disabled: "Disabled" };
const PRIORITY: Record<string, string> = {
  idle: "Idle",
  "below-normal": "BelowNormal",
  normal: "Normal",
  "above-normal": "AboveNormal",
  high: "High",
  realtime: "RealTime",
};

const INDENT = "  ";

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const version = winswVersion(model);
  if (version === undefined) throw new Error("internal: bad options.winsw.version; check should have refused it");
  const name = model.name.value;
  const account = winswAccount(model, version);
  const body: string[] = [];
  const add = (line: string, depth = 1) => body.push(INDENT.repeat(depth) + line);

  add(element("id", name));
  add(element("name", windowsExpandable(model.displayName)));
  add(element("description", model.description ? windowsExpandable(model.description) : ""));
  add(element("executable", windowsExpandable(model.executable)));
  if (model.args.length > 0) add(element("arguments", expandedArgs(model.args)));
  if (model.workingDirectory) add(element("workingdirectory", windowsExpandable(model.workingDirectory)));
  for (const e of model.environment) add(`<env name="${winswAttr(e.name)}" value="${winswAttr(windowsExpandable(e.value))}"/>`);

  if (account.kind === "v2") {
    add("<serviceaccount>");
    add(element("domain", account.domain), 2);
    add(element("user", account.user), 2);
    if (account.allowServiceLogon) add(element("allowservicelogon", "true"), 2);
    add("</serviceaccount>");
  } else if (account.kind === "v3") {
    add("<serviceaccount>");
    add(element("username", account.username), 2);
    if (account.prompt) add(element("prompt", "console"), 2);
    add("</serviceaccount>");
  }

  add(element("startmode", START_MODE[model.startup.value]));
  // WinSW 2 turns this on by presence alone and WinSW 3 needs the text "true": so write it only to enable.
  if (model.startup.value === "delayed") add(element("delayedAutoStart", "true"));
  for (const d of model.dependsOn) add(element("depend", d.value));

  const r = model.restart;
  if (r.policy.value !== "never") {
    const restart = `<onfailure action="restart" delay="${winswTimeSpan(r.delayMs.value)}"/>`;
    // The SCM repeats the last action for every further failure: N restarts, then "none", gives up.
    const restarts = r.maxRetries?.value ?? 1;
    for (let i = 0; i < restarts; i++) add(restart);
    if (r.maxRetries) add(`<onfailure action="none"/>`);
    const reset = r.resetAfterMs ?? (r.maxRetries ? r.windowMs : undefined);
    if (reset) add(element("resetfailure", winswTimeSpan(reset.value)));
  }
  if (model.stop.timeoutMs) add(element("stoptimeout", winswTimeSpan(model.stop.timeoutMs.value)));

  if (model.logs) {
    const { logs } = model;
    const base = logBaseName(logs);
    if (base === undefined) throw new Error("internal: log file names WinSW cannot write; check should have refused them");
    add(element("logpath", windowsExpandable(logs.directory)));
    add(element("logname", base));
    if (logs.rotate) {
      add(`<log mode="roll-by-size">`);
      if (logs.rotate.maxSizeBytes) add(element("sizeThreshold", String(logs.rotate.maxSizeBytes.value / KIB)), 2);
      if (logs.rotate.keep) add(element("keepFiles", String(logs.rotate.keep.value)), 2);
      add("</log>");
    } else {
      add(`<log mode="${logs.append.value ? "append" : "reset"}"/>`);
    }
  }

  if (model.priority.value !== "normal") add(element("priority", PRIORITY[model.priority.value]!));

  if (version === 3) {
    hook("prestart", model.hooks.preStart);
    hook("poststop", model.hooks.postStop);
  } else if (model.hooks.preStart || model.hooks.postStop) {
    throw new Error("internal: hooks for WinSW 2; check should have refused them");
  }
  function hook(tag: string, cmd: Command | undefined): void {
    if (!cmd) return;
    add(`<${tag}>`);
    add(element("executable", windowsExpandable(cmd.executable)), 2);
    if (cmd.args.length > 0) add(element("arguments", expandedArgs(cmd.args)), 2);
    add(`</${tag}>`);
  }

  const comment = [...headerLines(ctx.sourceName), "", ...installNotes(name, version, account, model)];
  const text = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    "<!--",
    ...comment.map((l) => (l === "" ? "" : INDENT + xmlComment(l))),
    "-->",
    "<service>",
    ...body,
    "</service>",
    "",
  ].join("\n");
  return [{ name: `${name}.xml`, bytes: UTF8.encode(text) }];
}

/** What to do with the file, and how the password gets in, for people reading the header. */
function installNotes(name: string, version: WinswVersion, account: WinswAccount, model: ServiceModel): string[] {
  const notes = [
    `For ${versionLabel(version)}: save as ${name}.xml beside the WinSW executable renamed ${name}.exe, then run \`${name}.exe install\`` +
      (version === 3 ? ` (or \`winsw install ${name}.xml\`).` : "."),
  ];
  const pw = model.account?.kind === "user" ? model.account.passwordFromEnv?.value : undefined;
  if (pw === undefined) return notes;
  if (account.kind === "v3") {
    notes.push(
      `The password of ${account.username} is not in this file: \`install\` asks for it on the console (it is meant to come from %${pw}%).`,
      `For an unattended install, pass it with the install command's password option instead (see \`${name}.exe install -h\`).`,
    );
  } else if (account.kind === "v2") {
    notes.push(
      `The password of ${account.domain}\\${account.user} is not in this file: install with \`${name}.exe install /p\`,`,
      `enter ${account.domain}\\${account.user} as the user and the password (from %${pw}%), and answer y to allow it to log on as a service.`,
    );
  }
  return notes;
}
