/*
 * The hosted packages: NTLM (Wine's msv1_0.dll over ntlm_auth) and Negotiate over it, listed in
 * Windows' order with their package info, then a login in one process (client ISC <-> server ASC)
 * with the server checking the password, signatures and sealing both ways, the server's token and
 * impersonation, and bad tokens and bad arguments with the codes Windows documents.
 *
 * The server side checks passwords through ntlm_auth, which needs a domain controller or the
 * local password tests/ntlm/ntlm_auth gives it (make check puts that folder first in PATH).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <rpcdce.h>

#include "wine/test.h"
#include "test_support.h"
#include "login_support.h"

#define NTLM_CAPS 0x82b37        /* Windows 10 and 11, and Wine's msv1_0 */
#define NEGOTIATE_CAPS 0x83bb3   /* Windows 10 and 11 */
#define NEGOTIATE_MAX_TOKEN 48256

static WCHAR user[] = L"testuser", domain[] = L"WORKGROUP", password[] = L"testpass", wrong[] = L"wrongpas";

static ULONG package_index(const SecPkgInfoW *infos, ULONG count, const WCHAR *name)
{
    ULONG i;

    for (i = 0; i < count; i++) if (!lstrcmpW(infos[i].Name, name)) return i;
    return count;
}

static void test_listing(void)
{
    ULONG count, negotiate, kerberos, ntlm, schannel;
    SecPkgInfoW *infos;
    SecPkgInfoA *info;
    SECURITY_STATUS status;

    status = EnumerateSecurityPackagesW(&count, &infos);
    ok(status == SEC_E_OK, "EnumerateSecurityPackagesW: %#lx\n", status);
    if (status) return;
    negotiate = package_index(infos, count, L"Negotiate");
    kerberos = package_index(infos, count, L"Kerberos");
    ntlm = package_index(infos, count, L"NTLM");
    schannel = package_index(infos, count, L"Schannel");
    ok(negotiate < count && kerberos < count && ntlm < count && schannel < count,
       "Negotiate %lu, Kerberos %lu, NTLM %lu, Schannel %lu of %lu\n", negotiate, kerberos, ntlm, schannel, count);
    /* Windows lists Negotiate, Kerberos and NTLM before the Schannel names. */
    ok(negotiate < kerberos && kerberos < ntlm && ntlm < schannel, "order %lu %lu %lu %lu\n",
       negotiate, kerberos, ntlm, schannel);
    if (ntlm < count)
    {
        ok(infos[ntlm].fCapabilities == NTLM_CAPS, "NTLM capabilities %#lx\n", infos[ntlm].fCapabilities);
        ok(infos[ntlm].wRPCID == RPC_C_AUTHN_WINNT, "NTLM rpc id %u\n", infos[ntlm].wRPCID);
        ok(!lstrcmpW(infos[ntlm].Comment, L"NTLM Security Package"), "NTLM comment %s\n",
           wine_dbgstr_w(infos[ntlm].Comment));
    }
    if (kerberos < count)
    {
        ok(infos[kerberos].wRPCID == RPC_C_AUTHN_GSS_KERBEROS, "Kerberos rpc id %u\n", infos[kerberos].wRPCID);
        ok(!lstrcmpW(infos[kerberos].Comment, L"Microsoft Kerberos V1.0"), "Kerberos comment %s\n",
           wine_dbgstr_w(infos[kerberos].Comment));
    }
    FreeContextBuffer(infos);

    status = QuerySecurityPackageInfoA((SEC_CHAR *)"negotiate", &info);
    ok(status == SEC_E_OK, "QuerySecurityPackageInfoA(negotiate): %#lx\n", status);
    if (status) return;
    ok(!strcmp(info->Name, "Negotiate"), "name %s\n", info->Name);
    ok(!strcmp(info->Comment, "Microsoft Package Negotiator"), "comment %s\n", info->Comment);
    ok(info->fCapabilities == NEGOTIATE_CAPS, "capabilities %#lx\n", info->fCapabilities);
    ok(info->wVersion == 1, "version %u\n", info->wVersion);
    ok(info->wRPCID == RPC_C_AUTHN_GSS_NEGOTIATE, "rpc id %u\n", info->wRPCID);
    ok(info->cbMaxToken == NEGOTIATE_MAX_TOKEN, "max token %lu\n", info->cbMaxToken);
    FreeContextBuffer(info);
}

