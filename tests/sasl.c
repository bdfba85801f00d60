/*
 * The SASL profile functions over the packages (GSSAPI is Kerberos, GSS-SPNEGO is Negotiate), a
 * GSS-SPNEGO login over NTLM with its context options, ChangeAccountPassword, LsaLogonUser and
 * DeleteSecurityPackage, each with bad arguments and Windows' codes (docs/windows-behaviour.md).
 *
 * The server side checks passwords through tests/ntlm/ntlm_auth, as tests/hosted.c does.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <ntstatus.h>
#include <sspi.h>
#include <ntsecapi.h>

#include "wine/test.h"
#include "test_support.h"
#include "login_support.h"

static WCHAR user[] = L"testuser", domain[] = L"WORKGROUP", password[] = L"testpass";

static SECURITY_STATUS acquire(const WCHAR *package, struct login_side *side, BOOL server)
{
    SEC_WINNT_AUTH_IDENTITY_W id = { (unsigned short *)user, ARRAY_SIZE(user) - 1, (unsigned short *)domain,
                                     ARRAY_SIZE(domain) - 1, (unsigned short *)password, ARRAY_SIZE(password) - 1,
                                     SEC_WINNT_AUTH_IDENTITY_UNICODE };
    TimeStamp expiry;

    memset(side, 0, sizeof(*side));
    side->sasl = TRUE;
    side->target = L"localhost";
    side->req = server ? ASC_REQ_CONFIDENTIALITY | ASC_REQ_INTEGRITY : ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY;
    return AcquireCredentialsHandleW(NULL, (WCHAR *)package, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                     NULL, server ? NULL : &id, NULL, NULL, &side->cred, &expiry);
}

static void test_profiles(void)
{
    static const WCHAR expectW[] = L"GSSAPI\0GSS-SPNEGO\0";
    static const char expectA[] = "GSSAPI\0GSS-SPNEGO\0";
    SECURITY_STATUS status;
    SecPkgInfoW *infoW;
    SecPkgInfoA *infoA;
    WCHAR *listW;
    char *listA;
    ULONG count;

    status = SaslEnumerateProfilesW(&listW, &count);
    ok(status == SEC_E_OK, "SaslEnumerateProfilesW: %#lx\n", status);
    if (!status)
    {
        ok(count == 2, "%lu profiles\n", count);
        ok(!memcmp(listW, expectW, sizeof(expectW)), "list %s\n", wine_dbgstr_w(listW));
        FreeContextBuffer(listW);
    }
    status = SaslEnumerateProfilesA(&listA, &count);
    ok(status == SEC_E_OK, "SaslEnumerateProfilesA: %#lx\n", status);
    if (!status)
    {
        ok(count == 2, "%lu profiles\n", count);
        ok(!memcmp(listA, expectA, sizeof(expectA)), "list %s\n", listA);
        FreeContextBuffer(listA);
    }
    ok(SaslEnumerateProfilesW(NULL, &count) == SEC_E_INVALID_PARAMETER, "NULL list accepted\n");
    ok(SaslEnumerateProfilesA(&listA, NULL) == SEC_E_INVALID_PARAMETER, "NULL count accepted\n");

    status = SaslGetProfilePackageW((WCHAR *)L"GSSAPI", &infoW);
    ok(status == SEC_E_OK, "SaslGetProfilePackageW(GSSAPI): %#lx\n", status);
    if (!status)
    {
        ok(!lstrcmpW(infoW->Name, L"Kerberos"), "GSSAPI is %s\n", wine_dbgstr_w(infoW->Name));
        ok(infoW->wRPCID == 16, "rpc id %u\n", infoW->wRPCID);
        FreeContextBuffer(infoW);
    }
    status = SaslGetProfilePackageA((char *)"gss-spnego", &infoA);
    ok(status == SEC_E_OK, "SaslGetProfilePackageA(gss-spnego): %#lx\n", status);
    if (!status)
    {
        ok(!strcmp(infoA->Name, "Negotiate"), "GSS-SPNEGO is %s\n", infoA->Name);
        ok(infoA->cbMaxToken == 48256, "max token %lu\n", infoA->cbMaxToken);
        FreeContextBuffer(infoA);
    }
    infoW = (void *)0xdeadbeef;
    status = SaslGetProfilePackageW((WCHAR *)L"NTLM", &infoW);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "SaslGetProfilePackageW(NTLM): %#lx\n", status);
    ok(infoW == (void *)0xdeadbeef, "info changed on failure\n");
    ok(SaslGetProfilePackageW(NULL, &infoW) == SEC_E_INVALID_PARAMETER, "NULL name accepted\n");
    ok(SaslGetProfilePackageA((char *)"GSSAPI", NULL) == SEC_E_INVALID_PARAMETER, "NULL info accepted\n");
}

static void identify(const BYTE *token, ULONG size, SECURITY_STATUS expect, const char *package)
{
    SecBuffer buf = { size, SECBUFFER_TOKEN, (void *)token };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf };
    SECURITY_STATUS status;
    SecPkgInfoA *info;

    status = SaslIdentifyPackageA(&desc, &info);
    ok(status == expect, "SaslIdentifyPackageA(%lu bytes): %#lx, expected %#lx\n", size, status, expect);
    if (status) return;
    ok(!strcmp(info->Name, package), "package %s, expected %s\n", info->Name, package);
    FreeContextBuffer(info);
}

static void test_identify(void)
{
    /* The start of a Kerberos AP-REQ in its GSS-API framing (OID 1.2.840.113554.1.2.2). */
    static const BYTE krb5[] = { 0x60, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00 };
    static const BYTE truncated[] = { 0x60, 0x0d, 0x06, 0x09, 0x2a, 0x86 };
    struct login_side *client = calloc(1, sizeof(*client));
    SecBufferDesc empty = { SECBUFFER_VERSION, 0, NULL };
    SecPkgInfoW *info;

    identify(krb5, sizeof(krb5), SEC_E_OK, "Kerberos");
    identify(truncated, sizeof(truncated), SEC_E_SECPKG_NOT_FOUND, NULL);
    identify((const BYTE *)"NTLMSSP\0\1\0\0\0", 12, SEC_E_SECPKG_NOT_FOUND, NULL);
    ok(acquire(L"Negotiate", client, FALSE) == SEC_E_OK, "no Negotiate credentials\n");
    client->sasl = FALSE;
    login_step(client, FALSE, NULL, 0);
    identify(client->token, client->token_size, SEC_E_OK, "Negotiate");
    ok(SaslIdentifyPackageW(&empty, &info) == SEC_E_SECPKG_NOT_FOUND, "no token identified\n");
    ok(SaslIdentifyPackageW(NULL, &info) == SEC_E_INVALID_PARAMETER, "NULL input accepted\n");
    ok(SaslIdentifyPackageW(&empty, NULL) == SEC_E_INVALID_PARAMETER, "NULL info accepted\n");
    if (client->has_ctx) DeleteSecurityContext(&client->ctx);
    FreeCredentialsHandle(&client->cred);
    free(client);
}

