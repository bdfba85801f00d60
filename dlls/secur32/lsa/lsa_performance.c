/*
 * OpenLsaPerformanceData, CollectLsaPerformanceData, CloseLsaPerformanceData: the three entry
 * points of a performance-counter extension DLL, as Perflib calls them.  No LSA runs here to
 * count anything, so the extension opens, reports no object types, and closes, which is how
 * Microsoft's extension interface says a collector with nothing to give answers.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

DWORD WINAPI OpenLsaPerformanceData(WCHAR *devices);
DWORD WINAPI CollectLsaPerformanceData(WCHAR *value, void **data, DWORD *total_bytes, DWORD *object_types);
DWORD WINAPI CloseLsaPerformanceData(void);

DWORD WINAPI OpenLsaPerformanceData(WCHAR *devices)
{
    TRACE("%s\n", dbgstr_w(devices));
    return ERROR_SUCCESS;
}

/* Nothing collected: *DATA stays where it was, and no bytes or object types are reported. */
DWORD WINAPI CollectLsaPerformanceData(WCHAR *value, void **data, DWORD *total_bytes, DWORD *object_types)
{
    TRACE("%s %p %p %p\n", dbgstr_w(value), data, total_bytes, object_types);
    if (total_bytes) *total_bytes = 0;
    if (object_types) *object_types = 0;
    return ERROR_SUCCESS;
}

DWORD WINAPI CloseLsaPerformanceData(void)
{
    TRACE("\n");
    return ERROR_SUCCESS;
}
