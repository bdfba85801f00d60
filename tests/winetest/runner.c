/*
 * The Windows bundle's runner (make winetest, docs/testing.md): runs every test program of the
 * bundle, for each architecture in it, in two modes: "system" (the program alone: Windows' own
 * Schannel, or Wine's builtin) and "ours" (our secur32.dll and schannel.dll beside it).  Each run
 * has a timeout and its output captured; the program reports which secur32.dll it loaded
 * (SECUR32_TEST_SHOW_DLL, tests/test_support.c), and the runner checks that it was the one the
 * mode wants.  Under Wine, run it with WINEDLLOVERRIDES="secur32,schannel=n,b": a DLL beside the
 * program then wins, and the builtin serves the programs that have none.  Writes report.txt (Windows version, DLL versions, each test's summary line and
 * verdict, the totals) and junit.xml.
 *
 *   runner.exe [--timeout SECONDS] [--arch x86_64|i686] [--only NAME,NAME...] [--out DIR]
 *
 * Exit status: the number of failed runs (at most 255).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

struct options
{
    DWORD timeout_ms;
    const char *arch;           /* NULL: every architecture in the bundle */
    const char *only;           /* NULL: every test; else a comma-separated list of names */
    char out[MAX_PATH];
};

struct result
{
    char arch[16], mode[8], name[64];
    char summary[256];          /* the harness's summary line, or "" */
    char loaded[MAX_PATH];      /* where secur32.dll came from, or "" */
    DWORD exit_code;
    BOOL timed_out, passed;
    const char *why;            /* why it failed */
    int executed, todo, failures, skipped;
};

static struct result results[512];
static int result_count;

static void dir_of(char *path)
{
    char *slash = strrchr(path, '\\');
    if (slash) *slash = 0;
}

static BOOL wanted(const struct options *opts, const char *name)
{
    const char *p = opts->only;
    size_t len = strlen(name);

    if (!p) return TRUE;
    while (*p)
    {
        if (!strncmp(p, name, len) && (p[len] == ',' || !p[len])) return TRUE;
        if (!(p = strchr(p, ','))) break;
        p++;
    }
    return FALSE;
}

static void copy_into(const char *from_dir, const char *file, const char *to_dir)
{
    char from[MAX_PATH], to[MAX_PATH];

    snprintf(from, sizeof(from), "%s\\%s", from_dir, file);
    snprintf(to, sizeof(to), "%s\\%s", to_dir, file);
    CopyFileA(from, to, FALSE);
}

static int count_of(const char *line, const char *what)
{
    const char *p = strstr(line, what);

    while (p && p > line && p[-1] == ' ') p--;
    while (p && p > line && p[-1] >= '0' && p[-1] <= '9') p--;
    return p ? atoi(p) : 0;
}

/* Reads the run's log: the summary line and the DLL the program reported. */
static void read_log(struct result *r, const char *log)
{
    char line[1024], *end;
    FILE *f = fopen(log, "r");

    if (!f) return;
    while (fgets(line, sizeof(line), f))
    {
        if ((end = strpbrk(line, "\r\n"))) *end = 0;
        if (!strncmp(line, "secur32.dll loaded from ", 24)) lstrcpynA(r->loaded, line + 24, sizeof(r->loaded));
        if (strstr(line, " tests executed ("))
        {
            lstrcpynA(r->summary, line, sizeof(r->summary));
            r->executed = count_of(line, " tests executed");
            r->todo = count_of(line, " marked as todo");
            r->failures = count_of(line, " failure");
            r->skipped = count_of(line, " skipped");
        }
    }
    fclose(f);
}

