/*
 * Logon sessions as a process can truly know them: its own, from its token (logon id, user SID,
 * account and domain names, session id, logon type from the token's groups).  Other sessions
 * are not visible without an LSA, so only the own one is listed.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static BOOL token_info(TOKEN_INFORMATION_CLASS cls, void *buffer, DWORD size)
{
    HANDLE token;
    BOOL ret;

    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return FALSE;
    ret = GetTokenInformation(token, cls, buffer, size, &size);
    CloseHandle(token);
    return ret;
}

BOOL lsa_own_logon_id(LUID *luid)
{
    TOKEN_STATISTICS stats;

    if (!token_info(TokenStatistics, &stats, sizeof(stats))) return FALSE;
    *luid = stats.AuthenticationId;
    return TRUE;
}

NTSTATUS WINAPI LsaEnumerateLogonSessions(ULONG *count, LUID **list)
{
    LUID *luids;

    TRACE("%p %p\n", count, list);
    LSA_FORWARD(NTSTATUS, LsaEnumerateLogonSessions, count, list);
    if (!count || !list) return STATUS_INVALID_PARAMETER;
    if (!(luids = HeapAlloc(GetProcessHeap(), 0, sizeof(*luids)))) return STATUS_NO_MEMORY;
    if (!lsa_own_logon_id(luids))
    {
        HeapFree(GetProcessHeap(), 0, luids);
        return STATUS_ACCESS_DENIED;
    }
    *count = 1;
    *list = luids;
    return STATUS_SUCCESS;
}

/* The interactive, service, network or batch group the token carries names the logon type. */
static ULONG logon_type(void)
{
    static const struct { WELL_KNOWN_SID_TYPE sid; ULONG type; } types[] =
    {
        { WinInteractiveSid, Interactive }, { WinServiceSid, Service },
        { WinNetworkSid, Network }, { WinBatchSid, Batch },
    };
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD size;
    BOOL member;
    unsigned i;

    for (i = 0; i < ARRAYSIZE(types); i++)
    {
        size = sizeof(sid);
        if (CreateWellKnownSid(types[i].sid, NULL, sid, &size) && CheckTokenMembership(NULL, sid, &member) && member)
            return types[i].type;
    }
    return Interactive;
}

static WCHAR *pack_string(LSA_UNICODE_STRING *str, const WCHAR *value, WCHAR *dst)
{
    SIZE_T len = wcslen(value);

    memcpy(dst, value, (len + 1) * sizeof(WCHAR));
    str->Buffer = dst;
    str->Length = len * sizeof(WCHAR);
    str->MaximumLength = (len + 1) * sizeof(WCHAR);
    return dst + len + 1;
}

NTSTATUS WINAPI LsaGetLogonSessionData(LUID *luid, SECURITY_LOGON_SESSION_DATA **out)
{
    BYTE user_buf[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    TOKEN_USER *user = (TOKEN_USER *)user_buf;
    WCHAR name[256], domain[256], computer[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD name_len = ARRAYSIZE(name), domain_len = ARRAYSIZE(domain), computer_len = ARRAYSIZE(computer);
    SECURITY_LOGON_SESSION_DATA *data;
    SID_NAME_USE use;
    SIZE_T size, sid_size;
    FILETIME created, unused[3];
    LUID own;
    WCHAR *strings;

    TRACE("%p %p\n", luid, out);
    LSA_FORWARD(NTSTATUS, LsaGetLogonSessionData, luid, out);
    if (!luid || !out) return STATUS_INVALID_PARAMETER;
    if (!lsa_own_logon_id(&own) || own.LowPart != luid->LowPart || own.HighPart != luid->HighPart)
        return STATUS_NO_SUCH_LOGON_SESSION;
    if (!token_info(TokenUser, user, sizeof(user_buf)) ||
        !LookupAccountSidW(NULL, user->User.Sid, name, &name_len, domain, &domain_len, &use))
        return STATUS_NO_SUCH_LOGON_SESSION;
    if (!GetComputerNameW(computer, &computer_len)) computer[0] = 0;

    sid_size = GetLengthSid(user->User.Sid);
    size = sizeof(*data) + sid_size + (name_len + domain_len + computer_len + 4 + 3) * sizeof(WCHAR) + 8;
    if (!(data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size))) return STATUS_NO_MEMORY;
    data->Size = sizeof(*data);
    data->LogonId = own;
    data->LogonType = logon_type();
    ProcessIdToSessionId(GetCurrentProcessId(), &data->Session);
    data->Sid = data + 1;
    CopySid(sid_size, data->Sid, user->User.Sid);
    /* The process's start is the latest the logon can have been. */
    if (GetProcessTimes(GetCurrentProcess(), &created, &unused[0], &unused[1], &unused[2]))
        data->LogonTime.QuadPart = (LONGLONG)created.dwHighDateTime << 32 | created.dwLowDateTime;
    strings = (WCHAR *)(((ULONG_PTR)data->Sid + sid_size + 7) & ~(ULONG_PTR)7);
    strings = pack_string(&data->UserName, name, strings);
    strings = pack_string(&data->LogonDomain, domain, strings);
    strings = pack_string(&data->AuthenticationPackage, L"NTLM", strings);
    strings = pack_string(&data->LogonServer, computer, strings);
    *out = data;
    return STATUS_SUCCESS;
}

/* ksecdd's GetSecurityUserInfo (ntifs.h) on the same session data: NULL asks for the calling
 * thread's session.  The block is freed with LsaFreeReturnBuffer. */
NTSTATUS WINAPI GetSecurityUserInfo(LUID *luid, ULONG flags, SecurityUserData **out)
{
    SECURITY_LOGON_SESSION_DATA *session;
    SecurityUserData *data;
    NTSTATUS status;
    SIZE_T size, sid_size;
    WCHAR *strings;
    LUID own;

    TRACE("%p %#lx %p\n", luid, flags, out);
    LSA_FORWARD(NTSTATUS, GetSecurityUserInfo, luid, flags, out);
    if (!out) return STATUS_INVALID_PARAMETER;
    if (!luid)
    {
        if (!lsa_own_logon_id(&own)) return STATUS_NO_SUCH_LOGON_SESSION;
        luid = &own;
    }
    if ((status = LsaGetLogonSessionData(luid, &session))) return status;
    sid_size = GetLengthSid(session->Sid);
    size = sizeof(*data) + sid_size + 8 + session->UserName.MaximumLength + session->LogonDomain.MaximumLength +
           session->LogonServer.MaximumLength;
    if (!(data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size)))
    {
        LsaFreeReturnBuffer(session);
        return STATUS_NO_MEMORY;
    }
    data->pSid = data + 1;
    CopySid(sid_size, data->pSid, session->Sid);
    strings = (WCHAR *)(((ULONG_PTR)data->pSid + sid_size + 7) & ~(ULONG_PTR)7);
    /* A SECURITY_STRING is laid out as a UNICODE_STRING. */
    strings = pack_string((LSA_UNICODE_STRING *)&data->UserName, session->UserName.Buffer, strings);
    strings = pack_string((LSA_UNICODE_STRING *)&data->LogonDomainName, session->LogonDomain.Buffer, strings);
    pack_string((LSA_UNICODE_STRING *)&data->LogonServer, session->LogonServer.Buffer, strings);
    LsaFreeReturnBuffer(session);
    *out = data;
    return STATUS_SUCCESS;
}