static SECURITY_STATUS acquire(const WCHAR *package, struct login_side *side, BOOL server, WCHAR *pass)
{
    return login_acquire(side, package, server, server ? NULL : user, server ? NULL : domain, pass);
}

static const BYTE spnego_oid[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const BYTE ntlm_oid[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* NTLM's three messages: negotiate, challenge, authenticate; through Negotiate in SPNEGO, as
 * Windows sends them: a GSS-API NegTokenInit listing NTLM, then NegTokenResps. */
static void login(struct login_side *client, struct login_side *server, BOOL spnego)
{
    ok(login_step(client, FALSE, NULL, 0) == SEC_I_CONTINUE_NEEDED, "client step 1: %#lx\n", client->status);
    if (spnego)
    {
        ok(client->token[0] == 0x60 && client->token_size > 20 && !memcmp(client->token + 2, spnego_oid, 8),
           "not a SPNEGO NegTokenInit\n");
        ok(login_token_has(client, ntlm_oid, sizeof(ntlm_oid)) && login_token_has(client, "NTLMSSP\0\1", 9),
           "NTLM is not offered\n");
    }
    else ok(client->token_size >= 8 && !memcmp(client->token, "NTLMSSP", 8), "not an NTLM negotiate message\n");
    ok(login_step(server, TRUE, client->token, client->token_size) == SEC_I_CONTINUE_NEEDED, "server step 1: %#lx\n",
       server->status);
    if (spnego)
        ok(server->token[0] == 0xa1 && login_token_has(server, ntlm_oid, sizeof(ntlm_oid)) &&
           login_token_has(server, "NTLMSSP\0\2", 9), "not a NegTokenResp with NTLM's challenge\n");
    ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "client step 2: %#lx\n",
       client->status);
    login_step(server, TRUE, client->token, client->token_size);
    /* The server's last NegTokenResp says accept-completed; the client takes it without a word. */
    if (spnego && server->status == SEC_E_OK)
    {
        static const BYTE completed[] = { 0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00 };
        ok(server->token_size == sizeof(completed) && !memcmp(server->token, completed, sizeof(completed)),
           "final token of %lu bytes\n", server->token_size);
        ok(login_step(client, FALSE, server->token, server->token_size) == SEC_E_OK, "client step 3: %#lx\n",
           client->status);
        ok(!client->token_size, "client answered with %lu bytes\n", client->token_size);
    }
}

static void cleanup(struct login_side *side)
{
    if (side->has_ctx) ok(DeleteSecurityContext(&side->ctx) == SEC_E_OK, "DeleteSecurityContext failed\n");
    ok(FreeCredentialsHandle(&side->cred) == SEC_E_OK, "FreeCredentialsHandle failed\n");
}

static void check_attributes(struct login_side *side)
{
    SecPkgContext_NegotiationInfoA negotiation;
    SecPkgContext_Sizes sizes;
    SECURITY_STATUS status;

    status = QueryContextAttributesA(&side->ctx, SECPKG_ATTR_SIZES, &sizes);
    ok(status == SEC_E_OK, "SIZES: %#lx\n", status);
    ok(sizes.cbMaxSignature == 16 && sizes.cbSecurityTrailer == 16 && !sizes.cbBlockSize,
       "sizes %lu %lu %lu\n", sizes.cbMaxSignature, sizes.cbSecurityTrailer, sizes.cbBlockSize);
    status = QueryContextAttributesA(&side->ctx, SECPKG_ATTR_NEGOTIATION_INFO, &negotiation);
    ok(status == SEC_E_OK, "NEGOTIATION_INFO: %#lx\n", status);
    if (status) return;
    ok(negotiation.NegotiationState == SECPKG_NEGOTIATION_COMPLETE, "state %lu\n", negotiation.NegotiationState);
    ok(negotiation.PackageInfo && !strcmp(negotiation.PackageInfo->Name, "NTLM"), "negotiated %s\n",
       negotiation.PackageInfo ? negotiation.PackageInfo->Name : "nothing");
    ok(HeapSize(GetProcessHeap(), 0, negotiation.PackageInfo) != (SIZE_T)-1, "not process heap memory\n");
    FreeContextBuffer(negotiation.PackageInfo);
}

/* A message and its 16-byte NTLM signature (version 1 in the first four bytes). */
struct message
{
    char data[32];
    BYTE signature[16];
    SecBuffer buffers[2];
    SecBufferDesc desc;
};

static void init_message(struct message *msg, const char *text)
{
    lstrcpyA(msg->data, text);
    msg->buffers[0].BufferType = SECBUFFER_DATA;
    msg->buffers[0].cbBuffer = lstrlenA(text);
    msg->buffers[0].pvBuffer = msg->data;
    msg->buffers[1].BufferType = SECBUFFER_TOKEN;
    msg->buffers[1].cbBuffer = sizeof(msg->signature);
    msg->buffers[1].pvBuffer = msg->signature;
    msg->desc.ulVersion = SECBUFFER_VERSION;
    msg->desc.cBuffers = 2;
    msg->desc.pBuffers = msg->buffers;
}

/* Wine 8's msv1_0 server never derives the NTLM2 session keys, so messages to and from its
 * server contexts do not verify (docs/windows-behaviour.md). */
static void check_messages(struct login_side *sender, struct login_side *receiver, BOOL server_sends)
{
    static const BYTE version1[4] = { 1, 0, 0, 0 };
    struct message msg;
    SECURITY_STATUS status;
    ULONG qop;

    winetest_push_context(server_sends ? "server to client" : "client to server");
    init_message(&msg, "signed message");
    status = MakeSignature(&sender->ctx, 0, &msg.desc, 0);
    ok(status == SEC_E_OK, "MakeSignature: %#lx\n", status);
    ok(msg.buffers[1].cbBuffer == 16 && !memcmp(msg.signature, version1, 4), "signature %lu bytes\n",
       msg.buffers[1].cbBuffer);
    status = VerifySignature(&receiver->ctx, &msg.desc, 0, &qop);
    todo_wine ok(status == SEC_E_OK, "VerifySignature: %#lx\n", status);

    init_message(&msg, "altered message");
    MakeSignature(&sender->ctx, 0, &msg.desc, 0);
    msg.data[0] ^= 1;
    status = VerifySignature(&receiver->ctx, &msg.desc, 0, &qop);
    ok(status == SEC_E_MESSAGE_ALTERED || status == SEC_E_OUT_OF_SEQUENCE, "altered message: %#lx\n", status);

    init_message(&msg, "sealed message");
    status = EncryptMessage(&sender->ctx, 0, &msg.desc, 0);
    ok(status == SEC_E_OK, "EncryptMessage: %#lx\n", status);
    todo_wine_if(server_sends) ok(memcmp(msg.data, "sealed message", 14), "the data was not encrypted\n");
    status = DecryptMessage(&receiver->ctx, &msg.desc, 0, &qop);
    todo_wine ok(status == SEC_E_OK, "DecryptMessage: %#lx\n", status);
    todo_wine ok(!memcmp(msg.data, "sealed message", 14), "decrypted %s\n", wine_dbgstr_an(msg.data, 14));
    winetest_pop_context();
}

static void check_bad_messages(struct login_side *side)
{
    struct message msg;
    CtxtHandle dead = { 0xdead, 0xbeef };
    ULONG qop;

    ok(MakeSignature(&side->ctx, 0, NULL, 0) == SEC_E_INVALID_TOKEN, "NULL message\n");
    init_message(&msg, "x");
    msg.desc.cBuffers = 1;
    ok(MakeSignature(&side->ctx, 0, &msg.desc, 0) == SEC_E_INVALID_TOKEN, "no token buffer\n");
    ok(EncryptMessage(&side->ctx, 0, &msg.desc, 0) == SEC_E_INVALID_TOKEN, "no token buffer\n");
    init_message(&msg, "x");
    msg.buffers[1].cbBuffer = 15;
    ok(MakeSignature(&side->ctx, 0, &msg.desc, 0) == SEC_E_BUFFER_TOO_SMALL, "short token buffer\n");
    ok(VerifySignature(&side->ctx, &msg.desc, 0, &qop) == SEC_E_BUFFER_TOO_SMALL, "short token buffer\n");
    ok(MakeSignature(&dead, 0, &msg.desc, 0) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(DecryptMessage(&dead, &msg.desc, 0, &qop) == SEC_E_INVALID_HANDLE, "dead handle\n");
}

static void test_login(const WCHAR *package)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    SECURITY_STATUS status;

    winetest_push_context("%s", wine_dbgstr_w(package));
    status = acquire(package, client, FALSE, password);
    ok(status == SEC_E_OK, "client credentials: %#lx\n", status);
    status = acquire(package, server, TRUE, NULL);
    ok(status == SEC_E_OK, "server credentials: %#lx\n", status);
    login(client, server, !lstrcmpW(package, L"Negotiate"));
    ok(server->status == SEC_E_OK, "server step 2: %#lx\n", server->status);
    if (client->status == SEC_E_OK && server->status == SEC_E_OK)
    {
        check_attributes(client);
        check_attributes(server);
        check_messages(client, server, FALSE);
        check_messages(server, client, TRUE);
        check_bad_messages(client);
    }
    cleanup(client);
    cleanup(server);

    /* The server refuses a wrong password; the client cannot know. */
    acquire(package, client, FALSE, wrong);
    acquire(package, server, TRUE, NULL);
    login(client, server, !lstrcmpW(package, L"Negotiate"));
    ok(server->status == SEC_E_LOGON_DENIED, "wrong password: %#lx\n", server->status);
    cleanup(client);
    cleanup(server);
    free(client);
    free(server);
    winetest_pop_context();
}

/* The token QuerySecurityContextToken gives a server: an impersonation token the caller closes.
 * Under Wine it is the prefix's one user (docs/windows-behaviour.md). */
static void check_context_token(struct login_side *server)
{
    SECURITY_IMPERSONATION_LEVEL level;
    TOKEN_TYPE type;
    HANDLE token = NULL;
    DWORD size;
    SECURITY_STATUS status;

    status = QuerySecurityContextToken(&server->ctx, &token);
    ok(status == SEC_E_OK, "QuerySecurityContextToken: %#lx\n", status);
    if (status) return;
    ok(login_token_is_own_user(token), "TokenUser: not the prefix's user (%lu)\n", GetLastError());
    ok(GetTokenInformation(token, TokenType, &type, sizeof(type), &size) && type == TokenImpersonation,
       "token type %u\n", type);
    level = 0xdead;
    ok(GetTokenInformation(token, TokenImpersonationLevel, &level, sizeof(level), &size),
       "TokenImpersonationLevel: %lu\n", GetLastError());
    ok(level == SecurityImpersonation, "level %u\n", level);
    ok(CloseHandle(token), "the token cannot be closed\n");
}

/* The context operations after a login: the server's token and impersonation, CompleteAuthToken
 * (nothing to complete), and the calls Wine's packages lack, refused with the exact codes. */
static void check_context_calls(struct login_side *client, struct login_side *server)
{
    CtxtHandle dead = { 0xdead, 0xbeef }, imported;
    SecBuffer buffer = { 0, SECBUFFER_TOKEN, NULL }, packed = { 0, SECBUFFER_EMPTY, NULL };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buffer };
    SecPkgCredentials_NamesW names = { NULL };
    SecPkgContext_DatagramSizes datagram = { 1000 };
    TimeStamp expiry;
    HANDLE token = NULL;
    const char *problem;
    SECURITY_STATUS status;

    /* The client did not ask ISC_REQ_IDENTIFY: the token is for impersonation. */
    ok(!(server->attrs & ASC_RET_IDENTIFY), "server attributes %#lx\n", server->attrs);
    check_context_token(server);
    problem = login_impersonation_problem(&server->ctx);
    ok(!problem, "impersonation: %s\n", problem);

    /* A client context has no client to impersonate. */
    status = QuerySecurityContextToken(&client->ctx, &token);
    ok(status == SEC_E_NO_IMPERSONATION, "client's token: %#lx\n", status);
    ok(ImpersonateSecurityContext(&client->ctx) == SEC_E_NO_IMPERSONATION, "client impersonated\n");
    ok(RevertSecurityContext(&client->ctx) == SEC_E_NO_IMPERSONATION, "client reverted\n");

    ok(CompleteAuthToken(&server->ctx, &desc) == SEC_E_OK, "CompleteAuthToken on the server\n");
    ok(CompleteAuthToken(&client->ctx, &desc) == SEC_E_OK, "CompleteAuthToken on the client\n");
    ok(CompleteAuthToken(&client->ctx, NULL) == SEC_E_INVALID_TOKEN, "CompleteAuthToken without a token\n");

    /* Wine's msv1_0 has no SpExport/ImportSecurityContext, SpSetContextAttributes,
     * SpApplyControlToken or credential attribute calls. */
    status = ExportSecurityContext(&server->ctx, 0, &packed, &token);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "ExportSecurityContext: %#lx\n", status);
    status = ImportSecurityContextW((WCHAR *)L"NTLM", &packed, NULL, &imported);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "ImportSecurityContextW: %#lx\n", status);
    status = ImportSecurityContextA((char *)"No Such Package", &packed, NULL, &imported);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "ImportSecurityContextA(unknown): %#lx\n", status);
    status = SetContextAttributesW(&server->ctx, SECPKG_ATTR_DATAGRAM_SIZES, &datagram, sizeof(datagram));
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "SetContextAttributesW: %#lx\n", status);
    ok(ApplyControlToken(&client->ctx, &desc) == SEC_E_UNSUPPORTED_FUNCTION, "ApplyControlToken\n");
    status = QueryCredentialsAttributesW(&client->cred, SECPKG_CRED_ATTR_NAMES, &names);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "QueryCredentialsAttributesW: %#lx\n", status);
    status = SetCredentialsAttributesA(&client->cred, SECPKG_CRED_ATTR_NAMES, &names, sizeof(names));
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "SetCredentialsAttributesA: %#lx\n", status);
    status = AddCredentialsA(&server->cred, NULL, (char *)"NTLM", SECPKG_CRED_INBOUND, NULL, NULL, NULL, &expiry);
    ok(status == SEC_E_UNSUPPORTED_FUNCTION, "AddCredentialsA: %#lx\n", status);

    /* Handles that are not live, and a missing token pointer. */
    ok(QuerySecurityContextToken(&server->ctx, NULL) == SEC_E_INVALID_PARAMETER, "NULL token pointer\n");
    ok(QuerySecurityContextToken(&dead, &token) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(QuerySecurityContextToken(NULL, &token) == SEC_E_INVALID_HANDLE, "NULL handle\n");
    ok(ImpersonateSecurityContext(&dead) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(ImpersonateSecurityContext(NULL) == SEC_E_INVALID_HANDLE, "NULL handle\n");
    ok(RevertSecurityContext(&dead) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(CompleteAuthToken(&dead, &desc) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(CompleteAuthToken(NULL, NULL) == SEC_E_INVALID_HANDLE, "NULL handle\n");
    ok(ExportSecurityContext(&dead, 0, &packed, &token) == SEC_E_INVALID_HANDLE, "dead handle\n");
    ok(AddCredentialsW(NULL, NULL, NULL, SECPKG_CRED_INBOUND, NULL, NULL, NULL, &expiry) == SEC_E_INVALID_HANDLE,
       "NULL credentials\n");
    ok(!login_thread_impersonates(), "a refused call left the thread impersonating\n");
}

/* Before the handshake is done, and after the context is gone, there is no token. */
static void test_context_calls(const WCHAR *package)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    CtxtHandle deleted;
    HANDLE token = NULL;
    SECURITY_STATUS status;

    winetest_push_context("%s", wine_dbgstr_w(package));
    acquire(package, client, FALSE, password);
    acquire(package, server, TRUE, NULL);
    login_step(client, FALSE, NULL, 0);
    login_step(server, TRUE, client->token, client->token_size);
    status = QuerySecurityContextToken(&server->ctx, &token);
    ok(status == SEC_E_NO_IMPERSONATION, "token before the end: %#lx\n", status);
    ok(ImpersonateSecurityContext(&server->ctx) == SEC_E_NO_IMPERSONATION, "impersonated before the end\n");
    login_step(client, FALSE, server->token, server->token_size);
    login_step(server, TRUE, client->token, client->token_size);
    ok(client->status == SEC_E_OK && server->status == SEC_E_OK, "login: %#lx %#lx\n", client->status,
       server->status);
    if (client->status == SEC_E_OK && server->status == SEC_E_OK) check_context_calls(client, server);
    deleted = server->ctx;
    cleanup(client);
    cleanup(server);
    ok(QuerySecurityContextToken(&deleted, &token) == SEC_E_INVALID_HANDLE, "deleted context\n");
    ok(ImpersonateSecurityContext(&deleted) == SEC_E_INVALID_HANDLE, "deleted context\n");

    /* A logon the server refused gives no token. */
    acquire(package, client, FALSE, wrong);
    acquire(package, server, TRUE, NULL);
    login(client, server, !lstrcmpW(package, L"Negotiate"));
    if (server->has_ctx)
        ok(QuerySecurityContextToken(&server->ctx, &token) == SEC_E_NO_IMPERSONATION, "token after a refusal\n");
    cleanup(client);
    cleanup(server);
    free(client);
    free(server);
    winetest_pop_context();
}

/* Tokens that are not the package's messages are refused; no context is created. */
static void test_bad_tokens(const WCHAR *package)
{
    static const BYTE garbage[] = "this is not an NTLM message at all";
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));

    winetest_push_context("%s", wine_dbgstr_w(package));
    acquire(package, server, TRUE, NULL);
    login_step(server, TRUE, garbage, sizeof(garbage));
    ok(server->status == SEC_E_INVALID_TOKEN, "garbage first token: %#lx\n", server->status);
    ok(!server->has_ctx, "a context was created\n");
    login_step(server, TRUE, garbage, 0);
    ok(server->status == SEC_E_INVALID_TOKEN, "empty first token: %#lx\n", server->status);
    cleanup(server);

    acquire(package, client, FALSE, password);
    ok(login_step(client, FALSE, NULL, 0) == SEC_I_CONTINUE_NEEDED, "client step 1: %#lx\n", client->status);
    if (!lstrcmpW(package, L"Negotiate"))
    {
        /* Every cut of a NegTokenInit is refused as a token, never read past its end. */
        struct login_side *cut = calloc(1, sizeof(*cut));
        ULONG len, refused = 0;

        acquire(package, cut, TRUE, NULL);
        for (len = 1; len < client->token_size; len++)
        {
            BYTE *copy = malloc(len);
            memcpy(copy, client->token, len);
            if (login_step(cut, TRUE, copy, len) == SEC_E_INVALID_TOKEN && !cut->has_ctx) refused++;
            free(copy);
        }
        ok(refused == client->token_size - 1, "%lu of %lu cut tokens refused\n", refused, client->token_size - 1);
        cleanup(cut);
        free(cut);
    }
    else
    {
        /* An NTLM negotiate message cut inside its flags (16 bytes, MS-NLMP 2.2.1.1): refused as a
         * token, not sent on to ntlm_auth (found by tests/fuzz_tokens.exe). */
        struct login_side *cut = calloc(1, sizeof(*cut));
        ULONG len;

        acquire(package, cut, TRUE, NULL);
        for (len = 12; len < 16; len++)
        {
            login_step(cut, TRUE, client->token, len);
            ok(cut->status == SEC_E_INVALID_TOKEN && !cut->has_ctx, "negotiate message of %lu bytes: %#lx\n", len,
               cut->status);
        }
        cleanup(cut);
        free(cut);
    }
    login_step(client, FALSE, garbage, sizeof(garbage));
    ok(client->status == SEC_E_INVALID_TOKEN, "garbage challenge: %#lx\n", client->status);
    cleanup(client);
    free(client);
    free(server);
    winetest_pop_context();
}

