import type { InstalledSource } from "../types.js";

// `svcgen import --installed NAME` on Windows, for the nssm and sc readers alike: the service's key as an
// administrator exports it, `reg.exe export HKLM\SYSTEM\CurrentControlSet\Services\<name> <file> /y`
// (UTF-16LE with a BOM, the key and every subkey), into the scratch folder the CLI gives (reg.exe writes
// only to a file; readers hold no file-system code, as they run in the browser too). The file then takes
// the path of a file named on the command line: detection tells nssm from sc by its content. Thin on
// purpose: the readers are what the tests exercise; this part runs Wine's real reg.exe in
// test/conformance/registry-import.test.ts.

export const serviceKey = (name: string): string => `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${name}`;

export const installed: InstalledSource = {
  platform: "win32",
  describe: (name) => `reg.exe export ${serviceKey(name)}`,
  async fetch(name, run, scratch) {
    // A service name has no backslash (it would name a subkey) and no slash (CreateService refuses both).
    if (name === "" || /[\\/]/.test(name)) throw new Error(`${JSON.stringify(name)} is not a Windows service name`);
    if (!scratch) throw new Error("internal: reg.exe export needs a scratch folder to write its file to");
    const file = "service.reg";
    const r = await run("reg.exe", ["export", serviceKey(name), scratch.path(file), "/y"]);
    const bytes = scratch.read(file);
    if (r.status !== 0 || !bytes) {
      const said = new TextDecoder().decode(r.stdout).trim() || r.stderr.trim();
      throw new Error(`reg.exe export ${serviceKey(name)} failed${said ? `: ${said}` : ` (exit code ${r.status})`}; is ${name} an installed service?`);
    }
    return [{ name: serviceKey(name), bytes }];
  },
};