static void check_size(CtxtHandle *ctx, ULONG option, ULONG expect)
{
    ULONG value = 0xdeadbeef, needed = 0;
    SECURITY_STATUS status = SaslGetContextOption(ctx, option, &value, sizeof(value), &needed);

    ok(status == SEC_E_OK && value == expect && needed == sizeof(ULONG), "option %lu: %#lx, %#lx, needed %lu\n",
       option, status, value, needed);
}

static void test_options(CtxtHandle *ctx)
{
    ULONG value, needed = 0;
    char authz[16];

    check_size(ctx, SASL_OPTION_SEND_SIZE, 0xffff);
    check_size(ctx, SASL_OPTION_RECV_SIZE, 0xffff);
    check_size(ctx, SASL_OPTION_AUTHZ_PROCESSING, Sasl_AuthZIDProcessed);
    value = 0x1000;
    ok(SaslSetContextOption(ctx, SASL_OPTION_RECV_SIZE, &value, sizeof(value)) == SEC_E_OK, "RECV_SIZE not set\n");
    check_size(ctx, SASL_OPTION_RECV_SIZE, 0x1000);
    ok(SaslSetContextOption(ctx, SASL_OPTION_RECV_SIZE, &value, 2) == SEC_E_BUFFER_TOO_SMALL, "short value taken\n");
    value = 0x1000000;
    ok(SaslSetContextOption(ctx, SASL_OPTION_SEND_SIZE, &value, sizeof(value)) == SEC_E_INVALID_PARAMETER,
       "a size beyond 24 bits taken\n");

    ok(SaslSetContextOption(ctx, SASL_OPTION_AUTHZ_STRING, (void *)"admin", 5) == SEC_E_OK, "authz not set\n");
    ok(SaslGetContextOption(ctx, SASL_OPTION_AUTHZ_STRING, authz, 2, &needed) == SEC_E_BUFFER_TOO_SMALL,
       "authz fitted in 2 bytes\n");
    ok(needed == 5, "needed %lu\n", needed);
    memset(authz, 0, sizeof(authz));
    ok(SaslGetContextOption(ctx, SASL_OPTION_AUTHZ_STRING, authz, sizeof(authz), NULL) == SEC_E_OK &&
       !memcmp(authz, "admin", 6), "authz %s\n", authz);
    value = 7;
    ok(SaslSetContextOption(ctx, SASL_OPTION_AUTHZ_PROCESSING, &value, sizeof(value)) == SEC_E_INVALID_PARAMETER,
       "processing state 7 taken\n");
    value = Sasl_AuthZIDForbidden;
    ok(SaslSetContextOption(ctx, SASL_OPTION_AUTHZ_PROCESSING, &value, sizeof(value)) == SEC_E_OK,
       "processing state not set\n");
    ok(SaslGetContextOption(ctx, SASL_OPTION_AUTHZ_STRING, authz, sizeof(authz), &needed) == SEC_E_UNSUPPORTED_FUNCTION,
       "authz read while forbidden\n");
    ok(SaslSetContextOption(ctx, SASL_OPTION_AUTHZ_STRING, (void *)"x", 1) == SEC_E_UNSUPPORTED_FUNCTION,
       "authz set while forbidden\n");
    ok(SaslGetContextOption(ctx, 99, &value, sizeof(value), &needed) == SEC_E_UNSUPPORTED_FUNCTION, "option 99\n");
    ok(SaslSetContextOption(ctx, 99, &value, sizeof(value)) == SEC_E_UNSUPPORTED_FUNCTION, "option 99 set\n");
}

