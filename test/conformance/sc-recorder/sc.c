/*
 * A stand-in for sc.exe, used only by svcgen's conformance tests under Wine.
 *
 * Why it exists: Wine 8's own sc.exe implements create/description/failure/delete/start/stop/query
 * only, exits 1 on every failure (Windows' sc.exe exits with the Win32 error code, which the
 * generated scripts test: 1060 "does not exist", 1062 "not started", 1061 "cannot accept control"),
 * has no `config` and no `failureflag`, ignores `start= delayed-auto`, and passes `depend=` to
 * CreateService without splitting it at `/`. So the scripts are run against this program instead:
 *
 *  1. It appends one JSON line per invocation to sc-record.jsonl beside this executable: the raw
 *     command line (GetCommandLineW) and its CommandLineToArgvW split. Non-ASCII and control
 *     characters are written as \uXXXX (UTF-16 code units), so the log is plain ASCII.
 *  2. It then does what Windows' sc.exe does with those arguments (the documented syntax: `name=`
 *     and its value as two argv elements, unknown or incomplete options rejected with exit 1639),
 *     through the same Win32 service API, so Wine's service control manager stores the result in
 *     the registry where the test reads it back. Exit code: 0, or the Win32 error code.
 *
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -o sc.exe sc.c -ladvapi32 -lshell32
 */
#define WIN32_LEAN_AND_MEAN
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#include <windows.h>
#include <winsvc.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define ERROR_INVALID_COMMAND_LINE_ 1639

/* ---- recording ------------------------------------------------------------------------------ */

static char *json_buf;
static size_t json_len, json_cap;

static void put(const char *s, size_t n)
{
    if (json_len + n + 1 > json_cap)
    {
        json_cap = (json_len + n + 1) * 2;
        json_buf = realloc(json_buf, json_cap);
    }
    memcpy(json_buf + json_len, s, n);
    json_len += n;
    json_buf[json_len] = 0;
}

static void put_json_string(const WCHAR *w)
{
    char tmp[8];
    put("\"", 1);
    for (; *w; w++)
    {
        WCHAR c = *w;
        if (c == '"') put("\\\"", 2);
        else if (c == '\\') put("\\\\", 2);
        else if (c >= 0x20 && c < 0x7f) { tmp[0] = (char)c; put(tmp, 1); }
        else { snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)c); put(tmp, 6); }
    }
    put("\"", 1);
}

static void record(const WCHAR *raw, int argc, WCHAR **argv)
{
    WCHAR path[MAX_PATH + 32];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    WCHAR *slash = wcsrchr(path, L'\\');
    HANDLE h;
    DWORD written;
    int i;

    if (!n || !slash) return;
    wcscpy(slash + 1, L"sc-record.jsonl");

    put("{\"raw\":", 7);
    put_json_string(raw);
    put(",\"argv\":[", 9);
    for (i = 0; i < argc; i++)
    {
        if (i) put(",", 1);
        put_json_string(argv[i]);
    }
    put("]}\n", 3);

    h = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "sc stand-in: cannot open %ls (%lu)\n", path, GetLastError());
        exit(2);
    }
    WriteFile(h, json_buf, (DWORD)json_len, &written, NULL);
    CloseHandle(h);
}

/* ---- sc.exe behaviour ----------------------------------------------------------------------- */

static int usage(const char *why)
{
    printf("[SC] usage error: %s\n", why);
    return ERROR_INVALID_COMMAND_LINE_;
}

static int failed(const char *api)
{
    DWORD err = GetLastError();
    printf("[SC] %s FAILED %lu:\n\n", api, err);
    return (int)err;
}

static int ok(const char *api)
{
    printf("[SC] %s SUCCESS\n", api);
    return 0;
}

/* `a/b/c` as a double-NUL-terminated list; `/` alone gives the empty list. */
static WCHAR *multi_sz_from_slashes(const WCHAR *s)
{
    size_t n = wcslen(s);
    WCHAR *out = calloc(n + 2, sizeof(WCHAR));
    size_t i;
    for (i = 0; i < n; i++) out[i] = s[i] == L'/' ? 0 : s[i];
    return out;
}

struct config_args
{
    const WCHAR *binpath, *displayname, *depend, *obj, *password, *group;
    DWORD type, start, error;
    int delayed; /* -1 unchanged, 0 off, 1 on */
};

