/*
 * TranslateNameA/W for the accounts a machine knows without a directory: a local or well-known
 * account named DOMAIN\name translates to its SAM-compatible and display names; every other
 * format is the directory's, which we cannot reach.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

/* On success the count includes the terminator, and a NULL buffer with a zero size asks for it. */
static const struct name_style translate_style = { ERROR_INSUFFICIENT_BUFFER, TRUE, TRUE };

static DWORD account_sid(const WCHAR *account, PSID *sid)
{
    DWORD sid_size = 0, domain_len = 0;
    SID_NAME_USE use;
    WCHAR *domain;
    BOOL found;

    LookupAccountNameW(NULL, account, NULL, &sid_size, NULL, &domain_len, &use);
    if (GetLastError() != ERROR_INSUFFICIENT_BUFFER) return ERROR_NONE_MAPPED;
    *sid = HeapAlloc(GetProcessHeap(), 0, sid_size);
    domain = HeapAlloc(GetProcessHeap(), 0, domain_len * sizeof(WCHAR));
    found = *sid && domain && LookupAccountNameW(NULL, account, *sid, &sid_size, domain, &domain_len, &use);
    HeapFree(GetProcessHeap(), 0, domain);
    if (found) return ERROR_SUCCESS;
    HeapFree(GetProcessHeap(), 0, *sid);
    return ERROR_NONE_MAPPED;
}

static DWORD translate_name(const WCHAR *account, EXTENDED_NAME_FORMAT from, EXTENDED_NAME_FORMAT to,
                            WCHAR **name)
{
    PSID sid;
    DWORD error;

    if (!account || !name_format_is_valid(from) || !name_format_is_valid(to) || to == NameUnknown)
        return ERROR_INVALID_PARAMETER;
    /* NameUnknown lets the lookup guess; a SAM-compatible name must say its domain. */
    if (from != NameUnknown && (from != NameSamCompatible || !wcschr(account, '\\'))) return ERROR_NONE_MAPPED;
    if (to != NameSamCompatible && to != NameDisplay) return ERROR_NONE_MAPPED;
    if ((error = account_sid(account, &sid))) return error;
    error = to == NameSamCompatible ? name_sam_compatible(sid, name) : name_display(sid, name);
    HeapFree(GetProcessHeap(), 0, sid);
    return error;
}

BOOLEAN SEC_ENTRY TranslateNameW(const WCHAR *account, EXTENDED_NAME_FORMAT from, EXTENDED_NAME_FORMAT to,
                                 WCHAR *buffer, ULONG *size)
{
    WCHAR *name = NULL;
    DWORD error;

    TRACE("%s %d %d %p %p\n", dbgstr_w(account), from, to, buffer, size);
    error = size ? translate_name(account, from, to, &name) : ERROR_INVALID_PARAMETER;
    return name_return(&translate_style, error, name, buffer, size, FALSE);
}

BOOLEAN SEC_ENTRY TranslateNameA(const char *account, EXTENDED_NAME_FORMAT from, EXTENDED_NAME_FORMAT to,
                                 char *buffer, ULONG *size)
{
    WCHAR *accountW = NULL, *name = NULL;
    DWORD error = ERROR_INVALID_PARAMETER;
    int len;

    TRACE("%s %d %d %p %p\n", dbgstr_a(account), from, to, buffer, size);
    if (account && size)
    {
        len = MultiByteToWideChar(CP_ACP, 0, account, -1, NULL, 0);
        if (!(accountW = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) error = ERROR_NOT_ENOUGH_MEMORY;
        else
        {
            MultiByteToWideChar(CP_ACP, 0, account, -1, accountW, len);
            error = translate_name(accountW, from, to, &name);
        }
    }
    HeapFree(GetProcessHeap(), 0, accountW);
    return name_return(&translate_style, error, name, buffer, size, TRUE);
}
