/*
 * Account names as a machine outside a domain knows them: the token's user, its SAM-compatible
 * name (DOMAIN\user) and display name, and the size conventions of the functions that return them.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include <lm.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

BOOL name_format_is_valid(EXTENDED_NAME_FORMAT format)
{
    switch (format)
    {
    case NameUnknown: case NameFullyQualifiedDN: case NameSamCompatible: case NameDisplay:
    case NameUniqueId: case NameCanonical: case NameUserPrincipal: case NameCanonicalEx:
    case NameServicePrincipal: case NameDnsDomain: case NameGivenName: case NameSurname:
        return TRUE;
    }
    return FALSE;
}

void name_free(WCHAR *name)
{
    HeapFree(GetProcessHeap(), 0, name);
}

static WCHAR *name_alloc(SIZE_T chars)
{
    return HeapAlloc(GetProcessHeap(), 0, chars * sizeof(WCHAR));
}

/* The user of the thread's token when it impersonates, else the process's. */
DWORD name_of_token_user(PSID *sid)
{
    TOKEN_USER *user;
    HANDLE token;
    DWORD size = 0, error = ERROR_SUCCESS;

    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return GetLastError();
    GetTokenInformation(token, TokenUser, NULL, 0, &size);
    if (!(user = HeapAlloc(GetProcessHeap(), 0, size))) error = ERROR_NOT_ENOUGH_MEMORY;
    else if (!GetTokenInformation(token, TokenUser, user, size, &size)) error = GetLastError();
    CloseHandle(token);
    if (error)
    {
        HeapFree(GetProcessHeap(), 0, user);
        return error;
    }
    /* The SID lives inside the TOKEN_USER block, which starts the allocation. */
    memmove(user, user->User.Sid, GetLengthSid(user->User.Sid));
    *sid = user;
    return ERROR_SUCCESS;
}

/* The account's name and domain as LookupAccountSid gives them. */
static DWORD lookup_sid(PSID sid, WCHAR **user, WCHAR **domain, SID_NAME_USE *use)
{
    DWORD user_len = 0, domain_len = 0;

    *user = *domain = NULL;
    LookupAccountSidW(NULL, sid, NULL, &user_len, NULL, &domain_len, use);
    if (GetLastError() != ERROR_INSUFFICIENT_BUFFER) return ERROR_NONE_MAPPED;
    *user = name_alloc(user_len);
    *domain = name_alloc(domain_len);
    if (*user && *domain && LookupAccountSidW(NULL, sid, *user, &user_len, *domain, &domain_len, use))
        return ERROR_SUCCESS;
    name_free(*user);
    name_free(*domain);
    return *user && *domain ? ERROR_NONE_MAPPED : ERROR_NOT_ENOUGH_MEMORY;
}

DWORD name_sam_compatible(PSID sid, WCHAR **name)
{
    WCHAR *user, *domain;
    SID_NAME_USE use;
    DWORD error;

    if ((error = lookup_sid(sid, &user, &domain, &use))) return error;
    if ((*name = name_alloc(wcslen(domain) + 1 + wcslen(user) + 1)))
    {
        wcscpy(*name, domain);
        if (*domain) wcscat(*name, L"\\");
        wcscat(*name, user);
    }
    else error = ERROR_NOT_ENOUGH_MEMORY;
    name_free(user);
    name_free(domain);
    return error;
}

/* The full name the local account database holds for a local user; netapi32 is loaded only
 * when a display name is asked for. */
static DWORD local_full_name(const WCHAR *user, WCHAR **name)
{
    NET_API_STATUS (WINAPI *get_info)(const WCHAR *, const WCHAR *, DWORD, BYTE **);
    NET_API_STATUS (WINAPI *free_buffer)(void *);
    USER_INFO_10 *info;
    HMODULE netapi;
    DWORD error = ERROR_NONE_MAPPED;

    if (!(netapi = LoadLibraryW(L"netapi32.dll"))) return ERROR_NONE_MAPPED;
    get_info = (void *)GetProcAddress(netapi, "NetUserGetInfo");
    free_buffer = (void *)GetProcAddress(netapi, "NetApiBufferFree");
    if (get_info && free_buffer && !get_info(NULL, user, 10, (BYTE **)&info))
    {
        if (info->usri10_full_name && *info->usri10_full_name)
        {
            if ((*name = name_alloc(wcslen(info->usri10_full_name) + 1)))
            {
                wcscpy(*name, info->usri10_full_name);
                error = ERROR_SUCCESS;
            }
            else error = ERROR_NOT_ENOUGH_MEMORY;
        }
        free_buffer(info);
    }
    FreeLibrary(netapi);
    return error;
}

/* Only a user of this machine's own account database has a display name without a directory. */
DWORD name_display(PSID sid, WCHAR **name)
{
    WCHAR computer[MAX_COMPUTERNAME_LENGTH + 1], *user, *domain;
    DWORD error, len = ARRAYSIZE(computer);
    SID_NAME_USE use;

    if ((error = lookup_sid(sid, &user, &domain, &use))) return error;
    if (use != SidTypeUser || !GetComputerNameW(computer, &len) || wcsicmp(domain, computer))
        error = ERROR_NONE_MAPPED;
    else
        error = local_full_name(user, name);
    TRACE("%s\\%s: %lu\n", dbgstr_w(domain), dbgstr_w(user), error);
    name_free(user);
    name_free(domain);
    return error;
}

/* NEEDED counts the terminator. */
static BOOLEAN copy_out(const struct name_style *style, void *buffer, ULONG *size, ULONG needed,
                        ULONG reported)
{
    if (!buffer && !*size && style->size_query_succeeds)
    {
        *size = reported;
        return TRUE;
    }
    if (!buffer || *size < needed)
    {
        *size = reported;
        SetLastError(style->short_buffer_error);
        return FALSE;
    }
    *size = style->success_counts_terminator ? needed : needed - 1;
    return TRUE;
}

/* A short buffer in the ANSI form reports the larger of the name's length in UTF-16 units (what
 * Windows documents) and in bytes of the ANSI code page, so a retry with the reported size fits. */
BOOLEAN name_return(const struct name_style *style, DWORD error, WCHAR *name, void *buffer, ULONG *size,
                    BOOL ansi)
{
    ULONG needed, reported;
    BOOLEAN ret = FALSE;

    if (error) SetLastError(error);
    else
    {
        reported = needed = wcslen(name) + 1;
        if (ansi) needed = WideCharToMultiByte(CP_ACP, 0, name, -1, NULL, 0, NULL, NULL);
        if ((ret = copy_out(style, buffer, size, needed, max(needed, reported))) && buffer)
        {
            if (ansi) WideCharToMultiByte(CP_ACP, 0, name, -1, buffer, needed, NULL, NULL);
            else memcpy(buffer, name, needed * sizeof(WCHAR));
        }
    }
    name_free(name);
    return ret;
}

BOOLEAN name_query(const struct name_style *style, DWORD (*get)(EXTENDED_NAME_FORMAT, WCHAR **),
                   EXTENDED_NAME_FORMAT format, void *buffer, ULONG *size, BOOL ansi)
{
    WCHAR *name = NULL;
    DWORD error = size ? get(format, &name) : ERROR_INVALID_PARAMETER;

    return name_return(style, error, name, buffer, size, ansi);
}
