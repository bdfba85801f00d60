/*
 * SspiGetTargetHostName: the host part of a target name.  A service principal name
 * (service/host[:port][/name]) gives its host, a plain name its part before a port; an IPv6
 * literal in brackets keeps its brackets.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

SECURITY_STATUS SEC_ENTRY SspiGetTargetHostName(PCWSTR target, PWSTR *host)
{
    const WCHAR *start, *end;

    TRACE("%s %p\n", dbgstr_w(target), host);
    if (!target || !host) return SEC_E_INVALID_PARAMETER;
    start = (end = wcschr(target, '/')) ? end + 1 : target;
    if (*start == '[' && (end = wcschr(start, ']'))) end++;
    else end = start + wcscspn(start, L":/");
    if (end == start) return SEC_E_INVALID_PARAMETER;
    return (*host = identity_string_w(start, end - start, FALSE)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}
