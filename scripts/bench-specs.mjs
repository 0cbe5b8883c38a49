// The specs `npm run bench` times: a plain one (block maps, one-line flow collections, plain values) and
// realistic ones written the way README's example and the fixtures are, and the way people write YAML:
// a `yaml-language-server` modeline, comments after values and between entries, flow maps nested in
// flow maps, double-quoted strings with escapes, single-quoted strings, non-ASCII and astral
// characters, CRLF line ends, a BOM. test/spec/yaml-fast.test.ts checks that the subset reader answers
// for every realistic spec exactly as the yaml library does.
import { readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");

/** The plain spec the bench has always built (issue 7). */
export function plainSpec(i) {
  return `version: 1
name: bench-${i}
displayName: Bench service ${i}
description: Generated for the benchmark.
executable: C:\\apps\\bench\\bench-${i}.exe
args: ["--port", "${8000 + i}", "--title", "Bench & Co ${i}"]
environment: { APP_ENV: production, INDEX: "${i}" }
account: network-service
restart: { policy: on-failure, delay: 1m }
dependsOn: []
linux:
  executable: /opt/bench/bench-${i}
  workingDirectory: /opt/bench
  account: { user: bench }
macos:
  executable: /usr/local/bin/bench-${i}
  account: { user: _bench }
options:
  winsw: { version: 3 }
  schtasks: { ignore: [displayName, environment, restart.policy] }
  runkey: { ignore: [displayName, description, environment, account, restart.policy, restart.delay, dependsOn] }
  supervisord: { ignore: [displayName, description, restart.delay] }
  launchd: { ignore: [displayName, description, restart.delay] }
`;
}

// What every target cannot express in these specs, accepted, so that `--target all` builds them (with
// the warnings of what is approximated, as users see them).
const ACCEPT_ALL = `options:
  winsw: { version: 3 }                 # the account is written the WinSW 3 way
  nssm: { version: "2.24-101", ignore: [restart.maxRetries, restart.window, restart.resetAfter] }
  sc: { ignore: [workingDirectory, logs, stop.timeout, hooks.preStart, hooks.postStop] }
  systemd: { ignore: [logs.rotate, restart.resetAfter] }
  schtasks: { ignore: [displayName, environment, dependsOn, logs, stop.timeout, restart.policy, restart.resetAfter] }
  runkey: { ignore: [displayName, description, workingDirectory, environment, account, dependsOn, restart.policy, restart.delay, restart.maxRetries, restart.window, restart.resetAfter, stop.timeout, logs, hooks.preStart, hooks.postStop] }
  supervisord: { ignore: [displayName, description, account.group, dependsOn, restart.delay, hooks.postStop] }
  launchd: { ignore: [displayName, description, dependsOn, restart.maxRetries, restart.window, restart.resetAfter, logs.rotate, hooks.preStart, hooks.postStop] }
`;

/** A macos: section (launchd) for a spec written for Windows and Linux, unless it has one. */
function withMacos(text, slug) {
  if (/^macos:/m.test(text)) return text;
  const at = text.indexOf("\noptions:");
  const section = `macos:                                 # merged over the top level for launchd
  executable: /usr/local/opt/${slug}/bin/${slug}
  workingDirectory: /usr/local/var/${slug}
  account: { user: _${slug} }
  logs: { directory: /Library/Logs/${slug} }
`;
  return text.slice(0, at + 1) + section + text.slice(at + 1);
}

/** README's example spec, its options replaced by ACCEPT_ALL. */
function readmeExample() {
  const m = /## The spec\n\n```yaml\n([\s\S]*?)```/.exec(read("README.md"));
  if (!m) throw new Error("README.md has no example spec under '## The spec'");
  const at = m[1].indexOf("\noptions:");
  if (at === -1) throw new Error("README's example spec has no options section");
  return m[1].slice(0, at + 1) + ACCEPT_ALL;
}

/** A fixture's spec, with `targets:` and `options:` replaced by ACCEPT_ALL. */
function fixture(name) {
  const text = read(`fixtures/${name}/service.yaml`).replace(/^targets:.*\n/m, "");
  const at = text.indexOf("\noptions:");
  return (at === -1 ? text : text.slice(0, at + 1)) + ACCEPT_ALL;
}

const PEOPLE = [
  ["Orders API", "orders"],
  ["Zahlungsdienst – Süd", "zahlung"],
  ["Serviço de Faturação", "faturacao"],
  ["注文サービス", "chumon"],
  ["Ελεγκτής αποθήκης", "apothiki"],
  ["Журнал событий", "zhurnal"],
  ["Café ☕ Kasse", "kasse"],
  ["Rocket 🚀 Uploader", "uploader"],
];

// Flow maps nested in flow maps, comments after values, a non-ASCII display name, a modeline.
function flowStyle(i) {
  const [display, slug] = PEOPLE[i % PEOPLE.length];
  return `# yaml-language-server: $schema=../schema/service.schema.json
version: 1
name: ${slug}-${i}                       # the service and unit name
displayName: ${display} ${i}
description: 'Keeps the ${slug} queue moving; it''s restarted on failure.'
executable: C:\\Program Files\\${slug}\\${slug}.exe   # absolute
args: ["--port", "${9000 + i}", "--title", "${display} & Co", --verbose]
workingDirectory: C:\\Program Files\\${slug}
environment: { APP_ENV: production, REGION: eu-west-${i % 3}, GREETING: "Grüße aus Köln" }
account: { user: CORP\\svc-${slug}, password: { fromEnv: SVC_${slug.toUpperCase()}_PASSWORD } }  # never the password itself
startup: ${["auto", "delayed", "manual"][i % 3]}
dependsOn: [Tcpip, Dnscache]
restart: { policy: on-failure, delay: 10s, maxRetries: 5, window: 10m, resetAfter: 1d }
stop: { timeout: 30s }
logs: { directory: C:\\ProgramData\\${slug}\\logs, rotate: { maxSize: 10MiB, keep: 8 } }
hooks: { preStart: { executable: C:\\Program Files\\${slug}\\migrate.exe, args: ["--up"] } }
linux:                                 # merged over the top level for systemd
  executable: /opt/${slug}/${slug}
  workingDirectory: /opt/${slug}
  account: { user: ${slug}, group: ${slug} }
  logs: { directory: /var/log/${slug} }
  hooks: { preStart: { executable: /opt/${slug}/migrate, args: ["--up"] } }
macos:                                 # merged over the top level for launchd
  executable: /usr/local/opt/${slug}/bin/${slug}
  workingDirectory: /usr/local/var/${slug}
  account: { user: _${slug} }
  logs: { directory: /Library/Logs/${slug} }
  hooks: { preStart: { executable: /usr/local/opt/${slug}/bin/migrate, args: ["--up"] } }
  startup: auto                        # launchd starts a kept-alive job when it loads it
${ACCEPT_ALL}`;
}

// Double-quoted strings with escapes (\\ \" \t \/ \xNN \uNNNN \UNNNNNNNN), single quotes with '',
// block maps and sequences with comments between entries and at odd indents.
function quotedStyle(i) {
  const [display, slug] = PEOPLE[(i + 3) % PEOPLE.length];
  return `# ${display}: generated by the deployment tooling, edited by hand.

version: 1
name: "${slug}-q${i}"
displayName: "${display} \\u2013 \\"quoted\\" #${i}"
description: "Ships \\x26 tracks parcels: 100% of them; caf\\u00e9 \\U0001F4E6\\tand more"
executable: "C:\\\\Program Files (x86)\\\\${slug}\\\\${slug}.exe"
args:
  # one item = one argv element
  - "--data"
  - "C:\\\\data dir\\\\"          # a trailing backslash
  - 'say "hello" and ''bye'''
  - "tab\\tsep"
  - "50%"
  - "$$HOME and $$$$"
  - "caret^ & bang! | <pipe>"
  - "Grüße, 東京, 🎉"
    # a comment deeper than the entries
  - "https:\\/\\/example.com\\/${slug}?id=${i}"
environment:
  QUOTED: 'a "quoted" value'
  SPACES: "  leading and trailing  "
  UNICODE: "\\u00c5ngstr\\u00f6m"
  PATHS: "C:\\\\a;C:\\\\b"
#  DISABLED: "commented out"
account: network-service
restart:
  policy: always   # even after a clean exit
  delay: 1m
linux:
  executable: "/opt/${slug} app/bin/${slug}"
  account: { user: ${slug} }
  environment:
    PATHS: "/a:/b"
macos:
  executable: "/Applications/${slug} app.app/Contents/MacOS/${slug}"
  account: { user: _${slug} }
  environment:
    PATHS: "/a:/b"
${ACCEPT_ALL}`;
}

/** The i-th realistic spec: README's example, fixtures as written, and the two styles above in turn. */
export function realisticSpec(i) {
  const kinds = [
    () => withMacos(readmeExample().replace("name: orders-api ", `name: orders-api-${i}`), "orders"),
    () => fixture("full").replace("name: orders-api", `name: orders-full-${i}`),
    () => withMacos(fixture("hostile-quoting").replace("name: hostile", `name: hostile-${i}`), "hostile"),
    () => flowStyle(i),
    () => flowStyle(i).replace(/\n/g, "\r\n"),
    () => quotedStyle(i),
    () => "\ufeff" + quotedStyle(i).replace(/\n/g, "\r\n"),
  ];
  return kinds[i % kinds.length]();
}