/* One test program in one mode, in DIR (the exe, and for "ours" our DLLs, copied there). */
static void run_one(const struct options *opts, const char *arch_dir, const char *arch, const char *mode,
                    const char *exe)
{
    struct result *r = &results[result_count++];
    char dir[MAX_PATH], log[MAX_PATH], cmd[MAX_PATH], loaded_dir[MAX_PATH], tests_dir[MAX_PATH];
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    HANDLE out;
    BOOL ours = !strcmp(mode, "ours");

    lstrcpynA(r->arch, arch, sizeof(r->arch));
    lstrcpynA(r->mode, mode, sizeof(r->mode));
    lstrcpynA(r->name, exe, sizeof(r->name));
    if (strrchr(r->name, '.')) *strrchr(r->name, '.') = 0;
    snprintf(dir, sizeof(dir), "%s\\%s-%s", opts->out, arch, mode);
    CreateDirectoryA(dir, NULL);
    snprintf(tests_dir, sizeof(tests_dir), "%s\\tests", arch_dir);
    copy_into(tests_dir, exe, dir);
    if (ours)
    {
        copy_into(arch_dir, "secur32.dll", dir);
        copy_into(arch_dir, "schannel.dll", dir);
    }
    snprintf(log, sizeof(log), "%s\\%s.log", dir, r->name);
    out = CreateFileA(log, GENERIC_WRITE, FILE_SHARE_READ, &sa, CREATE_ALWAYS, 0, NULL);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = INVALID_HANDLE_VALUE;
    si.hStdOutput = si.hStdError = out;
    snprintf(cmd, sizeof(cmd), "\"%s\\%s\"", dir, exe);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, dir, &si, &pi))
    {
        CloseHandle(out);
        r->why = "could not start";
        return;
    }
    if (WaitForSingleObject(pi.hProcess, opts->timeout_ms) == WAIT_TIMEOUT)
    {
        TerminateProcess(pi.hProcess, 1);
        WaitForSingleObject(pi.hProcess, 10000);
        r->timed_out = TRUE;
    }
    GetExitCodeProcess(pi.hProcess, &r->exit_code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(out);
    read_log(r, log);

    lstrcpynA(loaded_dir, r->loaded, sizeof(loaded_dir));
    dir_of(loaded_dir);
    if (r->timed_out) r->why = "timed out";
    else if (!r->summary[0]) r->why = "no summary line";
    else if (!r->loaded[0]) r->why = "did not say which secur32.dll it loaded";
    else if (ours && (lstrcmpiA(loaded_dir, dir) || strstr(r->loaded, "(Wine builtin)")))
        r->why = "did not load our secur32.dll";
    else if (!ours && !lstrcmpiA(loaded_dir, dir)) r->why = "loaded a secur32.dll from its own folder";
    else if (r->failures || r->exit_code) r->why = "failures";
    else r->passed = TRUE;
}

static void run_arch(const struct options *opts, const char *bundle, const char *arch)
{
    static const char *const modes[] = { "system", "ours" };
    char arch_dir[MAX_PATH], pattern[MAX_PATH];
    WIN32_FIND_DATAA fd;
    HANDLE find;
    int m;

    snprintf(arch_dir, sizeof(arch_dir), "%s\\%s", bundle, arch);
    snprintf(pattern, sizeof(pattern), "%s\\tests\\*.exe", arch_dir);
    for (m = 0; m < 2; m++)
    {
        if ((find = FindFirstFileA(pattern, &fd)) == INVALID_HANDLE_VALUE) return;
        do
        {
            char name[64];

            lstrcpynA(name, fd.cFileName, sizeof(name));
            if (strrchr(name, '.')) *strrchr(name, '.') = 0;
            if (!wanted(opts, name) || result_count >= ARRAYSIZE(results)) continue;
            printf("%s %s %s\n", arch, modes[m], name);
            fflush(stdout);
            run_one(opts, arch_dir, arch, modes[m], fd.cFileName);
        } while (FindNextFileA(find, &fd));
        FindClose(find);
    }
}

static void dll_version(FILE *f, const char *label, const char *path)
{
    DWORD handle, size = GetFileVersionInfoSizeA(path, &handle);
    VS_FIXEDFILEINFO *info;
    UINT len;
    void *data;

    if (!size || !(data = malloc(size)) || !GetFileVersionInfoA(path, 0, size, data) ||
        !VerQueryValueA(data, "\\", (void **)&info, &len))
    {
        fprintf(f, "%s: %s, no version resource\n", label, path);
        return;
    }
    fprintf(f, "%s: %s %u.%u.%u.%u\n", label, path, HIWORD(info->dwFileVersionMS), LOWORD(info->dwFileVersionMS),
            HIWORD(info->dwFileVersionLS), LOWORD(info->dwFileVersionLS));
    free(data);
}