/* The package's buffers are its own: a short output buffer, an oversized token, a token that is
 * not the first buffer, and tokens the DLL allocates. */
static void test_buffers(const WCHAR *package)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    SecBuffer in_bufs[2], out_buf;
    SecBufferDesc in_desc = { SECBUFFER_VERSION, 2, in_bufs }, out_desc = { SECBUFFER_VERSION, 1, &out_buf };
    BYTE small[8], *huge = calloc(1, 4096);
    CtxtHandle ctx;
    ULONG attrs;
    TimeStamp expiry;
    SECURITY_STATUS status;

    winetest_push_context("%s", wine_dbgstr_w(package));
    acquire(package, client, FALSE, password);
    acquire(package, server, TRUE, NULL);

    /* Where a first token cannot go (the answers Wine's ntlm.c records for Windows). */
    status = InitializeSecurityContextW(&client->cred, NULL, NULL, 0, 0, SECURITY_NATIVE_DREP, NULL, 0, &ctx, NULL,
                                        &attrs, &expiry);
    ok(status == SEC_E_BUFFER_TOO_SMALL, "no output: %#lx\n", status);
    out_buf.BufferType = SECBUFFER_TOKEN;
    out_buf.cbBuffer = 100;
    out_buf.pvBuffer = NULL;
    status = InitializeSecurityContextW(&client->cred, NULL, NULL, 0, 0, SECURITY_NATIVE_DREP, NULL, 0, &ctx,
                                        &out_desc, &attrs, &expiry);
    ok(status == SEC_E_INTERNAL_ERROR, "no output memory: %#lx\n", status);
    out_buf.BufferType = SECBUFFER_DATA;
    out_buf.pvBuffer = small;
    status = InitializeSecurityContextW(&client->cred, NULL, NULL, 0, 0, SECURITY_NATIVE_DREP, NULL, 0, &ctx,
                                        &out_desc, &attrs, &expiry);
    ok(status == SEC_E_BUFFER_TOO_SMALL, "no output token buffer: %#lx\n", status);

    login_step(client, FALSE, NULL, 0);

    /* The token after an empty buffer. */
    in_bufs[0].BufferType = SECBUFFER_EMPTY;
    in_bufs[0].cbBuffer = 0;
    in_bufs[0].pvBuffer = NULL;
    in_bufs[1].BufferType = SECBUFFER_TOKEN;
    in_bufs[1].cbBuffer = client->token_size;
    in_bufs[1].pvBuffer = client->token;
    out_buf.BufferType = SECBUFFER_TOKEN;
    out_buf.cbBuffer = sizeof(small);
    out_buf.pvBuffer = small;
    status = AcceptSecurityContext(&server->cred, NULL, &in_desc, 0, SECURITY_NATIVE_DREP, &ctx, &out_desc, &attrs,
                                   &expiry);
    ok(status == SEC_E_BUFFER_TOO_SMALL, "short output buffer: %#lx\n", status);

    out_buf.cbBuffer = 0;
    out_buf.pvBuffer = NULL;
    status = AcceptSecurityContext(&server->cred, NULL, &in_desc, ASC_REQ_ALLOCATE_MEMORY, SECURITY_NATIVE_DREP, &ctx,
                                   &out_desc, &attrs, &expiry);
    ok(status == SEC_I_CONTINUE_NEEDED, "allocated output: %#lx\n", status);
    ok(out_buf.pvBuffer && out_buf.cbBuffer > 8, "no token allocated\n");
    ok(attrs & ASC_RET_ALLOCATED_MEMORY, "attributes %#lx\n", attrs);
    if (out_buf.pvBuffer) ok(FreeContextBuffer(out_buf.pvBuffer) == SEC_E_OK, "FreeContextBuffer failed\n");
    if (status == SEC_I_CONTINUE_NEEDED) DeleteSecurityContext(&ctx);

    /* A negotiate message longer than any NTLM message. */
    memcpy(huge, "NTLMSSP\0\1\0\0\0", 12);
    login_step(server, TRUE, huge, 4096);
    ok(server->status == SEC_E_INVALID_TOKEN, "oversized token: %#lx\n", server->status);
    ok(!server->has_ctx, "a context was created\n");

    cleanup(client);
    cleanup(server);
    free(huge);
    free(client);
    free(server);
    winetest_pop_context();
}

