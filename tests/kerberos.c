/*
 * Kerberos against a real KDC (tests/kerberos-kdc.sh starts Debian's krb5kdc on loopback with a
 * test realm, a user with a ticket from kinit and a service with a keytab): a Kerberos and a
 * Negotiate login in one process, signing and sealing both ways, the server's token and
 * impersonation, a SASL GSSAPI login with RFC 4752's layer messages, and the ticket cache through
 * LsaCallAuthenticationPackage(KerbQueryTicketCacheMessage).  Without that environment it skips.
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

static const BYTE krb5_oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };
static WCHAR target[64];
static char realm[64];

static void check_messages(struct login_side *sender, struct login_side *receiver, const char *direction)
{
    SecPkgContext_Sizes sizes;
    char data[32];
    BYTE trailer[256];
    SecBuffer buffers[2];
    SecBufferDesc desc = { SECBUFFER_VERSION, 2, buffers };
    SECURITY_STATUS status;
    ULONG qop;

    winetest_push_context("%s", direction);
    status = QueryContextAttributesW(&sender->ctx, SECPKG_ATTR_SIZES, &sizes);
    ok(status == SEC_E_OK, "SIZES: %#lx\n", status);
    ok(sizes.cbMaxSignature && sizes.cbMaxSignature <= sizeof(trailer) && sizes.cbSecurityTrailer <= sizeof(trailer),
       "sizes %lu %lu\n", sizes.cbMaxSignature, sizes.cbSecurityTrailer);

    lstrcpyA(data, "signed message");
    buffers[0].BufferType = SECBUFFER_DATA;
    buffers[0].cbBuffer = 14;
    buffers[0].pvBuffer = data;
    buffers[1].BufferType = SECBUFFER_TOKEN;
    buffers[1].cbBuffer = sizes.cbMaxSignature;
    buffers[1].pvBuffer = trailer;
    status = MakeSignature(&sender->ctx, 0, &desc, 0);
    ok(status == SEC_E_OK, "MakeSignature: %#lx\n", status);
    status = VerifySignature(&receiver->ctx, &desc, 0, &qop);
    ok(status == SEC_E_OK, "VerifySignature: %#lx\n", status);
    data[0] ^= 1;
    status = VerifySignature(&receiver->ctx, &desc, 0, &qop);
    ok(status == SEC_E_MESSAGE_ALTERED || status == SEC_E_OUT_OF_SEQUENCE, "altered message: %#lx\n", status);

    /* Wine 8's kerberos.dll reports the trailer of RC4 tokens (49 bytes), too small for AES ones
     * (docs/windows-behaviour.md); a bigger token buffer is always allowed. */
    lstrcpyA(data, "sealed message");
    buffers[0].cbBuffer = 14;
    buffers[1].cbBuffer = sizes.cbSecurityTrailer;
    status = EncryptMessage(&sender->ctx, 0, &desc, 0);
    todo_wine ok(status == SEC_E_OK, "EncryptMessage with cbSecurityTrailer: %#lx\n", status);
    lstrcpyA(data, "sealed message");
    buffers[0].cbBuffer = 14;
    buffers[1].cbBuffer = sizeof(trailer);
    status = EncryptMessage(&sender->ctx, 0, &desc, 0);
    ok(status == SEC_E_OK, "EncryptMessage: %#lx\n", status);
    ok(memcmp(data, "sealed message", 14), "the data was not encrypted\n");
    status = DecryptMessage(&receiver->ctx, &desc, 0, &qop);
    ok(status == SEC_E_OK, "DecryptMessage: %#lx\n", status);
    ok(!memcmp(data, "sealed message", 14), "decrypted %s\n", wine_dbgstr_an(data, 14));
    winetest_pop_context();
}

/* The server's token for the client (Wine's kerberos.dll has no SpGetContextToken: under Wine it
 * is the prefix's one user, docs/windows-behaviour.md), impersonation, and CompleteAuthToken. */
