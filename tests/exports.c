/*
 * Export tables: secur32.dll and schannel.dll export every name Windows' do (the lists are
 * mingw-w64's, see tests/data/), schannel.dll's SSPI names lead to secur32.dll's functions, and
 * the exports that are not implemented fail the documented way instead of crashing.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <secext.h>
#include <winternl.h>

#ifndef STATUS_NOT_IMPLEMENTED
#define STATUS_NOT_IMPLEMENTED ((NTSTATUS)0xc0000002)
#endif

#include "wine/test.h"
#include "test_support.h"
#include "export_names.h"

/* Names Wine 8.0's builtin DLLs do not export. */
static const char *const missing_in_wine[] =
{
    "ApplyControlTokenA", "ApplyControlTokenW", "ChangeAccountPasswordA", "ChangeAccountPasswordW",
    "CloseLsaPerformanceData", "CollectLsaPerformanceData", "CredMarshalTargetInfo", "CredParseUserNameWithType",
    "CredUnmarshalTargetInfo", "OpenLsaPerformanceData", "SaslGetContextOption", "SaslSetContextOption",
    "SeciAllocateAndSetCallFlags", "SeciAllocateAndSetIPAddress", "SeciFreeCallContext", "SecpSetIPAddress",
    "SetCredentialsAttributesA", "SetCredentialsAttributesW", "SspiCompareAuthIdentities", "SspiCopyAuthIdentity",
    "SspiDecryptAuthIdentity", "SspiEncryptAuthIdentity", "SspiExcludePackage", "SspiGetTargetHostName",
    "SspiIsAuthIdentityEncrypted", "SspiMarshalAuthIdentity", "SspiPrepareForCredRead", "SspiUnmarshalAuthIdentity",
    "SspiValidateAuthIdentity", "SslFreeCustomBuffer", "SslGetServerIdentity", "SupportsChannelBinding",
};

static BOOL wine_lacks(const char *name)
{
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(missing_in_wine); i++) if (!strcmp(missing_in_wine[i], name)) return TRUE;
    return FALSE;
}

static void test_export_list(HMODULE module, const char *dll, const char *const *names, unsigned count)
{
    unsigned i;

    for (i = 0; i < count; i++)
        todo_builtin_if(wine_lacks(names[i]))
        ok(GetProcAddress(module, names[i]) != NULL, "%s does not export %s\n", dll, names[i]);
}

static void test_ordinals(HMODULE secur32)
{
    /* The two user-mode context calls sit at ordinals 1 and 2, by name as well. */
    ok(GetProcAddress(secur32, (const char *)1) == GetProcAddress(secur32, "SecDeleteUserModeContext"),
       "ordinal 1 is not SecDeleteUserModeContext\n");
    ok(GetProcAddress(secur32, (const char *)2) == GetProcAddress(secur32, "SecInitUserModeContext"),
       "ordinal 2 is not SecInitUserModeContext\n");
}

static void test_forwards(HMODULE secur32, HMODULE schannel)
{
    static const char *const forwarded[] =
    {
        "AcceptSecurityContext", "AcquireCredentialsHandleA", "AcquireCredentialsHandleW", "ApplyControlToken",
        "DeleteSecurityContext", "EnumerateSecurityPackagesW", "FreeContextBuffer", "FreeCredentialsHandle",
        "InitSecurityInterfaceA", "InitSecurityInterfaceW", "InitializeSecurityContextA",
        "InitializeSecurityContextW", "QueryContextAttributesW", "QuerySecurityPackageInfoW",
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(forwarded); i++)
    {
        FARPROC a = GetProcAddress(schannel, forwarded[i]), b = GetProcAddress(secur32, forwarded[i]);
        ok(a && a == b, "schannel.%s is %p, secur32.%s is %p\n", forwarded[i], a, forwarded[i], b);
    }
}

/* Our own stubs only: Windows implements these.  GetUserNameExW, LsaConnectUntrusted, LsaLogonUser,
 * the SASL calls and SslEmptyCacheW are no stubs any more: they must not fail the stub way
 * (tests/identity.c, tests/lsa_client.c, tests/sasl.c and tests/reconnect.c test them).  The
 * internal exports without their Windows caller do (docs/windows-behaviour.md). */
