/*
 * The LSA client functions over the hosted packages: connections, package ids (Negotiate 0,
 * MICROSOFT_AUTHENTICATION_PACKAGE_V1_0 and NTLM the same package), calls to the packages
 * (Kerberos's ticket cache, Negotiate's NegGetCallerName), the process's own logon session as its
 * token describes it (LsaGetLogonSessionData, GetSecurityUserInfo), the performance-data entry
 * points, policy notifications, and bad handles and arguments.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <stddef.h>
#include <windows.h>
#include <ntstatus.h>
#include <sspi.h>
#include <ntsecapi.h>
#include <secext.h>

#include "wine/test.h"
#include "test_support.h"

static void init_lsa_string(LSA_STRING *str, const char *value)
{
    str->Buffer = (char *)value;
    str->Length = strlen(value);
    str->MaximumLength = str->Length + 1;
}

static NTSTATUS lookup(HANDLE lsa, const char *name, ULONG *id)
{
    LSA_STRING str;

    init_lsa_string(&str, name);
    *id = 0xdeadbeef;
    return LsaLookupAuthenticationPackage(lsa, &str, id);
}

static void test_lookup(HANDLE lsa)
{
    ULONG negotiate, msv, ntlm, kerberos, id;
    NTSTATUS status;

    status = lookup(lsa, "Negotiate", &negotiate);
    ok(!status && negotiate == 0, "Negotiate: %#lx, id %lu\n", status, negotiate);
    status = lookup(lsa, MSV1_0_PACKAGE_NAME, &msv);
    ok(!status, "MSV1_0: %#lx\n", status);
    status = lookup(lsa, "NTLM", &ntlm);
    ok(!status && ntlm == msv, "NTLM: %#lx, id %lu (MSV1_0 %lu)\n", status, ntlm, msv);
    status = lookup(lsa, MICROSOFT_KERBEROS_NAME_A, &kerberos);
    ok(!status && kerberos != msv && kerberos != 0, "Kerberos: %#lx, id %lu\n", status, kerberos);
    status = lookup(lsa, "No Such Package", &id);
    ok(status == STATUS_NO_SUCH_PACKAGE, "unknown package: %#lx\n", status);
    status = lookup((HANDLE)0xdeadbeef, "NTLM", &id);
    ok(status == STATUS_INVALID_HANDLE, "bad handle: %#lx\n", status);
}

static void test_kerberos_ticket_cache(HANDLE lsa)
{
    KERB_QUERY_TKT_CACHE_REQUEST req = { KerbQueryTicketCacheMessage };
    KERB_QUERY_TKT_CACHE_RESPONSE *resp = NULL;
    NTSTATUS status, protocol;
    ULONG id, size;

    lookup(lsa, MICROSOFT_KERBEROS_NAME_A, &id);
    status = LsaCallAuthenticationPackage(lsa, id, &req, sizeof(req), (void **)&resp, &size, &protocol);
    ok(!status && !protocol, "KerbQueryTicketCacheMessage: %#lx, %#lx\n", status, protocol);
    if (status) return;
    ok(resp && resp->MessageType == KerbQueryTicketCacheMessage, "response type %u\n", resp ? resp->MessageType : 0);
    ok(size >= offsetof(KERB_QUERY_TKT_CACHE_RESPONSE, Tickets), "size %lu\n", size);
    ok(LsaFreeReturnBuffer(resp) == STATUS_SUCCESS, "LsaFreeReturnBuffer failed\n");

    status = LsaCallAuthenticationPackage(lsa, 0x7777, &req, sizeof(req), (void **)&resp, &size, &protocol);
    ok(status == STATUS_NO_SUCH_PACKAGE, "unknown package id: %#lx\n", status);
    status = LsaCallAuthenticationPackage((HANDLE)0xdeadbeef, id, &req, sizeof(req), (void **)&resp, &size,
                                          &protocol);
    ok(status == STATUS_INVALID_HANDLE, "bad handle: %#lx\n", status);
}

static void test_caller_name(HANDLE lsa)
{
    NEGOTIATE_CALLER_NAME_REQUEST req = { NegGetCallerName };
    NEGOTIATE_CALLER_NAME_RESPONSE *resp = NULL;
    WCHAR expected[256];
    ULONG size, len = ARRAY_SIZE(expected);
    NTSTATUS status, protocol;

    ok(GetUserNameExW(NameSamCompatible, expected, &len), "GetUserNameExW failed: %lu\n", GetLastError());
    status = LsaCallAuthenticationPackage(lsa, 0, &req, sizeof(req), (void **)&resp, &size, &protocol);
    ok(!status && !protocol, "NegGetCallerName: %#lx, %#lx\n", status, protocol);
    if (status) return;
    ok(resp->MessageType == NegGetCallerName, "type %lu\n", resp->MessageType);
    ok(resp->CallerName && !lstrcmpW(resp->CallerName, expected), "caller %s, expected %s\n",
       wine_dbgstr_w(resp->CallerName), wine_dbgstr_w(expected));
    LsaFreeReturnBuffer(resp);

    req.LogonId.LowPart = 0x7fff1234;
    status = LsaCallAuthenticationPackage(lsa, 0, &req, sizeof(req), (void **)&resp, &size, &protocol);
    ok(status == STATUS_NO_SUCH_LOGON_SESSION, "another session: %#lx\n", status);
}

static void test_logon_sessions(void)
{
    BYTE user_buf[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    TOKEN_USER *user = (TOKEN_USER *)user_buf;
    WCHAR name[256], domain[256];
    DWORD name_len = ARRAY_SIZE(name), domain_len = ARRAY_SIZE(domain), size;
    SECURITY_LOGON_SESSION_DATA *data;
    TOKEN_STATISTICS stats;
    SID_NAME_USE use;
    HANDLE token;
    LUID *list, other = { 0x7fff1234, 0 };
    ULONG count, i;
    NTSTATUS status;
    BOOL found = FALSE;

    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    GetTokenInformation(token, TokenStatistics, &stats, sizeof(stats), &size);
    GetTokenInformation(token, TokenUser, user, sizeof(user_buf), &size);
    CloseHandle(token);
    LookupAccountSidW(NULL, user->User.Sid, name, &name_len, domain, &domain_len, &use);

    status = LsaEnumerateLogonSessions(&count, &list);
    ok(!status, "LsaEnumerateLogonSessions: %#lx\n", status);
    if (!status)
    {
        for (i = 0; i < count; i++) found |= !memcmp(&list[i], &stats.AuthenticationId, sizeof(LUID));
        ok(found, "the own logon session is not listed\n");
        LsaFreeReturnBuffer(list);
    }

    status = LsaGetLogonSessionData(&stats.AuthenticationId, &data);
    ok(!status, "LsaGetLogonSessionData: %#lx\n", status);
    if (!status)
    {
        ok(data->Size >= sizeof(*data), "size %lu\n", data->Size);
        ok(!memcmp(&data->LogonId, &stats.AuthenticationId, sizeof(LUID)), "logon id differs\n");
        ok(data->Sid && EqualSid(data->Sid, user->User.Sid), "SID differs\n");
        ok(data->UserName.Length == lstrlenW(name) * sizeof(WCHAR) &&
           !memcmp(data->UserName.Buffer, name, data->UserName.Length), "user %s, expected %s\n",
           wine_dbgstr_wn(data->UserName.Buffer, data->UserName.Length / sizeof(WCHAR)), wine_dbgstr_w(name));
        ok(data->LogonDomain.Length == lstrlenW(domain) * sizeof(WCHAR) &&
           !memcmp(data->LogonDomain.Buffer, domain, data->LogonDomain.Length), "domain %s, expected %s\n",
           wine_dbgstr_wn(data->LogonDomain.Buffer, data->LogonDomain.Length / sizeof(WCHAR)), wine_dbgstr_w(domain));
        ok(data->AuthenticationPackage.Length > 0, "no authentication package\n");
        LsaFreeReturnBuffer(data);
    }
    status = LsaGetLogonSessionData(&other, &data);
    ok(status == STATUS_NO_SUCH_LOGON_SESSION, "another session: %#lx\n", status);
    status = LsaGetLogonSessionData(NULL, &data);
    ok(status == STATUS_INVALID_PARAMETER, "NULL logon id: %#lx\n", status);
}

/* ntifs.h's GetSecurityUserInfo and its SecurityUserData, which mingw-w64 does not declare. */
typedef struct
{
    UNICODE_STRING UserName, LogonDomainName, LogonServer;
    PSID pSid;
} user_data;