/* GSS-SPNEGO is Negotiate's own login, step for step (here NTLM inside SPNEGO): Microsoft's takes
 * the protection from the context's flags, without RFC 4752's layer messages. */
static void test_spnego_login(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    SecPkgContext_Sizes sizes;
    CtxtHandle bad = { 0x7777, 0x7777 };
    ULONG value;

    ok(acquire(L"Negotiate", client, FALSE) == SEC_E_OK, "no client credentials\n");
    ok(acquire(L"Negotiate", server, TRUE) == SEC_E_OK, "no server credentials\n");
    ok(login_step(client, FALSE, NULL, 0) == SEC_I_CONTINUE_NEEDED, "client step 1: %#lx\n", client->status);
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_I_CONTINUE_NEEDED,
       "server step 1: %#lx\n", server->status);
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "client step 2: %#lx\n",
       client->status);
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_E_OK, "server step 2: %#lx\n",
       server->status);
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "client step 3: %#lx\n",
       client->status);
    ok(!client->token_size, "client answered with %lu bytes\n", client->token_size);
    ok(QueryContextAttributesW(&client->ctx, SECPKG_ATTR_SIZES, &sizes) == SEC_E_OK, "the handle is not a context\n");

    test_options(&client->ctx);
    check_size(&server->ctx, SASL_OPTION_RECV_SIZE, 0xffff);
    /* A context is a client's or a server's. */
    ok(SaslAcceptSecurityContext(&server->cred, &client->ctx, NULL, 0, 0, NULL, NULL, NULL, NULL) == SEC_E_INVALID_HANDLE,
       "a client context accepted\n");
    ok(SaslGetContextOption(&bad, SASL_OPTION_SEND_SIZE, &value, sizeof(value), NULL) == SEC_E_INVALID_HANDLE,
       "bad handle\n");
    ok(SaslSetContextOption(NULL, SASL_OPTION_SEND_SIZE, &value, sizeof(value)) == SEC_E_INVALID_HANDLE,
       "NULL handle\n");
    ok(DeleteSecurityContext(&client->ctx) == SEC_E_OK, "DeleteSecurityContext failed\n");
    ok(SaslGetContextOption(&client->ctx, SASL_OPTION_SEND_SIZE, &value, sizeof(value), NULL) == SEC_E_INVALID_HANDLE,
       "a deleted context still has options\n");
    DeleteSecurityContext(&server->ctx);

    /* A context made without the SASL calls is not in the SASL list. */
    client->sasl = FALSE;
    client->has_ctx = FALSE;
    login_step(client, FALSE, NULL, 0);
    ok(SaslGetContextOption(&client->ctx, SASL_OPTION_SEND_SIZE, &value, sizeof(value), NULL) == SEC_E_INVALID_HANDLE,
       "a plain context has SASL options\n");
    client->sasl = TRUE;
    ok(login_step(client, FALSE, NULL, 0) == SEC_E_INVALID_HANDLE, "a plain context continued: %#lx\n", client->status);
    DeleteSecurityContext(&client->ctx);
    FreeCredentialsHandle(&client->cred);
    FreeCredentialsHandle(&server->cred);

    /* NTLM alone has no SASL profile; dead credentials are refused first. */
    ok(acquire(L"NTLM", client, FALSE) == SEC_E_OK, "no NTLM credentials\n");
    ok(login_step(client, FALSE, NULL, 0) == SEC_E_UNSUPPORTED_FUNCTION, "SASL over NTLM: %#lx\n", client->status);
    FreeCredentialsHandle(&client->cred);
    ok(login_step(client, FALSE, NULL, 0) == SEC_E_INVALID_HANDLE, "freed credentials: %#lx\n", client->status);
    free(client);
    free(server);
}

