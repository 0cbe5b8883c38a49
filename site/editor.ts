// The spec editor: CodeMirror 6 with YAML highlighting, completion and hover from svcgen's JSON Schema
// (codemirror-json-schema), and svcgen's own diagnostics on their lines (lint gutter and underlines).
// The library's schema linter is left out: svcgen's diagnostics say the same with a code, a position
// and a did-you-mean.
import { EditorView, basicSetup } from "codemirror";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { indentWithTab } from "@codemirror/commands";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import { hoverTooltip, keymap } from "@codemirror/view";
import { stateExtensions } from "codemirror-json-schema";
import { yamlCompletion, yamlSchemaHover } from "codemirror-json-schema/yaml";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import schema from "../schema/service.schema.json";
import { tokenLength } from "./token.js";

export interface SpecEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showDiagnostics(ds: readonly Diagnostic[]): void;
  reveal(line: number, col: number): void;
}

export function createEditor(parent: HTMLElement, text: string, onChange: () => void): SpecEditor {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      // Tab indents, as YAML needs; Escape then Tab still leaves the editor (CodeMirror's own rule).
      keymap.of([indentWithTab]),
      yaml(),
      yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
      hoverTooltip(yamlSchemaHover()),
      stateExtensions(schema as Parameters<typeof stateExtensions>[0]),
      lintGutter(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange();
      }),
      EditorView.contentAttributes.of({ "aria-label": "service spec (YAML)" }),
    ],
  });

  /** A diagnostic's 1-based line and column as a document position, clamped into the document. */
  const position = (line: number, col: number): number => {
    const l = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
    return Math.min(l.from + Math.max(col, 1) - 1, l.to);
  };

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(t) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    },
    showDiagnostics(ds) {
      const lint: LintDiagnostic[] = ds.map((d) => {
        const from = position(d.line, d.col);
        const line = view.state.doc.lineAt(from);
        const to = from + tokenLength(line.text, from - line.from);
        return {
          from,
          to,
          severity: d.severity,
          source: d.target ? `svcgen ${d.code} [${d.target}]` : `svcgen ${d.code}`,
          message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
        };
      });
      view.dispatch(setDiagnostics(view.state, lint));
    },
    reveal(line, col) {
      const pos = position(line, col);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      view.focus();
    },
  };
}