/* What LsaGetLogonSessionData says about the same session. */
static void test_security_user_info(void)
{
    NTSTATUS (WINAPI *get_info)(LUID *, ULONG, user_data **) =
        (void *)GetProcAddress(GetModuleHandleA("secur32.dll"), "GetSecurityUserInfo");
    SECURITY_LOGON_SESSION_DATA *session;
    LUID other = { 0x7fff1234, 0 }, *list;
    user_data *data;
    NTSTATUS status;
    ULONG count;

    if (LsaEnumerateLogonSessions(&count, &list)) return;
    ok(!LsaGetLogonSessionData(&list[0], &session), "no session data\n");
    status = get_info(NULL, 0, &data);
    ok(!status, "GetSecurityUserInfo(NULL): %#lx\n", status);
    if (!status)
    {
        ok(data->UserName.Length == session->UserName.Length &&
           !memcmp(data->UserName.Buffer, session->UserName.Buffer, data->UserName.Length), "user %s\n",
           wine_dbgstr_wn(data->UserName.Buffer, data->UserName.Length / sizeof(WCHAR)));
        ok(data->LogonDomainName.Length == session->LogonDomain.Length &&
           !memcmp(data->LogonDomainName.Buffer, session->LogonDomain.Buffer, data->LogonDomainName.Length),
           "domain %s\n", wine_dbgstr_wn(data->LogonDomainName.Buffer, data->LogonDomainName.Length / sizeof(WCHAR)));
        ok(data->LogonServer.Length == session->LogonServer.Length, "logon server %s\n",
           wine_dbgstr_wn(data->LogonServer.Buffer, data->LogonServer.Length / sizeof(WCHAR)));
        ok(data->pSid && EqualSid(data->pSid, session->Sid), "SID differs\n");
        LsaFreeReturnBuffer(data);
    }
    status = get_info(&list[0], 0, &data);
    ok(!status, "GetSecurityUserInfo(own): %#lx\n", status);
    if (!status) LsaFreeReturnBuffer(data);
    status = get_info(&other, 0, &data);
    ok(status == STATUS_NO_SUCH_LOGON_SESSION, "another session: %#lx\n", status);
    status = get_info(NULL, 0, NULL);
    ok(status == STATUS_INVALID_PARAMETER, "NULL out: %#lx\n", status);
    LsaFreeReturnBuffer(session);
    LsaFreeReturnBuffer(list);
}

