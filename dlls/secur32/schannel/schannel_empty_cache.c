/*
 * SslEmptyCacheA/W: schannel.dll's exports forward here, because the session cache lives in
 * secur32.dll.  (Not including schannel.h: mingw-w64 declares these without WINAPI, while the
 * 32-bit export is stdcall, as Windows' own.)
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windows.h>

#include "cache/session_cache.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

BOOL WINAPI SslEmptyCacheA(char *target, DWORD flags);
BOOL WINAPI SslEmptyCacheW(WCHAR *target, DWORD flags);

/* A client's sessions are cached under their target name in UTF-8: empty those of TARGET, or all. */
BOOL WINAPI SslEmptyCacheW(WCHAR *target, DWORD flags)
{
    char name[256];

    TRACE("%s %#lx\n", dbgstr_w(target), flags);
    if (!target)
    {
        session_cache_remove_key(CACHE_CLIENT, NULL, 0);
        return TRUE;
    }
    if (!WideCharToMultiByte(CP_UTF8, 0, target, -1, name, sizeof(name), NULL, NULL)) return FALSE;
    session_cache_remove_key(CACHE_CLIENT, (const BYTE *)name, strlen(name));
    return TRUE;
}

BOOL WINAPI SslEmptyCacheA(char *target, DWORD flags)
{
    WCHAR name[256];

    TRACE("%s %#lx\n", dbgstr_a(target), flags);
    if (!target) return SslEmptyCacheW(NULL, flags);
    if (!MultiByteToWideChar(CP_ACP, 0, target, -1, name, ARRAYSIZE(name))) return FALSE;
    return SslEmptyCacheW(name, flags);
}