static void check_context_calls(struct login_side *client, struct login_side *server)
{
    SecBuffer buffer = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buffer };
    HANDLE token = NULL;
    const char *problem;
    SECURITY_STATUS status;

    status = QuerySecurityContextToken(&server->ctx, &token);
    ok(status == SEC_E_OK, "QuerySecurityContextToken: %#lx\n", status);
    if (!status)
    {
        ok(login_token_is_own_user(token), "TokenUser: not the prefix's user (%lu)\n", GetLastError());
        CloseHandle(token);
    }
    problem = login_impersonation_problem(&server->ctx);
    ok(!problem, "impersonation: %s\n", problem);
    status = QuerySecurityContextToken(&client->ctx, &token);
    ok(status == SEC_E_NO_IMPERSONATION, "client's token: %#lx\n", status);
    ok(CompleteAuthToken(&server->ctx, &desc) == SEC_E_OK, "CompleteAuthToken on the server\n");
    ok(CompleteAuthToken(&client->ctx, &desc) == SEC_E_OK, "CompleteAuthToken on the client\n");
    status = ExportSecurityContext(&server->ctx, 0, &buffer, &token);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "ExportSecurityContext: %#lx\n", status);
}

static void test_login(const WCHAR *package)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    SecPkgContext_NegotiationInfoW info;
    TimeStamp expiry;
    SECURITY_STATUS status;
    int round;

    winetest_push_context("%s", wine_dbgstr_w(package));
    client->target = target;
    client->req = ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY;
    server->req = ASC_REQ_MUTUAL_AUTH | ASC_REQ_CONFIDENTIALITY | ASC_REQ_INTEGRITY;
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                       &client->cred, &expiry);
    ok(status == SEC_E_OK, "client credentials: %#lx\n", status);
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)package, SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                       &server->cred, &expiry);
    ok(status == SEC_E_OK, "server credentials: %#lx\n", status);

    login_step(client, FALSE, NULL, 0);
    ok(client->status == SEC_I_CONTINUE_NEEDED, "client step 1: %#lx\n", client->status);
    ok(client->token[0] == 0x60 && login_token_has(client, krb5_oid, sizeof(krb5_oid)),
       "not a Kerberos (GSS-API) token\n");
    for (round = 0; round < 4 && client->status == SEC_I_CONTINUE_NEEDED; round++)
    {
        login_step(server, TRUE, client->token, client->token_size);
        ok(server->status == SEC_E_OK || server->status == SEC_I_CONTINUE_NEEDED, "server: %#lx\n", server->status);
        if (FAILED(server->status) || !server->token_size) break;
        login_step(client, FALSE, server->token, server->token_size);
        ok(client->status == SEC_E_OK || client->status == SEC_I_CONTINUE_NEEDED, "client: %#lx\n", client->status);
    }
    ok(client->status == SEC_E_OK && server->status == SEC_E_OK, "login: client %#lx, server %#lx\n",
       client->status, server->status);
    if (client->status == SEC_E_OK && server->status == SEC_E_OK)
    {
        status = QueryContextAttributesW(&client->ctx, SECPKG_ATTR_NEGOTIATION_INFO, &info);
        ok(status == SEC_E_OK, "NEGOTIATION_INFO: %#lx\n", status);
        if (!status)
        {
            ok(!lstrcmpW(info.PackageInfo->Name, L"Kerberos"), "negotiated %s\n", wine_dbgstr_w(info.PackageInfo->Name));
            FreeContextBuffer(info.PackageInfo);
        }
        check_messages(client, server, "client to server");
        check_messages(server, client, "server to client");
        check_context_calls(client, server);
    }
    login_end(client, server);
    winetest_pop_context();
}

static ULONG get_option(CtxtHandle *ctx, ULONG option)
{
    ULONG value = 0xdeadbeef;

    ok(SaslGetContextOption(ctx, option, &value, sizeof(value), NULL) == SEC_E_OK, "option %lu\n", option);
    return value;
}

static void sasl_acquire(struct login_side *client, struct login_side *server, BOOL mutual)
{
    TimeStamp expiry;

    client->sasl = server->sasl = TRUE;
    client->target = target;
    client->req = (mutual ? ISC_REQ_MUTUAL_AUTH : 0) | ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY;
    server->req = (mutual ? ASC_REQ_MUTUAL_AUTH : 0) | ASC_REQ_CONFIDENTIALITY | ASC_REQ_INTEGRITY;
    ok(!AcquireCredentialsHandleW(NULL, (WCHAR *)L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &client->cred, &expiry), "no client credentials\n");
    ok(!AcquireCredentialsHandleW(NULL, (WCHAR *)L"Kerberos", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                  &server->cred, &expiry), "no server credentials\n");
}