static int parse_config(int argc, WCHAR **argv, int creating, struct config_args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    a->type = creating ? SERVICE_WIN32_OWN_PROCESS : SERVICE_NO_CHANGE;
    a->start = creating ? SERVICE_DEMAND_START : SERVICE_NO_CHANGE;
    a->error = creating ? SERVICE_ERROR_NORMAL : SERVICE_NO_CHANGE;
    a->delayed = -1;
    for (i = 0; i < argc; i += 2)
    {
        const WCHAR *k = argv[i], *v;
        if (i + 1 >= argc) return usage("an option has no value");
        v = argv[i + 1];
        if (!_wcsicmp(k, L"binPath=")) a->binpath = v;
        else if (!_wcsicmp(k, L"DisplayName=")) a->displayname = v;
        else if (!_wcsicmp(k, L"depend=")) a->depend = v;
        else if (!_wcsicmp(k, L"obj=")) a->obj = v;
        else if (!_wcsicmp(k, L"password=")) a->password = v;
        else if (!_wcsicmp(k, L"group=")) a->group = v;
        else if (!_wcsicmp(k, L"type="))
        {
            if (!_wcsicmp(v, L"own")) a->type = SERVICE_WIN32_OWN_PROCESS;
            else if (!_wcsicmp(v, L"share")) a->type = SERVICE_WIN32_SHARE_PROCESS;
            else return usage("bad type=");
        }
        else if (!_wcsicmp(k, L"start="))
        {
            if (!_wcsicmp(v, L"auto")) { a->start = SERVICE_AUTO_START; a->delayed = 0; }
            else if (!_wcsicmp(v, L"delayed-auto")) { a->start = SERVICE_AUTO_START; a->delayed = 1; }
            else if (!_wcsicmp(v, L"demand")) a->start = SERVICE_DEMAND_START;
            else if (!_wcsicmp(v, L"disabled")) a->start = SERVICE_DISABLED;
            else return usage("bad start=");
        }
        else if (!_wcsicmp(k, L"error="))
        {
            if (!_wcsicmp(v, L"normal")) a->error = SERVICE_ERROR_NORMAL;
            else if (!_wcsicmp(v, L"ignore")) a->error = SERVICE_ERROR_IGNORE;
            else return usage("bad error=");
        }
        else return usage("unknown option");
    }
    return 0;
}

/*
 * Wine's SCM answers ERROR_INVALID_LEVEL for the delayed-start and failure-flag levels (and accepts
 * but drops failure actions): what it cannot store, the test checks in the argv record instead.
 */
static int wine_lacks_level(const char *what)
{
    if (GetLastError() != ERROR_INVALID_LEVEL) return 0;
    fprintf(stderr, "sc stand-in: Wine's SCM does not store %s; the argv record is the check\n", what);
    return 1;
}

static int set_delayed(SC_HANDLE svc, int delayed)
{
    SERVICE_DELAYED_AUTO_START_INFO info;
    if (delayed < 0) return 0;
    info.fDelayedAutostart = delayed;
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &info) &&
        !wine_lacks_level("the delayed-start flag"))
        return failed("ChangeServiceConfig2");
    return 0;
}

static int do_create(SC_HANDLE scm, const WCHAR *name, int argc, WCHAR **argv)
{
    struct config_args a;
    SC_HANDLE svc;
    WCHAR *deps = NULL;
    int rc = parse_config(argc, argv, 1, &a);
    if (rc) return rc;
    if (!a.binpath) return usage("create needs binPath=");
    if (a.depend) deps = multi_sz_from_slashes(a.depend);
    svc = CreateServiceW(scm, name, a.displayname, SERVICE_ALL_ACCESS, a.type, a.start, a.error,
                         a.binpath, a.group, NULL, deps, a.obj, a.password);
    if (!svc) return failed("CreateService");
    rc = set_delayed(svc, a.delayed == 1 ? 1 : -1);
    CloseServiceHandle(svc);
    return rc ? rc : ok("CreateService");
}