static void test_change_password(void)
{
    SecBuffer buf = { 0, SECBUFFER_CHANGE_PASS_RESPONSE, NULL };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf }, none = { SECBUFFER_VERSION, 0, NULL };
    SECURITY_STATUS status;

    status = ChangeAccountPasswordW((WCHAR *)L"NTLM", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_NO_AUTHENTICATING_AUTHORITY, "NTLM: %#lx\n", status);
    status = ChangeAccountPasswordA((char *)"Negotiate", (char *)"WORKGROUP", (char *)"testuser", (char *)"testpass",
                                    (char *)"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_NO_AUTHENTICATING_AUTHORITY, "Negotiate: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"Kerberos", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_NO_AUTHENTICATING_AUTHORITY, "Kerberos: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"Schannel", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "Schannel: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"No Such", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "unknown package: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"NTLM", domain, user, password, (WCHAR *)L"newpass1", FALSE, 1, &desc);
    ok(status == SEC_E_INVALID_PARAMETER, "reserved 1: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"NTLM", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &none);
    ok(status == SEC_E_INVALID_PARAMETER, "no response buffer: %#lx\n", status);
    buf.BufferType = SECBUFFER_TOKEN;
    status = ChangeAccountPasswordW((WCHAR *)L"NTLM", domain, user, password, (WCHAR *)L"newpass1", FALSE, 0, &desc);
    ok(status == SEC_E_INVALID_PARAMETER, "token buffer: %#lx\n", status);
    status = ChangeAccountPasswordW((WCHAR *)L"NTLM", domain, NULL, password, (WCHAR *)L"newpass1", FALSE, 0, NULL);
    ok(status == SEC_E_INVALID_PARAMETER, "NULL account: %#lx\n", status);
}

static void test_logon_user(void)
{
    static char origin_name[] = "sasl test";
    LSA_STRING origin = { sizeof(origin_name) - 1, sizeof(origin_name), origin_name }, msv_name;
    TOKEN_SOURCE source = { "test", { 0, 0 } };
    struct
    {
        MSV1_0_INTERACTIVE_LOGON logon;
        WCHAR strings[32];
    } info;
    QUOTA_LIMITS quotas;
    NTSTATUS status, sub;
    ULONG id, profile_size;
    void *profile;
    HANDLE lsa, token;
    LUID luid;

    ok(LsaConnectUntrusted(&lsa) == STATUS_SUCCESS, "LsaConnectUntrusted failed\n");
    msv_name.Buffer = (char *)MSV1_0_PACKAGE_NAME;
    msv_name.Length = strlen(MSV1_0_PACKAGE_NAME);
    msv_name.MaximumLength = msv_name.Length + 1;
    ok(LsaLookupAuthenticationPackage(lsa, &msv_name, &id) == STATUS_SUCCESS, "no MSV1_0\n");
    memset(&info, 0, sizeof(info));
    info.logon.MessageType = MsV1_0InteractiveLogon;

    token = (HANDLE)0xdeadbeef;
    status = LsaLogonUser(lsa, &origin, Interactive, id, &info, sizeof(info), NULL, &source, &profile,
                          &profile_size, &luid, &token, &quotas, &sub);
    ok(status == STATUS_NOT_SUPPORTED, "interactive logon: %#lx\n", status);
    ok(!token, "token %p\n", token);
    status = LsaLogonUser(lsa, &origin, Interactive, 999, &info, sizeof(info), NULL, &source, &profile,
                          &profile_size, &luid, &token, &quotas, &sub);
    ok(status == STATUS_NO_SUCH_PACKAGE, "package 999: %#lx\n", status);
    status = LsaLogonUser(lsa, &origin, 0, id, &info, sizeof(info), NULL, &source, &profile, &profile_size, &luid,
                          &token, &quotas, &sub);
    ok(status == STATUS_INVALID_LOGON_TYPE, "logon type 0: %#lx\n", status);
    status = LsaLogonUser(lsa, &origin, Interactive, id, NULL, sizeof(info), NULL, &source, &profile, &profile_size,
                          &luid, &token, &quotas, &sub);
    ok(status == STATUS_INVALID_PARAMETER, "NULL logon info: %#lx\n", status);
    status = LsaLogonUser(lsa, &origin, Interactive, id, &info, sizeof(info), NULL, &source, &profile, &profile_size,
                          &luid, NULL, &quotas, &sub);
    ok(status == STATUS_INVALID_PARAMETER, "NULL token: %#lx\n", status);
    LsaDeregisterLogonProcess(lsa);
    status = LsaLogonUser(lsa, &origin, Interactive, id, &info, sizeof(info), NULL, &source, &profile, &profile_size,
                          &luid, &token, &quotas, &sub);
    ok(status == STATUS_INVALID_HANDLE, "closed connection: %#lx\n", status);
}

/* Deleting a package takes it off Negotiate's list; the package itself stays, and adding its DLL
 * again puts it back.  Last: it changes what Negotiate can do in this process. */
static void test_delete_package(void)
{
    struct login_side *side = calloc(1, sizeof(*side));
    SECURITY_STATUS status;

    ok(DeleteSecurityPackageW((WCHAR *)L"NTLM") == SEC_E_OK, "DeleteSecurityPackageW(NTLM) failed\n");
    ok(DeleteSecurityPackageA((char *)"kerberos") == SEC_E_OK, "DeleteSecurityPackageA(kerberos) failed\n");
    status = DeleteSecurityPackageW((WCHAR *)L"NTLM");
    ok(status == SEC_E_SECPKG_NOT_FOUND, "NTLM twice: %#lx\n", status);
    status = DeleteSecurityPackageW((WCHAR *)L"Schannel");
    ok(status == SEC_E_SECPKG_NOT_FOUND, "Schannel: %#lx\n", status);
    status = DeleteSecurityPackageW((WCHAR *)L"Negotiate");
    ok(status == SEC_E_SECPKG_NOT_FOUND, "Negotiate: %#lx\n", status);
    ok(DeleteSecurityPackageA(NULL) == SEC_E_INVALID_PARAMETER, "NULL name accepted\n");
    status = acquire(L"Negotiate", side, FALSE);
    ok(status == SEC_E_NO_CREDENTIALS, "Negotiate without its packages: %#lx\n", status);
    status = acquire(L"NTLM", side, FALSE);
    ok(status == SEC_E_OK, "NTLM itself: %#lx\n", status);
    if (!status) FreeCredentialsHandle(&side->cred);

    ok(AddSecurityPackageW((WCHAR *)L"msv1_0.dll", NULL) == SEC_E_OK, "msv1_0.dll not added back\n");
    status = acquire(L"Negotiate", side, FALSE);
    ok(status == SEC_E_OK, "Negotiate with NTLM back: %#lx\n", status);
    if (!status)
    {
        side->sasl = FALSE;
        login_step(side, FALSE, NULL, 0);
        ok(side->status == SEC_I_CONTINUE_NEEDED && login_token_has(side, "NTLMSSP", 8), "NTLM not offered: %#lx\n",
           side->status);
        if (side->has_ctx) DeleteSecurityContext(&side->ctx);
        FreeCredentialsHandle(&side->cred);
    }
    free(side);
}

START_TEST(sasl)
{
    SecPkgInfoW *info;

    test_change_password();
    test_logon_user();
    if (QuerySecurityPackageInfoW((WCHAR *)L"NTLM", &info) || QuerySecurityPackageInfoW((WCHAR *)L"Kerberos", &info))
    {
        skip("no NTLM or Kerberos package (ntlm_auth missing?)\n");
        return;
    }
    FreeContextBuffer(info);
    test_profiles();
    test_identify();
    test_spnego_login();
    test_delete_package();
}
