/*
 * GetUserNameExA/W: the name of the thread's user in each EXTENDED_NAME_FORMAT, as Windows gives
 * it for an account outside a domain.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

/* On success the count excludes the terminator; ERROR_MORE_DATA reports the size including it. */
static const struct name_style user_name_style = { ERROR_MORE_DATA, FALSE, FALSE };

static DWORD user_name(EXTENDED_NAME_FORMAT format, WCHAR **name)
{
    PSID sid;
    DWORD error;

    if (!name_format_is_valid(format)) return ERROR_INVALID_PARAMETER;
    if (format == NameUnknown) return ERROR_NO_SUCH_USER;
    if (format != NameSamCompatible && format != NameDisplay) return ERROR_NONE_MAPPED;  /* directory only */
    if ((error = name_of_token_user(&sid))) return error;
    error = format == NameSamCompatible ? name_sam_compatible(sid, name) : name_display(sid, name);
    HeapFree(GetProcessHeap(), 0, sid);
    return error;
}

BOOLEAN SEC_ENTRY GetUserNameExW(EXTENDED_NAME_FORMAT format, WCHAR *buffer, ULONG *size)
{
    TRACE("%d %p %p\n", format, buffer, size);
    return name_query(&user_name_style, user_name, format, buffer, size, FALSE);
}

BOOLEAN SEC_ENTRY GetUserNameExA(EXTENDED_NAME_FORMAT format, char *buffer, ULONG *size)
{
    TRACE("%d %p %p\n", format, buffer, size);
    return name_query(&user_name_style, user_name, format, buffer, size, TRUE);
}
