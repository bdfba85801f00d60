/*
 * Client and server handshakes in one process over memory, TLS 1.2 and 1.3: the status of each
 * step, the attributes returned, partial and coalesced input, and what the connection negotiated.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_support.h"
#include "test_pfx.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

static void test_handshake(DWORD protocol, const char *name)
{
    SecPkgContext_ConnectionInfo info;
    SecPkgContext_StreamSizes sizes;
    struct peer client, server;
    SECURITY_STATUS status;

    ok(acquire_peer(&client, FALSE, protocol & CLIENT_PROTOCOLS, NULL) == SEC_E_OK, "%s: client credentials\n", name);
    status = acquire_peer(&server, TRUE, protocol & SERVER_PROTOCOLS, cert);
    ok(status == SEC_E_OK, "%s: server credentials: %#lx\n", name, status);
    if (status != SEC_E_OK) return;

    status = step_peer(&client, &server, "localhost");
    ok(status == SEC_I_CONTINUE_NEEDED, "%s: first ISC: %#lx\n", name, status);
    ok(client.attrs == CLIENT_REQ, "%s: client attributes %#lx, requested %#x\n", name, client.attrs, CLIENT_REQ);
    ok(server.in_size > 5 && server.in[0] == 0x16, "%s: no ClientHello record (%u bytes)\n", name, (unsigned)server.in_size);

    ok(run_handshake(&client, &server, "localhost"), "%s: handshake ended with client %#lx, server %#lx\n", name,
       client.status, server.status);
    ok(server.attrs == SERVER_REQ, "%s: server attributes %#lx, requested %#x\n", name, server.attrs, SERVER_REQ);
    /* A TLS 1.3 server's tickets follow its last flight, as records the client reads (SEC_I_RENEGOTIATE). */
    if (protocol & SP_PROT_TLS1_3)
    {
        ok(client.in_size > 5 && client.in[0] == 0x17, "%s: no ticket records (%u bytes)\n", name,
           (unsigned)client.in_size);
        ok(receive_records(&client, &server, "localhost") == SEC_E_OK, "%s: tickets not read\n", name);
    }
    ok(!client.in_size && !server.in_size, "%s: %u/%u bytes left over\n", name, (unsigned)client.in_size,
       (unsigned)server.in_size);

    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CONNECTION_INFO, &info);
    ok(status == SEC_E_OK, "%s: CONNECTION_INFO: %#lx\n", name, status);
    ok(info.dwProtocol == (protocol & CLIENT_PROTOCOLS), "%s: client protocol %#lx\n", name, info.dwProtocol);
    ok(info.aiCipher == CALG_AES_256 || info.aiCipher == CALG_AES_128, "%s: cipher %#x\n", name, info.aiCipher);
    ok(info.dwCipherStrength == 128 || info.dwCipherStrength == 256, "%s: strength %lu\n", name, info.dwCipherStrength);
    ok(info.aiExch == CALG_ECDH_EPHEM, "%s: exchange %#x\n", name, info.aiExch);
    status = QueryContextAttributesA(&server.ctx, SECPKG_ATTR_CONNECTION_INFO, &info);
    ok(status == SEC_E_OK && info.dwProtocol == (protocol & SERVER_PROTOCOLS), "%s: server protocol %#lx\n", name,
       info.dwProtocol);

    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
    ok(status == SEC_E_OK, "%s: STREAM_SIZES: %#lx\n", name, status);
    ok(sizes.cbMaximumMessage == 16384, "%s: max message %lu\n", name, sizes.cbMaximumMessage);
    ok(sizes.cBuffers == 4, "%s: %lu buffers\n", name, sizes.cBuffers);
    if (protocol & SP_PROT_TLS1_3)
        ok(sizes.cbHeader == 5 && sizes.cbTrailer == 17, "%s: header %lu, trailer %lu\n", name, sizes.cbHeader,
           sizes.cbTrailer);
    else
        ok(sizes.cbHeader == 13 && sizes.cbTrailer == 16, "%s: header %lu, trailer %lu\n", name, sizes.cbHeader,
           sizes.cbTrailer);

    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_NEGOTIATION_INFO, &info) == SEC_E_UNSUPPORTED_FUNCTION,
       "%s: NEGOTIATION_INFO answered\n", name);
    release_peer(&client);
    release_peer(&server);
}

