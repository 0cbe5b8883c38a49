type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

// The FailureActions value of a service key (REG_BINARY): the SCM's copy of SERVICE_FAILURE_ACTIONS, which
// `sc failure` and ChangeServiceConfig2 set, in the 32-bit layout the SCM stores on every Windows
// ([MS-SCMR] 2.2.45 SERVICE_FAILURE_ACTIONS_WOW64):
//   DWORD dwResetPeriod      seconds without a failure after which the failure count is reset;
//                            0xFFFFFFFF (INFINITE): never
//   DWORD dwRebootMsgOffset  } the reboot message and the command of a "run" action; Windows keeps them in
//   DWORD dwCommandOffset    } the RebootMessage and FailureCommand values instead (0 here)
//   DWORD cActions
//   DWORD dwsaActionsOffset  20 (the actions follow); some writers leave a pointer's value here
//   SC_ACTION[cActions]      { DWORD Type (0 none, 1 restart, 2 reboot, 3 run command); DWORD Delay (ms) }
// The Nth failure takes the Nth action, and every later failure the last one.
// Real values, as public exports show them: wuauserv `80,51,01,00, 0, 0, 03,00,00,00, 14,00,00,00,
// (1, 60000) (0, 0) (0, 0)` = reset after a day, restart after a minute once, then nothing.

export const SC_ACTION_NONE = 0;
export const SC_ACTION_RESTART = 1;
export const SC_ACTION_REBOOT = 2;
export const SC_ACTION_RUN_COMMAND = 3;
export const INFINITE = 0xffffffff;
const HEADER = 20;

export interface FailureAction {
  type: number;
  delayMs: number;
}

export interface FailureActions {
  resetSeconds: number;
  actions: FailureAction[];
  /** Non-zero when the blob says it holds a reboot message or a command itself. */
  rebootMsgOffset: number;
  commandOffset: number;
}

export function decodeFailureActions(bytes: Uint8Array): Decoded<FailureActions> {
  if (bytes.length < HEADER) return { ok: false, problem: `${bytes.length} bytes, fewer than the ${HEADER} of its header` };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dword = (o: number) => v.getUint32(o, true);
  const count = dword(12);
  if (count > 1024) return { ok: false, problem: `${count} actions (the SCM takes at most 1024)` };
  if (bytes.length < HEADER + 8 * count) return { ok: false, problem: `${bytes.length} bytes for ${count} actions (${HEADER + 8 * count} needed)` };
  const actions: FailureAction[] = [];
  for (let i = 0; i < count; i++) {
    const type = dword(HEADER + 8 * i);
    if (type > SC_ACTION_RUN_COMMAND) return { ok: false, problem: `action ${i + 1} is of type ${type}, which the SCM does not have (0 none, 1 restart, 2 reboot, 3 run a command)` };
    actions.push({ type, delayMs: dword(HEADER + 8 * i + 4) });
  }
  return { ok: true, value: { resetSeconds: dword(0), actions, rebootMsgOffset: dword(4), commandOffset: dword(8) } };
}

export const ACTION_NAMES = ["take no action", "restart the service", "restart the computer", "run a command"] as const;
