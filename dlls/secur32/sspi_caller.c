/*
 * Who calls: the module that holds a return address, by file name, and whether it is one of Wine's
 * own builtin DLLs.  Packages may need to know (see docs/wine-callers.md); the front end only finds
 * out.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

/* Wine's PE builtins carry this text right after their DOS header, where Windows' DLLs have their
 * DOS stub (winebuild writes it; Wine's loader looks for it). */
static const char wine_builtin_marker[] = "Wine builtin DLL";
#define WINE_BUILTIN_MARKER_OFFSET 0x40

static BOOL is_wine_builtin(HMODULE module)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;

    if (dos->e_magic != IMAGE_DOS_SIGNATURE) return FALSE;
    if (dos->e_lfanew < WINE_BUILTIN_MARKER_OFFSET + sizeof(wine_builtin_marker)) return FALSE;
    return !memcmp((const BYTE *)module + WINE_BUILTIN_MARKER_OFFSET, wine_builtin_marker,
                   sizeof(wine_builtin_marker) - 1);
}

void sspi_identify_caller(const void *address, struct sspi_caller *caller)
{
    WCHAR path[MAX_PATH];
    const WCHAR *name;
    HMODULE module;
    DWORD size;

    caller->module[0] = 0;
    caller->wine_builtin = FALSE;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            address, &module))
        return;
    if (!(size = GetModuleFileNameW(module, path, ARRAYSIZE(path))) || size == ARRAYSIZE(path)) return;
    name = wcsrchr(path, '\\') ? wcsrchr(path, '\\') + 1 : path;
    lstrcpynW(caller->module, name, ARRAYSIZE(caller->module));
    caller->wine_builtin = is_wine_builtin(module);
    TRACE("caller %s%s\n", dbgstr_w(caller->module), caller->wine_builtin ? " (Wine builtin)" : "");
}
