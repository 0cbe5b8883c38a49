// The playground: svcgen's own compile() in the page. Each picked target is compiled on its own (as
// the golden fixtures are), so that one target's refusal does not hide what the others would write;
// the zip of all files is offered only when no picked target has an error, as `svcgen build` writes
// nothing then.
import "./style.css";
import { zipSync } from "fflate";
import examples from "virtual:examples";
import { compile, type CompileResult } from "../src/compile.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import type { TargetId } from "../src/model.js";
import { loadSpec } from "../src/spec/load.js";
import type { OutputFile } from "../src/targets/types.js";
import { TARGETS } from "../src/targets/registry.js";
import { decodeOutput } from "../src/write/decode-output.js";
import { renderCapabilityTable, specUse } from "./capabilities.js";
import { createEditor } from "./editor.js";
import { decodeState, DEFAULT_FILE, encodeState, type PageState } from "./link.js";

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const exampleSelect = $<HTMLSelectElement>("example");
const fileInput = $<HTMLInputElement>("file-name");
const specTargets = $<HTMLInputElement>("spec-targets");
const targetBoxes = $("target-boxes");
const tabs = $("tabs");
const fileInfo = $("file-info");
const fileView = $("file-view");
const diagnosticsList = $("diagnostics");
const downloadAll = $<HTMLButtonElement>("download-all");
const strictBox = $<HTMLInputElement>("strict");
const status = $("status");

interface Tab {
  target: string;
  /** A file, or none: the target has errors and writes nothing. */
  file?: OutputFile;
  diagnostics: Diagnostic[];
}

const page: PageState = { spec: "", file: DEFAULT_FILE, strict: false };
let tabList: Tab[] = [];
let selected: { target: string; file?: string; index: number } | undefined;
let allFiles: OutputFile[] = [];
let generation = 0;
/** Said once with the next result (a link that could not be read), until the page compiles again. */
let notice = "";

// ---- target picker: one box per registered target ----

const boxes = new Map<string, HTMLInputElement>();
for (const t of TARGETS) {
  const box = Object.assign(document.createElement("input"), { type: "checkbox", value: t.id });
  box.addEventListener("change", () => {
    page.targets = TARGETS.map((x) => x.id).filter((id) => boxes.get(id)!.checked);
    specTargets.checked = false;
    schedule(0);
  });
  boxes.set(t.id, box);
  const label = Object.assign(document.createElement("label"), { title: t.title });
  label.append(box, ` ${t.id}`);
  targetBoxes.append(label);
}
specTargets.addEventListener("change", () => {
  if (specTargets.checked) delete page.targets;
  else page.targets = TARGETS.map((t) => t.id).filter((id) => boxes.get(id)!.checked);
  schedule(0);
});

/** The spec's own `targets` as written (unknown names too: compile() reports them), or every target. */
async function declaredTargets(text: string): Promise<string[]> {
  const { spec } = await loadSpec(text, page.file);
  const declared = (spec?.data as { targets?: unknown } | undefined)?.targets;
  if (Array.isArray(declared) && declared.length > 0 && declared.every((x) => typeof x === "string")) return [...new Set(declared as string[])];
  return TARGETS.map((t) => t.id);
}

// ---- compiling ----

const key = (d: Diagnostic): string => `${d.line}:${d.col}:${d.severity}:${d.code}:${d.target ?? ""}:${d.message}`;

async function run(): Promise<void> {
  // A run whose text was edited again before it finished leaves the page to the run that follows.
  const mine = generation;
  const text = editor.text();
  page.spec = text;
  if (exampleSelect.value && examples.find((e) => e.name === exampleSelect.value)?.text !== text) exampleSelect.value = "";
  const t0 = performance.now();
  const ids = page.targets ?? (await declaredTargets(text));
  const results: CompileResult[] = await Promise.all(
    ids.map((id) => compile(text, page.file, { targets: [id as TargetId], sourceName: page.file, strict: page.strict })),
  );
  const use = await specUse(text, page.file);
  if (mine !== generation) return;
  const ms = performance.now() - t0;

  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const r of results) for (const d of r.diagnostics) if (!seen.has(key(d)) && seen.add(key(d))) diagnostics.push(d);
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || ((a.target ?? "") < (b.target ?? "") ? -1 : 1));

  tabList = [];
  for (const [i, id] of ids.entries()) {
    const files = results[i]!.outputs.flatMap((o) => o.files);
    const own = results[i]!.diagnostics.filter((d) => d.severity === "error");
    if (files.length) for (const file of files) tabList.push({ target: id, file, diagnostics: [] });
    else tabList.push({ target: id, diagnostics: own });
  }
  allFiles = tabList.flatMap((t) => (t.file ? [t.file] : []));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;

  for (const [id, box] of boxes) box.checked = ids.includes(id);
  editor.showDiagnostics(diagnostics);
  renderDiagnostics(diagnostics);
  renderTabs();
  downloadAll.disabled = errors > 0 || allFiles.length === 0;
  downloadAll.title = downloadAll.disabled ? "svcgen build writes nothing while a picked target has an error" : `${allFiles.length} files`;
  status.textContent = `${notice}${allFiles.length} file${allFiles.length === 1 ? "" : "s"}, ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (${Math.round(ms)} ms)`;
  status.dataset.state = errors || notice ? "error" : "ok";
  notice = "";
  await renderCapabilityTable($("capability-table"), use);
  const hash = await encodeState(page);
  if (mine !== generation) return;
  if (hash !== location.hash) history.replaceState(null, "", hash);
  // For the browser test: the page shows the spec in the hash, compiled.
  document.body.dataset.compiled = String(mine);
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(delay = 150): void {
  generation++;
  clearTimeout(timer);
  document.body.dataset.compiled = "pending";
  timer = setTimeout(() => void run().catch(showCrash), delay);
}