/* The server's first flight fed to the client one byte at a time: incomplete until whole. */
static void test_partial_input(void)
{
    struct peer client, server;
    BYTE flight[sizeof(client.in)];
    SIZE_T size, fed, record_end;
    SECURITY_STATUS status;
    int incomplete = 0, wrong = 0;

    acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT, NULL);
    acquire_peer(&server, TRUE, SP_PROT_TLS1_2_SERVER, cert);
    step_peer(&client, &server, "localhost");
    ok(step_peer(&server, &client, NULL) == SEC_I_CONTINUE_NEEDED, "ASC: %#lx\n", server.status);

    size = client.in_size;
    memcpy(flight, client.in, size);
    record_end = 5 + (flight[3] << 8 | flight[4]);
    for (fed = 1; fed < record_end; fed++)
    {
        SecBuffer in_bufs[2] = { { fed, SECBUFFER_TOKEN, flight }, { 0, SECBUFFER_EMPTY, NULL } };
        SecBuffer out_buf = { 0, SECBUFFER_TOKEN, NULL };
        SecBufferDesc in = { SECBUFFER_VERSION, 2, in_bufs }, out = { SECBUFFER_VERSION, 1, &out_buf };
        ULONG attrs;

        status = InitializeSecurityContextA(&client.cred, &client.ctx, (SEC_CHAR *)"localhost", CLIENT_REQ, 0, 0,
                                            &in, 0, NULL, &out, &attrs, NULL);
        if (status == SEC_E_INCOMPLETE_MESSAGE) incomplete++;
        if (status != SEC_E_INCOMPLETE_MESSAGE || in_bufs[1].BufferType != SECBUFFER_MISSING ||
            in_bufs[1].cbBuffer != (fed < 5 ? 5 - fed : record_end - fed) || out_buf.cbBuffer)
            wrong++;
    }
    ok(incomplete == record_end - 1, "%d of %u partial inputs were incomplete\n", incomplete, (unsigned)record_end - 1);
    ok(!wrong, "%d partial inputs answered wrongly\n", wrong);

    /* All of it at once completes the step. */
    ok(run_handshake(&client, &server, "localhost"), "handshake after partial input failed: %#lx %#lx\n",
       client.status, server.status);
    release_peer(&client);
    release_peer(&server);
}

/* Bytes after the handshake's last record come back as EXTRA. */
static void test_extra_after_handshake(void)
{
    static const char early[] = "application data right after the Finished";
    struct peer client, server;

    acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT, NULL);
    acquire_peer(&server, TRUE, SP_PROT_TLS1_2_SERVER, cert);
    step_peer(&client, &server, "localhost");
    step_peer(&server, &client, NULL);
    step_peer(&client, &server, "localhost");   /* client Finished */
    step_peer(&server, &client, NULL);          /* server Finished: server done */
    ok(server.status == SEC_E_OK, "server: %#lx\n", server.status);
    ok(send_message(&server, &client, early, sizeof(early)) == SEC_E_OK, "send failed\n");
    step_peer(&client, &server, "localhost");
    ok(client.status == SEC_E_OK, "client: %#lx\n", client.status);
    ok(client.in_size > sizeof(early), "the application record was not left as EXTRA (%u bytes)\n",
       (unsigned)client.in_size);
    release_peer(&client);
    release_peer(&server);
}

static void test_version_mismatch(void)
{
    struct peer client, server;

    acquire_peer(&client, FALSE, SP_PROT_TLS1_3_CLIENT, NULL);
    acquire_peer(&server, TRUE, SP_PROT_TLS1_2_SERVER, cert);
    ok(!run_handshake(&client, &server, "localhost"), "TLS 1.3 client and TLS 1.2 server agreed\n");
    ok(server.status == SEC_E_ALGORITHM_MISMATCH, "server: %#lx\n", server.status);
    ok(client.status == SEC_E_ILLEGAL_MESSAGE, "client: %#lx\n", client.status);
    release_peer(&client);
    release_peer(&server);
}