static int do_config(SC_HANDLE scm, const WCHAR *name, int argc, WCHAR **argv)
{
    struct config_args a;
    SC_HANDLE svc;
    WCHAR *deps = NULL;
    int rc = parse_config(argc, argv, 0, &a);
    if (rc) return rc;
    if (argc == 0) return usage("config needs options");
    svc = OpenServiceW(scm, name, SERVICE_CHANGE_CONFIG | SERVICE_QUERY_CONFIG);
    if (!svc) return failed("OpenService");
    if (a.depend) deps = multi_sz_from_slashes(a.depend);
    if (!ChangeServiceConfigW(svc, a.type, a.start, a.error, a.binpath, a.group, NULL, deps, a.obj,
                              a.password, a.displayname))
    {
        rc = failed("ChangeServiceConfig");
        CloseServiceHandle(svc);
        return rc;
    }
    /* Windows' sc.exe: `start= auto` also clears the delayed flag, `delayed-auto` sets it. */
    rc = set_delayed(svc, a.delayed);
    CloseServiceHandle(svc);
    return rc ? rc : ok("ChangeServiceConfig");
}

static int do_description(SC_HANDLE scm, const WCHAR *name, int argc, WCHAR **argv)
{
    SERVICE_DESCRIPTIONW d;
    SC_HANDLE svc;
    if (argc != 1) return usage("description takes one text argument");
    svc = OpenServiceW(scm, name, SERVICE_CHANGE_CONFIG);
    if (!svc) return failed("OpenService");
    d.lpDescription = argv[0];
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_DESCRIPTION, &d))
    {
        int rc = failed("ChangeServiceConfig2");
        CloseServiceHandle(svc);
        return rc;
    }
    CloseServiceHandle(svc);
    return ok("ChangeServiceConfig2");
}

static int do_failure(SC_HANDLE scm, const WCHAR *name, int argc, WCHAR **argv)
{
    const WCHAR *reset = NULL, *actions = NULL;
    SERVICE_FAILURE_ACTIONSW fa;
    SC_ACTION list[1100];
    SC_HANDLE svc;
    int i, n = 0;
    memset(&fa, 0, sizeof fa);
    for (i = 0; i < argc; i += 2)
    {
        if (i + 1 >= argc) return usage("an option has no value");
        if (!_wcsicmp(argv[i], L"reset=")) reset = argv[i + 1];
        else if (!_wcsicmp(argv[i], L"actions=")) actions = argv[i + 1];
        else return usage("unknown failure option");
    }
    if (!reset || !actions) return usage("reset= and actions= must be given together");
    fa.dwResetPeriod = !_wcsicmp(reset, L"INFINITE") ? INFINITE : wcstoul(reset, NULL, 10);
    if (*actions)
    {
        /* action/delay pairs; an empty action is SC_ACTION_NONE ("take no action"). */
        const WCHAR *p = actions;
        while (1)
        {
            const WCHAR *slash = wcschr(p, L'/');
            WCHAR *end;
            size_t len;
            if (!slash) return usage("an action has no delay");
            len = (size_t)(slash - p);
            if (n >= (int)(sizeof list / sizeof list[0])) return usage("too many actions");
            if (len == 0) list[n].Type = SC_ACTION_NONE;
            else if (len == 7 && !_wcsnicmp(p, L"restart", 7)) list[n].Type = SC_ACTION_RESTART;
            else if (len == 3 && !_wcsnicmp(p, L"run", 3)) list[n].Type = SC_ACTION_RUN_COMMAND;
            else if (len == 6 && !_wcsnicmp(p, L"reboot", 6)) list[n].Type = SC_ACTION_REBOOT;
            else return usage("unknown action");
            list[n].Delay = wcstoul(slash + 1, &end, 10);
            if (end == slash + 1) return usage("a delay is not a number");
            n++;
            if (*end == 0) break;
            if (*end != L'/') return usage("a delay is not a number");
            p = end + 1;
        }
    }
    fa.cActions = (DWORD)n;
    fa.lpsaActions = list; /* non-NULL with cActions 0: delete the actions */
    svc = OpenServiceW(scm, name, SERVICE_CHANGE_CONFIG | SERVICE_START);
    if (!svc) return failed("OpenService");
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_FAILURE_ACTIONS, &fa))
    {
        int rc = failed("ChangeServiceConfig2");
        CloseServiceHandle(svc);
        return rc;
    }
    CloseServiceHandle(svc);
    return ok("ChangeServiceConfig2");
}

static int do_failureflag(SC_HANDLE scm, const WCHAR *name, int argc, WCHAR **argv)
{
    SERVICE_FAILURE_ACTIONS_FLAG f;
    SC_HANDLE svc;
    if (argc != 1 || (wcscmp(argv[0], L"0") && wcscmp(argv[0], L"1")))
        return usage("failureflag takes 0 or 1");
    svc = OpenServiceW(scm, name, SERVICE_CHANGE_CONFIG);
    if (!svc) return failed("OpenService");
    f.fFailureActionsOnNonCrashFailures = argv[0][0] == L'1';
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, &f) &&
        !wine_lacks_level("the failure-actions flag"))
    {
        int rc = failed("ChangeServiceConfig2");
        CloseServiceHandle(svc);
        return rc;
    }
    CloseServiceHandle(svc);
    return ok("ChangeServiceConfig2");
}