/* GSSAPI (RFC 4752) through the SASL calls, up to the server's wrapped layer offer: Kerberos's
 * AP-REQ and AP-REP, the client's empty reply once its login is done, then the offer. */
static void sasl_start(struct login_side *client, struct login_side *server)
{
    sasl_acquire(client, server, TRUE);
    ok(login_step(client, FALSE, NULL, 0) == SEC_I_CONTINUE_NEEDED, "AP-REQ: %#lx\n", client->status);
    ok(SaslSetContextOption(&client->ctx, SASL_OPTION_AUTHZ_STRING, (void *)"admin", 5) == SEC_E_OK, "authz\n");
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_I_CONTINUE_NEEDED,
       "AP-REP: %#lx\n", server->status);
    ok(server->token_size, "no AP-REP\n");
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_I_CONTINUE_NEEDED,
       "client's login done: %#lx\n", client->status);
    ok(!client->token_size, "client's empty reply has %lu bytes\n", client->token_size);
}

static void sasl_offer(struct login_side *client, struct login_side *server)
{
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_I_CONTINUE_NEEDED,
       "offer: %#lx\n", server->status);
    ok(server->token_size > 4, "offer of %lu bytes\n", server->token_size);
}

/* The client answers with its choice, sizes and authorization id; then the contexts seal as
 * before. */
static void test_sasl_login(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    ULONG size;
    char authz[16];

    sasl_start(client, server);
    size = 0x2000;
    ok(SaslSetContextOption(&client->ctx, SASL_OPTION_RECV_SIZE, &size, sizeof(size)) == SEC_E_OK, "RECV_SIZE\n");
    size = 0x3000;
    ok(SaslSetContextOption(&server->ctx, SASL_OPTION_RECV_SIZE, &size, sizeof(size)) == SEC_E_OK, "RECV_SIZE\n");
    sasl_offer(client, server);
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "choice: %#lx\n", client->status);
    ok(client->token_size > 9, "choice of %lu bytes\n", client->token_size);
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_E_OK, "server done: %#lx\n",
       server->status);
    ok(!server->token_size, "server's last step wrote %lu bytes\n", server->token_size);
    if (server->status == SEC_E_OK)
    {
        memset(authz, 0, sizeof(authz));
        ok(SaslGetContextOption(&server->ctx, SASL_OPTION_AUTHZ_STRING, authz, sizeof(authz), NULL) == SEC_E_OK &&
           !strcmp(authz, "admin"), "server got authz %s\n", authz);
        /* Each side sends at most what the other receives (the confidentiality layer was chosen). */
        ok(get_option(&server->ctx, SASL_OPTION_SEND_SIZE) == 0x2000, "server's SEND_SIZE\n");
        ok(get_option(&client->ctx, SASL_OPTION_SEND_SIZE) == 0x3000, "client's SEND_SIZE\n");
        check_messages(client, server, "SASL client to server");
        check_messages(server, client, "SASL server to client");
        /* A finished context takes no more steps. */
        ok(login_step(server, TRUE, client->token, client->token_size) == SEC_E_OK, "after: %#lx\n", server->status);
    }
    login_end(client, server);
}

/* Without mutual authentication Kerberos's login is the AP-REQ alone: the server has nothing of
 * its own to send, so its offer goes out on the same step, in the caller's token buffer. */
static void test_sasl_one_way(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));

    sasl_acquire(client, server, FALSE);
    login_step(client, FALSE, NULL, 0);
    ok(client->status == SEC_I_CONTINUE_NEEDED && client->token_size, "AP-REQ: %#lx, %lu bytes\n", client->status,
       client->token_size);
    sasl_offer(client, server);
    login_step(client, FALSE, server->token, server->token_size);
    ok(client->status == SEC_E_OK && client->token_size > 4, "choice: %#lx, %lu bytes\n", client->status,
       client->token_size);
    login_step(server, TRUE, client->token, client->token_size);
    ok(server->status == SEC_E_OK && !server->token_size, "server done: %#lx, %lu bytes\n", server->status,
       server->token_size);
    login_end(client, server);
}