static void check_alpn(struct peer *peer, const char *expected, const char *name)
{
    SecPkgContext_ApplicationProtocol proto;
    SECURITY_STATUS status = QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &proto);

    ok(status == SEC_E_OK, "%s: APPLICATION_PROTOCOL: %#lx\n", name, status);
    if (!expected)
    {
        ok(proto.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_None, "%s: status %u\n", name,
           proto.ProtoNegoStatus);
        return;
    }
    ok(proto.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success, "%s: status %u\n", name,
       proto.ProtoNegoStatus);
    ok(proto.ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN, "%s: extension %u\n", name, proto.ProtoNegoExt);
    ok(proto.ProtocolIdSize == strlen(expected) && !memcmp(proto.ProtocolId, expected, strlen(expected)),
       "%s: protocol %.*s\n", name, proto.ProtocolIdSize, proto.ProtocolId);
}

static void test_alpn(void)
{
    static const char *const client_names[] = { "h2", "http/1.1", NULL };
    static const char *const server_names[] = { "http/1.1", "h2", NULL };
    static const char *const other_names[] = { "imap", NULL };
    BYTE client_list[64], server_list[64], bad[64];
    struct peer client, server;
    SECURITY_STATUS status;
    ULONG size;

    /* The server's preference wins. */
    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    client.alpn = client_list;
    client.alpn_size = make_alpn(client_list, client_names);
    server.alpn = server_list;
    server.alpn_size = make_alpn(server_list, server_names);
    ok(run_handshake(&client, &server, "localhost"), "ALPN handshake failed\n");
    check_alpn(&client, "http/1.1", "client");
    check_alpn(&server, "http/1.1", "server");
    release_peer(&client);
    release_peer(&server);

    /* Nothing in common, or a server without a list: no protocol, and the handshake goes on. */
    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    client.alpn = client_list;
    client.alpn_size = make_alpn(client_list, client_names);
    ok(run_handshake(&client, &server, "localhost"), "handshake without server ALPN failed\n");
    check_alpn(&client, NULL, "client without server list");
    check_alpn(&server, NULL, "server without list");
    release_peer(&client);
    release_peer(&server);

    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    client.alpn = client_list;
    client.alpn_size = make_alpn(client_list, other_names);
    server.alpn = server_list;
    server.alpn_size = make_alpn(server_list, server_names);
    ok(run_handshake(&client, &server, "localhost"), "no common protocol: %#lx %#lx\n", client.status, server.status);
    check_alpn(&client, NULL, "client, nothing in common");
    check_alpn(&server, NULL, "server, nothing in common");
    release_peer(&client);
    release_peer(&server);

    /* A list whose length runs past the buffer is refused before anything is sent. */
    acquire_peer(&client, FALSE, 0, NULL);
    size = make_alpn(bad, client_names);
    ((SEC_APPLICATION_PROTOCOLS *)bad)->ProtocolLists[0].ProtocolListSize = 200;
    client.alpn = bad;
    client.alpn_size = size;
    status = step_peer(&client, &server, "localhost");
    ok(status == SEC_E_INVALID_TOKEN, "malformed list: %#lx\n", status);
    release_peer(&client);
}

/* ptsExpiry: the server certificate's NotAfter, in local time, on both ends. */
static void test_expiry(void)
{
    struct peer client, server;
    FILETIME local;

    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    ok(run_handshake(&client, &server, "localhost"), "handshake failed\n");
    FileTimeToLocalFileTime(&cert->pCertInfo->NotAfter, &local);
    ok(client.expiry.LowPart == local.dwLowDateTime && client.expiry.HighPart == (LONG)local.dwHighDateTime,
       "client expiry %08lx%08lx\n", client.expiry.HighPart, client.expiry.LowPart);
    ok(server.expiry.LowPart == local.dwLowDateTime && server.expiry.HighPart == (LONG)local.dwHighDateTime,
       "server expiry %08lx%08lx\n", server.expiry.HighPart, server.expiry.LowPart);
    release_peer(&client);
    release_peer(&server);
}