static void test_bad_credentials(void)
{
    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS status;

    status = AcquireCredentialsHandleW(NULL, (WCHAR *)L"NTLM", 0, NULL, NULL, NULL, NULL, &cred, &expiry);
    ok(status == SEC_E_UNKNOWN_CREDENTIALS, "no direction: %#lx\n", status);
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, NULL,
                                       &expiry);
    ok(status == SEC_E_INVALID_HANDLE, "no handle: %#lx\n", status);
}

/* A Negotiate server also takes a bare NTLM client (older clients, Wine's own Negotiate) and
 * answers it in kind. */
static void test_bare_ntlm_to_negotiate(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));

    acquire(L"NTLM", client, FALSE, password);
    acquire(L"Negotiate", server, TRUE, NULL);
    login(client, server, FALSE);
    ok(server->status == SEC_E_OK, "server step 2: %#lx\n", server->status);
    ok(!server->token_size, "server answered with %lu bytes\n", server->token_size);
    cleanup(client);
    cleanup(server);
    free(client);
    free(server);
}

/* A provider DLL added at run time is hosted as the registry's are; one already hosted is not
 * loaded twice.  Packages stay for the process's life. */
static void test_add_package(void)
{
    ULONG before, after;
    SecPkgInfoW *infos;
    SECURITY_STATUS status;

    EnumerateSecurityPackagesW(&before, &infos);
    FreeContextBuffer(infos);
    status = AddSecurityPackageW((WCHAR *)L"msv1_0.dll", NULL);
    ok(status == SEC_E_OK, "AddSecurityPackageW(msv1_0.dll): %#lx\n", status);
    status = AddSecurityPackageA((char *)"kerberos.dll", NULL);
    ok(status == SEC_E_OK, "AddSecurityPackageA(kerberos.dll): %#lx\n", status);
    EnumerateSecurityPackagesW(&after, &infos);
    FreeContextBuffer(infos);
    ok(after == before, "%lu packages, %lu before\n", after, before);
    status = AddSecurityPackageW((WCHAR *)L"no_such_provider.dll", NULL);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "missing DLL: %#lx\n", status);
    status = AddSecurityPackageW((WCHAR *)L"kernel32.dll", NULL);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "not a provider: %#lx\n", status);
    status = AddSecurityPackageW(NULL, NULL);
    ok(status == SEC_E_INVALID_PARAMETER, "NULL name: %#lx\n", status);

    status = DeleteSecurityPackageA((char *)"No Such Package");
    ok(status == SEC_E_SECPKG_NOT_FOUND, "DeleteSecurityPackageA(unknown): %#lx\n", status);
}