function showCrash(e: unknown): void {
  status.textContent = `svcgen crashed: ${e instanceof Error ? e.message : String(e)} (a bug: please report it with this page's link)`;
  status.dataset.state = "error";
  console.error(e);
}

// ---- diagnostics list, as `svcgen validate` prints them ----

function renderDiagnostics(ds: readonly Diagnostic[]): void {
  diagnosticsList.replaceChildren(
    ...ds.map((d) => {
      const row = document.createElement("button");
      row.type = "button";
      row.className = `diagnostic ${d.severity}`;
      row.textContent = formatDiagnostics([d], "text").trimEnd();
      row.dataset.line = String(d.line);
      row.dataset.code = d.code;
      row.addEventListener("click", () => editor.reveal(d.line, d.col));
      return row;
    }),
  );
}

// ---- output tabs ----

function describe(bytes: Uint8Array, text: string): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "UTF-16LE with BOM" : "UTF-8";
  const eol = text.includes("\r\n") ? "CRLF" : "LF";
  return `${encoding}, ${eol} line ends, ${bytes.length.toLocaleString("en")} bytes`;
}

function download(name: string, bytes: Uint8Array, type = "application/octet-stream"): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function renderTabs(): void {
  // Keep the tab the user was reading: the same file of the same target, else the same place.
  let index = selected ? tabList.findIndex((t) => t.target === selected!.target && t.file?.name === selected!.file) : 0;
  if (index < 0) index = Math.min(selected!.index, tabList.length - 1);
  tabs.replaceChildren(
    ...tabList.map((t, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(i === index));
      b.dataset.target = t.target;
      if (t.file) b.dataset.file = t.file.name;
      b.className = t.file ? "tab" : "tab failed";
      b.innerHTML = `<span class="tab-target"></span> <span class="tab-file"></span>`;
      b.querySelector(".tab-target")!.textContent = t.target;
      b.querySelector(".tab-file")!.textContent = t.file ? t.file.name : `${t.diagnostics.length} error${t.diagnostics.length === 1 ? "" : "s"}, no file`;
      b.addEventListener("click", () => {
        selected = { target: t.target, file: t.file?.name, index: i };
        renderTabs();
      });
      return b;
    }),
  );
  const tab = tabList[index];
  selected = tab && { target: tab.target, file: tab.file?.name, index };
  if (!tab) {
    fileInfo.replaceChildren("no target picked: the spec is checked on its own");
    fileView.textContent = "";
    return;
  }
  if (!tab.file) {
    fileInfo.replaceChildren(`${tab.target} writes nothing while it has errors:`);
    fileView.textContent = formatDiagnostics(tab.diagnostics, "text");
    fileView.dataset.file = "";
    return;
  }
  const { name, bytes } = tab.file;
  const text = decodeOutput(bytes);
  const button = Object.assign(document.createElement("button"), { type: "button", id: "download-file", textContent: `download ${name}` });
  button.addEventListener("click", () => download(name, bytes));
  fileInfo.replaceChildren(`${describe(bytes, text)} `, button);
  fileView.dataset.file = name;
  fileView.textContent = text.replace(/\r\n/g, "\n");
}

downloadAll.addEventListener("click", () => {
  const name = (allFiles[0]?.name.match(/^[^.]+/)?.[0] ?? "svcgen") + ".zip";
  // The zip's entries carry the same fixed date, so the same spec gives the same zip.
  const mtime = new Date(1980, 0, 1);
  download(name, zipSync(Object.fromEntries(allFiles.map((f) => [f.name, [f.bytes, { mtime }]]))), "application/zip");
});

// ---- examples, file name, link ----

for (const e of examples) exampleSelect.append(new Option(e.name, e.name));
exampleSelect.prepend(new Option("(your spec)", ""));
exampleSelect.addEventListener("change", () => {
  const e = examples.find((x) => x.name === exampleSelect.value);
  if (!e) return;
  delete page.targets;
  specTargets.checked = true;
  editor.setText(e.text);
});
strictBox.addEventListener("change", () => {
  page.strict = strictBox.checked;
  schedule(0);
});
fileInput.addEventListener("input", () => {
  page.file = fileInput.value.trim() || DEFAULT_FILE;
  schedule();
});
$("copy-link").addEventListener("click", async () => {
  const hash = await encodeState({ ...page, spec: editor.text() });
  history.replaceState(null, "", hash);
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = "link copied";
  } catch {
    status.textContent = "the address bar has the link";
  }
});

async function applyHash(): Promise<boolean> {
  let state: PageState | undefined;
  try {
    state = await decodeState(location.hash);
  } catch {
    notice = "this link's spec could not be read (cut short?), here is an example instead; ";
    return false;
  }
  if (!state) return false;
  Object.assign(page, state);
  if (!state.targets) delete page.targets;
  specTargets.checked = !page.targets;
  fileInput.value = page.file;
  strictBox.checked = page.strict;
  if (editor.text() !== state.spec) editor.setText(state.spec);
  else schedule(0);
  return true;
}

const editor = createEditor($("editor"), "", () => schedule());
window.addEventListener("hashchange", () => {
  // Only a link pasted or followed by the user: the page's own updates use replaceState (no event).
  void applyHash().then((ok) => {
    if (!ok && notice) schedule(0);
  });
});
if (!(await applyHash())) {
  exampleSelect.value = examples[0]?.name ?? "";
  editor.setText(examples[0]?.text ?? "");
}