static void test_stubs(HMODULE secur32, HMODULE schannel)
{
    NTSTATUS (WINAPI *pLsaConnectUntrusted)(HANDLE *) = (void *)GetProcAddress(secur32, "LsaConnectUntrusted");
    NTSTATUS (WINAPI *pLsaDeregisterLogonProcess)(HANDLE) = (void *)GetProcAddress(secur32, "LsaDeregisterLogonProcess");
    NTSTATUS (WINAPI *pLsaLogonUser)(HANDLE, void *, ULONG, ULONG, void *, ULONG, void *, void *, void **, ULONG *,
                                     LUID *, HANDLE *, void *, NTSTATUS *) =
        (void *)GetProcAddress(secur32, "LsaLogonUser");
    BOOLEAN (WINAPI *pGetUserNameExW)(EXTENDED_NAME_FORMAT, WCHAR *, ULONG *) =
        (void *)GetProcAddress(secur32, "GetUserNameExW");
    SECURITY_STATUS (WINAPI *pSaslEnumerateProfilesW)(WCHAR **, ULONG *) =
        (void *)GetProcAddress(secur32, "SaslEnumerateProfilesW");
    NTSTATUS (WINAPI *pCredMarshalTargetInfo)(void *, USHORT **, ULONG *) =
        (void *)GetProcAddress(secur32, "CredMarshalTargetInfo");
    NTSTATUS (WINAPI *pSecInitUserModeContext)(void *, void *) = (void *)GetProcAddress(secur32, "SecInitUserModeContext");
    BOOL (WINAPI *pSslEmptyCacheW)(WCHAR *, DWORD) = (void *)GetProcAddress(schannel, "SslEmptyCacheW");
    void (WINAPI *pSslGenerateRandomBits)(UCHAR *, LONG) = (void *)GetProcAddress(schannel, "SslGenerateRandomBits");
    WCHAR name[64];
    ULONG size = ARRAY_SIZE(name), count;
    UCHAR random[32] = {0}, zero[32] = {0};
    WCHAR *profiles;
    HANDLE lsa;

    if (!is_ours("secur32.dll") || !is_ours("schannel.dll"))
    {
        skip("not our secur32.dll\n");
        return;
    }
    ok(pLsaConnectUntrusted(&lsa) == 0, "LsaConnectUntrusted failed\n");
    ok(pLsaLogonUser(lsa, NULL, 0, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) == STATUS_INVALID_PARAMETER,
       "LsaLogonUser took no arguments\n");
    pLsaDeregisterLogonProcess(lsa);
    SetLastError(0xdeadbeef);
    ok(pGetUserNameExW(NameSamCompatible, name, &size), "GetUserNameExW failed: %lu\n", GetLastError());
    ok(size == wcslen(name) && wcschr(name, '\\'), "GetUserNameExW gave %s, size %lu\n", wine_dbgstr_w(name), size);
    ok(pSaslEnumerateProfilesW(&profiles, &count) == SEC_E_OK, "SaslEnumerateProfilesW failed\n");
    FreeContextBuffer(profiles);
    ok(pCredMarshalTargetInfo(NULL, NULL, NULL) == STATUS_NOT_IMPLEMENTED, "CredMarshalTargetInfo did not fail\n");
    ok(pSecInitUserModeContext(NULL, NULL) == STATUS_NOT_IMPLEMENTED, "SecInitUserModeContext did not fail\n");
    ok(pSslEmptyCacheW(NULL, 0), "SslEmptyCacheW failed\n");    /* implemented: tests/reconnect.c */

    pSslGenerateRandomBits(random, sizeof(random));
    ok(memcmp(random, zero, sizeof(random)), "SslGenerateRandomBits wrote nothing\n");
    pSslGenerateRandomBits(NULL, 16);
    pSslGenerateRandomBits(random, -1);
}

START_TEST(exports)
{
    HMODULE secur32 = LoadLibraryA("secur32.dll"), schannel = LoadLibraryA("schannel.dll");

    ok(secur32 != NULL, "secur32.dll did not load: %lu\n", GetLastError());
    ok(schannel != NULL, "schannel.dll did not load: %lu\n", GetLastError());
    if (!secur32 || !schannel) return;

    test_export_list(secur32, "secur32.dll", secur32_names, ARRAY_SIZE(secur32_names));
    test_export_list(schannel, "schannel.dll", schannel_names, ARRAY_SIZE(schannel_names));
    test_ordinals(secur32);
    test_forwards(secur32, schannel);
    test_stubs(secur32, schannel);
}
