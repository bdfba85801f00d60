/*
 * Helpers shared by the test programs, and the one symbol Wine's test.h needs from Wine's ntdll.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "test_support.h"

/* wine/debug.h formats into a local buffer and asks for a copy that outlives the call: a ring of
 * buffers is enough for the few strings one ok() line uses. */
const char * __cdecl __wine_dbg_strdup(const char *str)
{
    static char ring[64][1024];
    static LONG next;
    char *buf = ring[InterlockedIncrement(&next) & 63];

    lstrcpynA(buf, str, sizeof(ring[0]));
    return buf;
}

/* Wine's builtin PE DLLs carry this signature right after the DOS header. */
BOOL is_wine_builtin(const char *module)
{
    static const char signature[] = "Wine builtin DLL";
    HMODULE mod = GetModuleHandleA(module);

    return mod && !memcmp((const char *)mod + 0x40, signature, sizeof(signature));
}

static void dir_of(HMODULE mod, char *path, DWORD size)
{
    char *slash;

    if (!GetModuleFileNameA(mod, path, size)) path[0] = 0;
    if ((slash = strrchr(path, '\\'))) *slash = 0;
}

BOOL is_ours(const char *module)
{
    HMODULE mod = GetModuleHandleA(module);
    char exe_dir[MAX_PATH], dll_dir[MAX_PATH];

    if (!mod) return FALSE;
    dir_of(NULL, exe_dir, sizeof(exe_dir));
    dir_of(mod, dll_dir, sizeof(dll_dir));
    return !lstrcmpiA(exe_dir, dll_dir);
}

/* ntdll's wine_get_version ("8.0", "10.0"): the major number, 0 on Windows. */
int wine_major_version(void)
{
    const char *(CDECL *get_version)(void);
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");

    get_version = ntdll ? (void *)GetProcAddress(ntdll, "wine_get_version") : NULL;
    return get_version ? atoi(get_version()) : 0;
}

/* For the Windows bundle's runner (tests/winetest/runner.c): with SECUR32_TEST_SHOW_DLL set, each
 * program says first which secur32.dll it loaded (loading it if it has no static import).  Wine
 * names a builtin it loads in place of a file by the file's path, so a builtin says so. */
static void __attribute__((constructor)) show_secur32(void)
{
    char path[MAX_PATH];
    HMODULE mod;

    if (!GetEnvironmentVariableA("SECUR32_TEST_SHOW_DLL", path, sizeof(path))) return;
    mod = LoadLibraryA("secur32.dll");
    if (!mod || !GetModuleFileNameA(mod, path, sizeof(path))) lstrcpyA(path, "(not loaded)");
    printf("secur32.dll loaded from %s%s\n", path, is_wine_builtin("secur32.dll") ? " (Wine builtin)" : "");
    fflush(stdout);
}
