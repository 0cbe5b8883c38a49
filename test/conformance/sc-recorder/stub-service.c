/*
 * A minimal Windows service for svcgen's sc conformance test under Wine: the program an sc-installed
 * ImagePath starts. It appends its own command line and its CommandLineToArgvW split to
 * service-argv.jsonl beside this executable (so the test sees the arguments the SCM really passed),
 * reports SERVICE_RUNNING, and on a stop request reports SERVICE_STOP_PENDING for STOP_DELAY_MS
 * before SERVICE_STOPPED: a slow stop, which the uninstall script must wait for.
 *
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -o stub-service.exe stub-service.c -ladvapi32 -lshell32
 */
#ifndef UNICODE
#define UNICODE
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <string.h>

#define STOP_DELAY_MS 3000

static SERVICE_STATUS_HANDLE status_handle;
static SERVICE_STATUS status;
static HANDLE stop_event;

static void append_json_string(FILE *f, const WCHAR *w)
{
    fputc('"', f);
    for (; *w; w++)
    {
        if (*w == '"') fputs("\\\"", f);
        else if (*w == '\\') fputs("\\\\", f);
        else if (*w >= 0x20 && *w < 0x7f) fputc((char)*w, f);
        else fprintf(f, "\\u%04x", (unsigned)*w);
    }
    fputc('"', f);
}

static void record_argv(void)
{
    WCHAR path[MAX_PATH + 32], *slash;
    const WCHAR *raw = GetCommandLineW();
    int argc, i;
    WCHAR **argv = CommandLineToArgvW(raw, &argc);
    FILE *f;
    if (!GetModuleFileNameW(NULL, path, MAX_PATH) || !(slash = wcsrchr(path, L'\\'))) return;
    wcscpy(slash + 1, L"service-argv.jsonl");
    f = _wfopen(path, L"ab");
    if (!f) return;
    fputs("{\"raw\":", f);
    append_json_string(f, raw);
    fputs(",\"argv\":[", f);
    for (i = 0; argv && i < argc; i++)
    {
        if (i) fputc(',', f);
        append_json_string(f, argv[i]);
    }
    fputs("]}\n", f);
    fclose(f);
}

static void report(DWORD state, DWORD accepted, DWORD wait_hint)
{
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = state;
    status.dwControlsAccepted = accepted;
    status.dwWin32ExitCode = NO_ERROR;
    status.dwWaitHint = wait_hint;
    status.dwCheckPoint = state == SERVICE_STOP_PENDING ? status.dwCheckPoint + 1 : 0;
    SetServiceStatus(status_handle, &status);
}

static DWORD WINAPI handler(DWORD control, DWORD type, LPVOID data, LPVOID context)
{
    (void)type; (void)data; (void)context;
    if (control == SERVICE_CONTROL_STOP)
    {
        report(SERVICE_STOP_PENDING, 0, STOP_DELAY_MS + 2000);
        SetEvent(stop_event);
        return NO_ERROR;
    }
    if (control == SERVICE_CONTROL_INTERROGATE) return NO_ERROR;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

static void WINAPI service_main(DWORD argc, LPWSTR *argv)
{
    (void)argc;
    status_handle = RegisterServiceCtrlHandlerExW(argv[0], handler, NULL);
    if (!status_handle) return;
    report(SERVICE_RUNNING, SERVICE_ACCEPT_STOP, 0);
    WaitForSingleObject(stop_event, INFINITE);
    Sleep(STOP_DELAY_MS);
    report(SERVICE_STOPPED, 0, 0);
}

int wmain(void)
{
    SERVICE_TABLE_ENTRYW table[] = { { (LPWSTR)L"", service_main }, { NULL, NULL } };
    record_argv();
    stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    return StartServiceCtrlDispatcherW(table) ? 0 : (int)GetLastError();
}