/* Without ISC_REQ_ALLOCATE_MEMORY the caller's token buffer must hold the output. */
static void test_caller_buffers(void)
{
    BYTE small[16], big[4096];
    SecBuffer out_buf = { sizeof(small), SECBUFFER_TOKEN, small };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client;
    SECURITY_STATUS status;
    CtxtHandle ctx;
    ULONG attrs;

    acquire_peer(&client, FALSE, 0, NULL);
    ctx.dwLower = ctx.dwUpper = 0xdeadbeef;
    status = InitializeSecurityContextA(&client.cred, NULL, (SEC_CHAR *)"localhost", CLIENT_REQ & ~ISC_REQ_ALLOCATE_MEMORY,
                                        0, 0, NULL, 0, &ctx, &out, &attrs, NULL);
    ok(status == SEC_E_INSUFFICIENT_MEMORY, "16-byte token buffer: %#lx\n", status);
    ok(ctx.dwLower == 0xdeadbeef, "a context was made for a failed first call\n");

    out_buf.pvBuffer = big;
    out_buf.cbBuffer = sizeof(big);
    status = InitializeSecurityContextA(&client.cred, NULL, (SEC_CHAR *)"localhost", CLIENT_REQ & ~ISC_REQ_ALLOCATE_MEMORY,
                                        0, 0, NULL, 0, &ctx, &out, &attrs, NULL);
    ok(status == SEC_I_CONTINUE_NEEDED, "4 KiB token buffer: %#lx\n", status);
    ok(out_buf.pvBuffer == big && out_buf.cbBuffer > 5 && out_buf.cbBuffer < sizeof(big) && big[0] == 0x16,
       "token of %lu bytes\n", out_buf.cbBuffer);
    ok(!(attrs & ISC_RET_ALLOCATED_MEMORY), "attributes %#lx\n", attrs);
    DeleteSecurityContext(&ctx);
    release_peer(&client);
}

/* One client step of test_client_output over IN (NULL or the bytes the client holds), into OUT. */
static SECURITY_STATUS client_step(struct peer *client, BOOL first, ULONG req, SecBufferDesc *in, SecBufferDesc *out,
                                   CtxtHandle *new_ctx, ULONG *attrs, TimeStamp *expiry)
{
    return InitializeSecurityContextA(&client->cred, first ? NULL : &client->ctx, (SEC_CHAR *)"localhost", req, 0, 0,
                                      in, 0, new_ctx, out, attrs, expiry);
}

/* What a client call does with its output buffers, as Wine's schannel.c conformance test shows
 * Windows doing (lines 696-713, 1705-1762, 1808-1815, 1880-1888): TOKEN and ALERT buffers without
 * room are refused first unless the package allocates; an ALERT buffer without an alert is emptied;
 * the attributes always carry replay and sequence detection, confidentiality and stream; there is
 * no expiry before a later step; a later call that fails leaves the new handle alone. */
