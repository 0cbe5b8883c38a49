/*
 * Records how a program is called, for svcgen's conformance tests under Wine: appends one line per
 * invocation to argv-dump.txt beside this executable. The line is the raw command line
 * (GetCommandLineW) and then its CommandLineToArgvW split, each as UTF-16 code units in hex, separated
 * by spaces (an empty element is "-"), so that no character can be lost or re-encoded on the way.
 * Exit code: 0, or the number in the environment variable ARGV_DUMP_EXIT when set.
 *
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -o argv-dump.exe argv-dump.c -lshell32
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void put_hex(FILE *f, const WCHAR *w)
{
    if (!*w) { fputc('-', f); return; }
    for (; *w; w++) fprintf(f, "%04x", (unsigned)*w);
}

int wmain(void)
{
    WCHAR path[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return 90;
    WCHAR *slash = wcsrchr(path, L'\\');
    if (!slash) return 91;
    wcscpy(slash + 1, L"argv-dump.txt");
    FILE *f = _wfopen(path, L"ab");
    if (!f) return 92;
    const WCHAR *line = GetCommandLineW();
    int argc = 0;
    WCHAR **argv = CommandLineToArgvW(line, &argc);
    put_hex(f, line);
    for (int i = 0; argv && i < argc; i++) { fputc(' ', f); put_hex(f, argv[i]); }
    fputc('\n', f);
    fclose(f);
    const WCHAR *code = _wgetenv(L"ARGV_DUMP_EXIT");
    return code ? _wtoi(code) : 0;
}
