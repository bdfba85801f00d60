/*
 * secur32.dll entry point.  Nothing is initialised here: GnuTLS and the package state start on
 * first use, outside the loader lock.  At unload the secrets kept for reconnects are wiped.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windows.h>

#include "cache/session_cache.h"
#include "tls/tls_engine.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        session_cache_shutdown();
        tls_engine_shutdown();
        break;
    }
    return TRUE;
}