static void test_client_output(void)
{
    static const ULONG basic = ISC_RET_REPLAY_DETECT | ISC_RET_SEQUENCE_DETECT | ISC_RET_CONFIDENTIALITY;
    BYTE token[4096], alert[64];
    SecBuffer out_bufs[2] = { { sizeof(token), SECBUFFER_TOKEN, token }, { 0, SECBUFFER_ALERT, alert } };
    SecBuffer in_bufs[2] = { { 3, SECBUFFER_TOKEN, NULL }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBufferDesc out = { SECBUFFER_VERSION, 2, out_bufs }, in = { SECBUFFER_VERSION, 2, in_bufs };
    struct peer client, server;
    SECURITY_STATUS status;
    CtxtHandle new_ctx;
    TimeStamp expiry;
    ULONG attrs;

    acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT, NULL);
    acquire_peer(&server, TRUE, SP_PROT_TLS1_2_SERVER, cert);
    client.ctx.dwLower = client.ctx.dwUpper = 0xdeadbeef;
    status = client_step(&client, TRUE, ISC_REQ_CONFIDENTIALITY, NULL, &out, &client.ctx, &attrs, NULL);
    ok(status == SEC_E_INSUFFICIENT_MEMORY, "ALERT buffer of 0 bytes: %#lx\n", status);
    ok(client.ctx.dwLower == 0xdeadbeef, "a context was made\n");

    out_bufs[1].cbBuffer = sizeof(alert);
    expiry.LowPart = expiry.HighPart = 0xdeadbeef;
    status = client_step(&client, TRUE, ISC_REQ_CONFIDENTIALITY, NULL, &out, &client.ctx, &attrs, &expiry);
    ok(status == SEC_I_CONTINUE_NEEDED, "first step: %#lx\n", status);
    if (status != SEC_I_CONTINUE_NEEDED) return;
    client.has_ctx = TRUE;
    ok(attrs == (basic | ISC_RET_STREAM), "attributes %#lx\n", attrs);
    ok(!expiry.LowPart && !expiry.HighPart, "expiry %08lx%08lx\n", expiry.HighPart, expiry.LowPart);
    ok(!out_bufs[1].cbBuffer, "ALERT buffer of %lu bytes\n", out_bufs[1].cbBuffer);
    memcpy(server.in, token, out_bufs[0].cbBuffer);
    server.in_size = out_bufs[0].cbBuffer;
    ok(step_peer(&server, &client, NULL) == SEC_I_CONTINUE_NEEDED, "server: %#lx\n", server.status);

    /* Later calls that fail: no room, then an incomplete record. */
    out_bufs[0].cbBuffer = sizeof(token);
    new_ctx.dwLower = new_ctx.dwUpper = 0xdeadbeef;
    expiry.LowPart = expiry.HighPart = 0xdeadbeef;
    status = client_step(&client, FALSE, ISC_REQ_CONFIDENTIALITY, NULL, &out, &new_ctx, &attrs, &expiry);
    ok(status == SEC_E_INSUFFICIENT_MEMORY, "later step, ALERT buffer of 0 bytes: %#lx\n", status);
    ok(attrs == basic, "attributes %#lx\n", attrs);
    ok(!expiry.LowPart && !expiry.HighPart, "expiry %08lx%08lx\n", expiry.HighPart, expiry.LowPart);
    ok(new_ctx.dwLower == 0xdeadbeef, "new handle set by a failed call\n");
    in_bufs[0].pvBuffer = client.in;
    out_bufs[1].cbBuffer = sizeof(alert);
    status = client_step(&client, FALSE, ISC_REQ_CONFIDENTIALITY, &in, &out, &new_ctx, &attrs, NULL);
    ok(status == SEC_E_INCOMPLETE_MESSAGE, "3 bytes: %#lx\n", status);
    ok(new_ctx.dwLower == 0xdeadbeef, "new handle set by an incomplete call\n");

    /* A later step that succeeds reports an expiry: before the handshake has ended, ours says never. */
    in_bufs[0].cbBuffer = client.in_size;
    in_bufs[1].BufferType = SECBUFFER_EMPTY;
    in_bufs[1].cbBuffer = 0;
    out_bufs[0].cbBuffer = sizeof(token);
    out_bufs[1].cbBuffer = sizeof(alert);
    status = client_step(&client, FALSE, ISC_REQ_CONFIDENTIALITY, &in, &out, &new_ctx, &attrs, &expiry);
    ok(status == SEC_I_CONTINUE_NEEDED, "second step: %#lx\n", status);
    ok(new_ctx.dwLower == client.ctx.dwLower && new_ctx.dwUpper == client.ctx.dwUpper, "new handle not set\n");
    ok(expiry.LowPart || expiry.HighPart, "no expiry\n");
    if (is_ours("secur32.dll"))
        ok(expiry.LowPart == 0xffffffff && expiry.HighPart == 0x7fffffff, "expiry %08lx%08lx\n", expiry.HighPart,
           expiry.LowPart);
    ok(!out_bufs[1].cbBuffer, "ALERT buffer of %lu bytes\n", out_bufs[1].cbBuffer);
    release_peer(&client);
    release_peer(&server);
}

/* A token buffer without memory is allocated even without ISC_REQ_ALLOCATE_MEMORY (schannel.c
 * conformance lines 1808-1815); the caller frees it. */
static void test_token_without_memory(void)
{
    SecBuffer out_buf = { 1000, SECBUFFER_TOKEN, NULL };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client;
    SECURITY_STATUS status;
    ULONG attrs;

    acquire_peer(&client, FALSE, 0, NULL);
    status = client_step(&client, TRUE, ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM, NULL, &out, &client.ctx, &attrs, NULL);
    ok(status == SEC_I_CONTINUE_NEEDED, "first step: %#lx\n", status);
    client.has_ctx = status == SEC_I_CONTINUE_NEEDED;
    ok(out_buf.pvBuffer && out_buf.cbBuffer > 5 && ((BYTE *)out_buf.pvBuffer)[0] == 0x16, "token %p, %lu bytes\n",
       out_buf.pvBuffer, out_buf.cbBuffer);
    ok(FreeContextBuffer(out_buf.pvBuffer) == SEC_E_OK, "not package memory\n");
    release_peer(&client);
}