/* An altered offer fails the client's unwrap; an authorization id the server forbids fails its
 * check. */
static void test_sasl_refusals(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    ULONG forbidden = Sasl_AuthZIDForbidden;

    sasl_start(client, server);
    sasl_offer(client, server);
    /* Byte 16 is the checksum's first: after the 16-byte header in a token of header and checksum
     * (Windows), and in Wine 8's split of gss_wrap's output too. */
    server->token[16] ^= 1;
    login_step(client, FALSE, server->token, server->token_size);
    ok(client->status == SEC_E_MESSAGE_ALTERED, "altered offer: %#lx\n", client->status);
    login_end(client, server);

    client = calloc(1, sizeof(*client));
    server = calloc(1, sizeof(*server));
    sasl_start(client, server);
    ok(SaslSetContextOption(&server->ctx, SASL_OPTION_AUTHZ_PROCESSING, &forbidden, sizeof(forbidden)) == SEC_E_OK,
       "AUTHZ_PROCESSING\n");
    sasl_offer(client, server);
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "choice: %#lx\n", client->status);
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_E_LOGON_DENIED,
       "forbidden authz: %#lx\n", server->status);
    login_end(client, server);
}

/* After the logins the cache holds the TGT and the service ticket. */
static void test_ticket_cache(void)
{
    KERB_QUERY_TKT_CACHE_REQUEST req = { KerbQueryTicketCacheMessage };
    KERB_QUERY_TKT_CACHE_RESPONSE *resp;
    WCHAR tgt[128] = L"krbtgt/", *service = target;
    NTSTATUS status, protocol;
    BOOL found_tgt = FALSE, found_service = FALSE;
    LSA_STRING name = { 8, 9, (char *)"Kerberos" };
    ULONG id, size, i;
    HANDLE lsa;

    MultiByteToWideChar(CP_ACP, 0, realm, -1, tgt + 7, ARRAY_SIZE(tgt) - 7);
    ok(!LsaConnectUntrusted(&lsa), "LsaConnectUntrusted failed\n");
    ok(!LsaLookupAuthenticationPackage(lsa, &name, &id), "no Kerberos package\n");
    status = LsaCallAuthenticationPackage(lsa, id, &req, sizeof(req), (void **)&resp, &size, &protocol);
    ok(!status && !protocol, "KerbQueryTicketCacheMessage: %#lx, %#lx\n", status, protocol);
    if (!status)
    {
        ok(resp->CountOfTickets >= 2, "%lu tickets\n", resp->CountOfTickets);
        for (i = 0; i < resp->CountOfTickets; i++)
        {
            const KERB_TICKET_CACHE_INFO *ticket = &resp->Tickets[i];
            trace("ticket %s in %s\n", wine_dbgstr_wn(ticket->ServerName.Buffer, ticket->ServerName.Length / 2),
                  wine_dbgstr_wn(ticket->RealmName.Buffer, ticket->RealmName.Length / 2));
            if (!wcsncmp(ticket->ServerName.Buffer, tgt, wcslen(tgt))) found_tgt = TRUE;
            if (!wcsncmp(ticket->ServerName.Buffer, service, wcslen(service))) found_service = TRUE;
            ok(ticket->EndTime.QuadPart > ticket->StartTime.QuadPart, "ticket ends before it starts\n");
        }
        ok(found_tgt, "no %s ticket\n", wine_dbgstr_w(tgt));
        ok(found_service, "no %s ticket\n", wine_dbgstr_w(service));
        LsaFreeReturnBuffer(resp);
    }
    LsaDeregisterLogonProcess(lsa);
}

START_TEST(kerberos)
{
    char spn[64];

    if (!GetEnvironmentVariableA("SECUR32_KRB5_REALM", realm, sizeof(realm)) ||
        !GetEnvironmentVariableA("SECUR32_KRB5_SERVICE", spn, sizeof(spn)))
    {
        skip("no test KDC (tests/kerberos-kdc.sh starts one)\n");
        return;
    }
    MultiByteToWideChar(CP_ACP, 0, spn, -1, target, ARRAY_SIZE(target));
    test_login(L"Kerberos");
    test_login(L"Negotiate");
    test_sasl_login();
    test_sasl_one_way();
    test_sasl_refusals();
    test_ticket_cache();
}
