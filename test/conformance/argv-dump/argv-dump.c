/*
 * Records how a program is called, for svcgen's conformance tests under Wine: appends one line per
 * invocation to argv-dump.txt beside this executable. The line is the raw command line
 * (GetCommandLineW) and then its CommandLineToArgvW split, each as UTF-16 code units in hex, separated
 * by spaces (an empty element is "-"), so that no character can be lost or re-encoded on the way.
 * Exit code: 0, or the number in the environment variable ARGV_DUMP_EXIT when set; 90-94 when it
 * could not record (with a message on stderr).
 *
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -o argv-dump.exe argv-dump.c -lshell32
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

/* Appends the hex of w (or "-" when empty) to buf; returns the new end. */
static char *put_hex(char *buf, const WCHAR *w)
{
    if (!*w) { *buf++ = '-'; return buf; }
    for (; *w; w++) buf += sprintf(buf, "%04x", (unsigned)*w);
    return buf;
}

/*
 * One record is one WriteFile on a handle opened for FILE_APPEND_DATA only: the append is atomic (the
 * end of the file is found at the write, not at the open), so a record can neither overwrite nor split
 * another. Records are small; a sharing violation from a reader is waited out.
 */
int wmain(void)
{
    WCHAR path[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return 90;
    WCHAR *slash = wcsrchr(path, L'\\');
    if (!slash) return 91;
    wcscpy(slash + 1, L"argv-dump.txt");

    const WCHAR *line = GetCommandLineW();
    int argc = 0;
    WCHAR **argv = CommandLineToArgvW(line, &argc);
    size_t size = 4 * wcslen(line) + 2;
    for (int i = 0; argv && i < argc; i++) size += 4 * wcslen(argv[i]) + 2;
    char *buf = malloc(size + 1), *end = buf;
    if (!buf) return 93;
    end = put_hex(end, line);
    for (int i = 0; argv && i < argc; i++) { *end++ = ' '; end = put_hex(end, argv[i]); }
    *end++ = '\n';

    HANDLE h = INVALID_HANDLE_VALUE;
    for (int tries = 0; tries < 50 && h == INVALID_HANDLE_VALUE; tries++) {
        h = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h == INVALID_HANDLE_VALUE) Sleep(20);
    }
    if (h == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"argv-dump: cannot open %ls (%lu)\n", path, GetLastError());
        return 92;
    }
    DWORD written = 0;
    BOOL ok = WriteFile(h, buf, (DWORD)(end - buf), &written, NULL);
    CloseHandle(h);
    if (!ok || written != (DWORD)(end - buf)) {
        fwprintf(stderr, L"argv-dump: short write to %ls (%lu)\n", path, GetLastError());
        return 94;
    }
    const WCHAR *code = _wgetenv(L"ARGV_DUMP_EXIT");
    return code ? _wtoi(code) : 0;
}