/* Logins on several threads at once, each with its own credentials, then two threads signing on
 * one context: the package's state is used one call at a time. */
static DWORD WINAPI login_thread(void *arg)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    LONG *failures = arg;

    acquire(L"Negotiate", client, FALSE, password);
    acquire(L"Negotiate", server, TRUE, NULL);
    login_step(client, FALSE, NULL, 0);
    login_step(server, TRUE, client->token, client->token_size);
    login_step(client, FALSE, server->token, server->token_size);
    login_step(server, TRUE, client->token, client->token_size);
    if (client->status != SEC_E_OK || server->status != SEC_E_OK) InterlockedIncrement(failures);
    login_end(client, server);
    return 0;
}

struct signer
{
    CtxtHandle *ctx;
    LONG failures;
};

static DWORD WINAPI sign_thread(void *arg)
{
    struct signer *signer = arg;
    struct message msg;
    int i;

    for (i = 0; i < 200; i++)
    {
        init_message(&msg, "signed on a thread");
        if (MakeSignature(signer->ctx, 0, &msg.desc, 0) != SEC_E_OK || msg.buffers[1].cbBuffer != 16)
            InterlockedIncrement(&signer->failures);
    }
    return 0;
}

static void test_threads(void)
{
    struct login_side *client = calloc(1, sizeof(*client)), *server = calloc(1, sizeof(*server));
    struct signer signer = { &client->ctx, 0 };
    HANDLE threads[4];
    LONG failures = 0;
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(threads); i++) threads[i] = CreateThread(NULL, 0, login_thread, &failures, 0, NULL);
    WaitForMultipleObjects(ARRAY_SIZE(threads), threads, TRUE, 60000);
    for (i = 0; i < ARRAY_SIZE(threads); i++) CloseHandle(threads[i]);
    ok(!failures, "%ld of %u concurrent logins failed\n", failures, (unsigned)ARRAY_SIZE(threads));

    acquire(L"NTLM", client, FALSE, password);
    acquire(L"NTLM", server, TRUE, NULL);
    login(client, server, FALSE);
    for (i = 0; i < 2; i++) threads[i] = CreateThread(NULL, 0, sign_thread, &signer, 0, NULL);
    WaitForMultipleObjects(2, threads, TRUE, 60000);
    for (i = 0; i < 2; i++) CloseHandle(threads[i]);
    ok(!signer.failures, "%ld signatures failed\n", signer.failures);
    cleanup(client);
    cleanup(server);
    free(client);
    free(server);
}

START_TEST(hosted)
{
    if (!login_ntlm_present())
    {
        skip("no NTLM package (ntlm_auth missing?)\n");
        return;
    }
    test_listing();
    test_add_package();
    test_bad_credentials();
    test_login(L"NTLM");
    test_login(L"Negotiate");
    test_bare_ntlm_to_negotiate();
    test_context_calls(L"NTLM");
    test_context_calls(L"Negotiate");
    test_bad_tokens(L"NTLM");
    test_bad_tokens(L"Negotiate");
    test_buffers(L"NTLM");
    test_buffers(L"Negotiate");
    test_threads();
}