static int do_query(SC_HANDLE scm, const WCHAR *name, int argc)
{
    SERVICE_STATUS st;
    SC_HANDLE svc;
    if (argc != 0) return usage("query takes no options here");
    svc = OpenServiceW(scm, name, SERVICE_QUERY_STATUS);
    if (!svc) return failed("EnumQueryServicesStatus:OpenService");
    if (!QueryServiceStatus(svc, &st))
    {
        int rc = failed("QueryServiceStatus");
        CloseServiceHandle(svc);
        return rc;
    }
    printf("\nSERVICE_NAME: %ls\n        STATE              : %lu\n", name, st.dwCurrentState);
    CloseServiceHandle(svc);
    return 0;
}

static int do_stop(SC_HANDLE scm, const WCHAR *name, int argc)
{
    SERVICE_STATUS st;
    SC_HANDLE svc;
    if (argc != 0) return usage("stop takes no options");
    svc = OpenServiceW(scm, name, SERVICE_STOP | SERVICE_QUERY_STATUS);
    if (!svc) return failed("OpenService");
    if (!ControlService(svc, SERVICE_CONTROL_STOP, &st))
    {
        int rc = failed("ControlService");
        CloseServiceHandle(svc);
        return rc;
    }
    printf("\nSERVICE_NAME: %ls\n        STATE              : %lu\n", name, st.dwCurrentState);
    CloseServiceHandle(svc);
    return 0;
}

static int do_start(SC_HANDLE scm, const WCHAR *name, int argc)
{
    SC_HANDLE svc;
    if (argc != 0) return usage("start takes no arguments here");
    svc = OpenServiceW(scm, name, SERVICE_START);
    if (!svc) return failed("OpenService");
    if (!StartServiceW(svc, 0, NULL))
    {
        int rc = failed("StartService");
        CloseServiceHandle(svc);
        return rc;
    }
    CloseServiceHandle(svc);
    return ok("StartService");
}

static int do_delete(SC_HANDLE scm, const WCHAR *name, int argc)
{
    SC_HANDLE svc;
    if (argc != 0) return usage("delete takes no options");
    svc = OpenServiceW(scm, name, DELETE);
    if (!svc) return failed("OpenService");
    if (!DeleteService(svc))
    {
        int rc = failed("DeleteService");
        CloseServiceHandle(svc);
        return rc;
    }
    CloseServiceHandle(svc);
    return ok("DeleteService");
}

int wmain(void)
{
    const WCHAR *raw = GetCommandLineW();
    int argc, rc;
    WCHAR **argv = CommandLineToArgvW(raw, &argc);
    SC_HANDLE scm;
    const WCHAR *verb, *name;

    if (!argv) return 2;
    record(raw, argc, argv);
    if (argc < 3) return usage("sc.exe <command> <service> [options]");
    verb = argv[1];
    name = argv[2];
    scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_ALL_ACCESS);
    if (!scm) return failed("OpenSCManager");

    if (!_wcsicmp(verb, L"create")) rc = do_create(scm, name, argc - 3, argv + 3);
    else if (!_wcsicmp(verb, L"config")) rc = do_config(scm, name, argc - 3, argv + 3);
    else if (!_wcsicmp(verb, L"description")) rc = do_description(scm, name, argc - 3, argv + 3);
    else if (!_wcsicmp(verb, L"failure")) rc = do_failure(scm, name, argc - 3, argv + 3);
    else if (!_wcsicmp(verb, L"failureflag")) rc = do_failureflag(scm, name, argc - 3, argv + 3);
    else if (!_wcsicmp(verb, L"query")) rc = do_query(scm, name, argc - 3);
    else if (!_wcsicmp(verb, L"stop")) rc = do_stop(scm, name, argc - 3);
    else if (!_wcsicmp(verb, L"delete")) rc = do_delete(scm, name, argc - 3);
    else if (!_wcsicmp(verb, L"start")) rc = do_start(scm, name, argc - 3);
    else rc = usage("command not supported by the stand-in");
    CloseServiceHandle(scm);
    return rc;
}