#define PARALLEL 4

/* Contexts on many threads at once, sharing the credentials. */
static DWORD WINAPI connection_thread(void *arg)
{
    struct peer *pair = arg;
    SecBuffer bufs[4];
    LONG failures = 0;
    int round;

    for (round = 0; round < 10; round++)
    {
        struct peer *client = &pair[0], *server = &pair[1];
        CredHandle client_cred = client->cred, server_cred = server->cred;

        memset(client, 0, sizeof(*client));
        memset(server, 0, sizeof(*server));
        client->cred = client_cred;
        server->cred = server_cred;
        server->server = TRUE;
        client->status = server->status = SEC_I_CONTINUE_NEEDED;
        if (!run_handshake(client, server, "localhost")) { failures++; continue; }
        if (send_message(client, server, "parallel", 8) != SEC_E_OK) failures++;
        if (decrypt_received(server, bufs) != SEC_E_OK || bufs[1].cbBuffer != 8) failures++;
        DeleteSecurityContext(&client->ctx);
        DeleteSecurityContext(&server->ctx);
    }
    return failures;
}

static void test_threads(void)
{
    static struct peer pairs[PARALLEL][2];
    struct peer client, server;
    HANDLE threads[PARALLEL];
    DWORD failures = 0, code;
    int i;

    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    for (i = 0; i < PARALLEL; i++)
    {
        pairs[i][0].cred = client.cred;
        pairs[i][1].cred = server.cred;
        threads[i] = CreateThread(NULL, 0, connection_thread, pairs[i], 0, NULL);
    }
    WaitForMultipleObjects(PARALLEL, threads, TRUE, INFINITE);
    for (i = 0; i < PARALLEL; i++)
    {
        GetExitCodeThread(threads[i], &code);
        failures += code;
        CloseHandle(threads[i]);
    }
    ok(!failures, "%lu of %d connections failed across %d threads\n", failures, PARALLEL * 10, PARALLEL);
    FreeCredentialsHandle(&client.cred);
    FreeCredentialsHandle(&server.cred);
}

/* A server certificate from a PFX made by OpenSSL (tests/local.mk): its key persisted in a
 * container, or only attached to the certificate (PKCS12_NO_PERSIST_KEY), both exportable. */
static void test_pfx_certificate(DWORD flags, const char *name)
{
    PCCERT_CONTEXT pfx_cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", CRYPT_EXPORTABLE | flags);
    SecPkgContext_ConnectionInfo info;
    struct peer client, server;
    SECURITY_STATUS status;

    ok(pfx_cert != NULL, "%s: PFX round trip failed: %lu\n", name, GetLastError());
    if (!pfx_cert) return;
    acquire_peer(&client, FALSE, 0, NULL);
    status = acquire_peer(&server, TRUE, 0, pfx_cert);
    ok(status == SEC_E_OK, "%s: server credentials: %#lx\n", name, status);
    if (status == SEC_E_OK)
    {
        ok(run_handshake(&client, &server, "localhost"), "%s: handshake %#lx %#lx\n", name, client.status, server.status);
        ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK &&
           info.dwProtocol == SP_PROT_TLS1_3_CLIENT, "%s: protocol %#lx\n", name, info.dwProtocol);
        release_peer(&server);
    }
    release_peer(&client);
    if (!flags) free_test_certificate(pfx_cert);
    else CertFreeCertificateContext(pfx_cert);
}

START_TEST(handshake)
{
    if (!(cert = start_server_tests())) return;

    test_handshake(SP_PROT_TLS1_2, "TLS 1.2");
    test_handshake(SP_PROT_TLS1_3, "TLS 1.3");
    test_partial_input();
    test_extra_after_handshake();
    test_version_mismatch();
    test_alpn();
    test_expiry();
    test_caller_buffers();
    test_client_output();
    test_token_without_memory();
    test_threads();
    test_pfx_certificate(0, "PFX");
    test_pfx_certificate(PKCS12_NO_PERSIST_KEY, "PFX without a persisted key");
    free_test_certificate(cert);
}