static void write_report(const struct options *opts, const char *bundle)
{
    RTL_OSVERSIONINFOW version = { sizeof(version) };
    LONG (WINAPI *get_version)(RTL_OSVERSIONINFOW *);
    const char *(CDECL *wine_version)(void);
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    char path[MAX_PATH], system[MAX_PATH];
    int i, passed = 0, failed = 0, checks = 0, check_failures = 0, skipped = 0;
    FILE *f, *xml;

    snprintf(path, sizeof(path), "%s\\report.txt", opts->out);
    if (!(f = fopen(path, "w"))) return;
    get_version = (void *)GetProcAddress(ntdll, "RtlGetVersion");
    wine_version = (void *)GetProcAddress(ntdll, "wine_get_version");
    if (get_version) get_version(&version);
    fprintf(f, "Windows %lu.%lu build %lu%s%s\n", version.dwMajorVersion, version.dwMinorVersion,
            version.dwBuildNumber, wine_version ? ", under Wine " : "", wine_version ? wine_version() : "");
    GetSystemDirectoryA(system, sizeof(system));
    snprintf(path, sizeof(path), "%s\\secur32.dll", system);
    dll_version(f, "system secur32.dll", path);
    snprintf(path, sizeof(path), "%s\\schannel.dll", system);
    dll_version(f, "system schannel.dll", path);
    for (i = 0; i < 2; i++)
    {
        snprintf(path, sizeof(path), "%s\\%s\\secur32.dll", bundle, i ? "i686" : "x86_64");
        if (GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES) dll_version(f, "our secur32.dll", path);
    }

    snprintf(path, sizeof(path), "%s\\junit.xml", opts->out);
    xml = fopen(path, "w");
    if (xml) fprintf(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"secur32-winetest\">\n");
    for (i = 0; i < result_count; i++)
    {
        struct result *r = &results[i];

        fprintf(f, "%s %s %s: %s: %s\n", r->arch, r->mode, r->name, r->passed ? "ok" : r->why,
                r->summary[0] ? r->summary : "(no summary line)");
        if (r->passed) passed++;
        else failed++;
        checks += r->executed;
        check_failures += r->failures;
        skipped += r->todo + r->skipped;
        if (!xml) continue;
        fprintf(xml, "  <testsuite name=\"%s-%s-%s\" tests=\"1\" failures=\"%d\">\n", r->arch, r->mode, r->name,
                !r->passed);
        fprintf(xml, "    <testcase classname=\"%s.%s\" name=\"%s\">\n", r->arch, r->mode, r->name);
        if (!r->passed) fprintf(xml, "      <failure message=\"%s\"/>\n", r->why);
        fprintf(xml, "      <system-out>%s; secur32.dll from %s</system-out>\n    </testcase>\n  </testsuite>\n",
                r->summary, r->loaded[0] ? r->loaded : "?");
    }
    if (xml)
    {
        fprintf(xml, "</testsuites>\n");
        fclose(xml);
    }
    fprintf(f, "checks: %d executed, %d failures, %d todo or skipped\n", checks, check_failures, skipped);
    fprintf(f, "%d passed, %d failed, 0 skipped\n", passed, failed);
    fclose(f);
    printf("%d passed, %d failed, 0 skipped\n", passed, failed);
}

int main(int argc, char **argv)
{
    struct options opts = { 300 * 1000 };
    char bundle[MAX_PATH];
    int i, failed = 0;

    GetModuleFileNameA(NULL, bundle, sizeof(bundle));
    dir_of(bundle);
    snprintf(opts.out, sizeof(opts.out), "%s\\results", bundle);
    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--timeout") && i + 1 < argc) opts.timeout_ms = atoi(argv[++i]) * 1000;
        else if (!strcmp(argv[i], "--arch") && i + 1 < argc) opts.arch = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) opts.only = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) GetFullPathNameA(argv[++i], sizeof(opts.out), opts.out, NULL);
        else
        {
            fprintf(stderr, "usage: runner.exe [--timeout SECONDS] [--arch x86_64|i686] [--only NAME,...] [--out DIR]\n");
            return 255;
        }
    }
    CreateDirectoryA(opts.out, NULL);
    SetEnvironmentVariableA("SECUR32_TEST_SHOW_DLL", "1");
    for (i = 0; i < 2; i++)
    {
        const char *arch = i ? "i686" : "x86_64";
        if (!opts.arch || !strcmp(opts.arch, arch)) run_arch(&opts, bundle, arch);
    }
    write_report(&opts, bundle);
    for (i = 0; i < result_count; i++) failed += !results[i].passed;
    return failed > 255 ? 255 : failed;
}
