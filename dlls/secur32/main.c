/*
 * secur32.dll entry point.  Only the allocator's thread slot is made here: GnuTLS and the package
 * state start on first use, outside the loader lock.  A thread's cached memory goes back to the
 * heap when it ends.  At unload the secrets kept for reconnects are wiped.
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
        tls_malloc_startup();
        break;
    case DLL_THREAD_DETACH:
        tls_malloc_thread_exit();
        break;
    case DLL_PROCESS_DETACH:
        session_cache_shutdown();
        tls_engine_shutdown();
        tls_malloc_shutdown();
        break;
    }
    return TRUE;
}