/* A Perflib extension with nothing to count: it opens, collects no object types, closes. */
static void test_performance_data(void)
{
    HMODULE secur32 = GetModuleHandleA("secur32.dll");
    DWORD (WINAPI *open_data)(WCHAR *) = (void *)GetProcAddress(secur32, "OpenLsaPerformanceData");
    DWORD (WINAPI *collect)(WCHAR *, void **, DWORD *, DWORD *) =
        (void *)GetProcAddress(secur32, "CollectLsaPerformanceData");
    DWORD (WINAPI *close_data)(void) = (void *)GetProcAddress(secur32, "CloseLsaPerformanceData");
    BYTE buffer[64];
    void *data = buffer;
    DWORD bytes = sizeof(buffer), types = 5;

    ok(open_data(NULL) == ERROR_SUCCESS, "OpenLsaPerformanceData failed\n");
    ok(collect((WCHAR *)L"Global", &data, &bytes, &types) == ERROR_SUCCESS, "CollectLsaPerformanceData failed\n");
    ok(data == buffer && !bytes && !types, "collected %p, %lu bytes, %lu types\n", data, bytes, types);
    ok(close_data() == ERROR_SUCCESS, "CloseLsaPerformanceData failed\n");
}

static void test_policy_notifications(void)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    NTSTATUS status;

    status = LsaRegisterPolicyChangeNotification(PolicyNotifyDnsDomainInformation, event);
    ok(!status, "register: %#lx\n", status);
    status = LsaUnregisterPolicyChangeNotification(PolicyNotifyDnsDomainInformation, event);
    ok(!status, "unregister: %#lx\n", status);
    status = LsaRegisterPolicyChangeNotification(PolicyNotifyMax, event);
    ok(status == STATUS_INVALID_PARAMETER, "bad class: %#lx\n", status);
    status = LsaRegisterPolicyChangeNotification(PolicyNotifyDnsDomainInformation, NULL);
    ok(status == STATUS_INVALID_HANDLE, "no event: %#lx\n", status);
    CloseHandle(event);
}

START_TEST(lsa_client)
{
    LSA_OPERATIONAL_MODE mode = 0xdeadbeef;
    LSA_STRING name;
    HANDLE lsa, trusted;
    NTSTATUS status;

    status = LsaConnectUntrusted(&lsa);
    ok(!status, "LsaConnectUntrusted: %#lx\n", status);
    if (status) return;
    test_lookup(lsa);
    test_kerberos_ticket_cache(lsa);
    test_caller_name(lsa);
    ok(LsaDeregisterLogonProcess(lsa) == STATUS_SUCCESS, "LsaDeregisterLogonProcess failed\n");
    status = LsaDeregisterLogonProcess(lsa);
    ok(status == STATUS_INVALID_HANDLE, "second LsaDeregisterLogonProcess: %#lx\n", status);

    init_lsa_string(&name, "secur32 tests");
    status = LsaRegisterLogonProcess(&name, &trusted, &mode);
    ok(!status && !mode, "LsaRegisterLogonProcess: %#lx, mode %#lx\n", status, mode);
    if (!status) LsaDeregisterLogonProcess(trusted);

    test_logon_sessions();
    test_security_user_info();
    test_performance_data();
    test_policy_notifications();
}
