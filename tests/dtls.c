/*
 * DTLS 1.0 and 1.2 in one process over memory: contexts made with ISC_REQ_DATAGRAM /
 * ASC_REQ_DATAGRAM, records both ways with DTLS's larger header, and the path MTU attribute.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

static BOOL connect_dtls(struct peer *client, struct peer *server, DWORD protocols)
{
    acquire_peer(client, FALSE, protocols & (SP_PROT_DTLS1_X_CLIENT), NULL);
    acquire_peer(server, TRUE, protocols & (SP_PROT_DTLS1_X_SERVER), cert);
    client->extra_req = ISC_REQ_DATAGRAM;
    server->extra_req = ASC_REQ_DATAGRAM;
    return run_handshake(client, server, "localhost");
}

static void test_dtls(DWORD protocols, DWORD expected, SIZE_T header, const char *name)
{
    SecPkgContext_ConnectionInfo info;
    SecPkgContext_StreamSizes sizes;
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    ok(connect_dtls(&client, &server, protocols), "%s: handshake ended with %#lx %#lx\n", name, client.status,
       server.status);
    if (client.status != SEC_E_OK) return;
    ok(client.attrs & ISC_RET_DATAGRAM, "%s: client attributes %#lx\n", name, client.attrs);
    ok(server.attrs & ASC_RET_DATAGRAM, "%s: server attributes %#lx\n", name, server.attrs);
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK &&
       info.dwProtocol == (expected & SP_PROT_DTLS1_X_CLIENT), "%s: client protocol %#lx\n", name, info.dwProtocol);
    ok(QueryContextAttributesA(&server.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK &&
       info.dwProtocol == (expected & SP_PROT_DTLS1_X_SERVER), "%s: server protocol %#lx\n", name, info.dwProtocol);
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes) == SEC_E_OK &&
       sizes.cbHeader == header, "%s: header %lu\n", name, sizes.cbHeader);

    ok(send_message(&client, &server, "datagram", 8) == SEC_E_OK, "%s: encrypt\n", name);
    /* An application_data record with DTLS's version bytes: fe fd for 1.2, fe ff for 1.0. */
    ok(server.in[0] == 0x17 && server.in[1] == 0xfe && server.in[2] == (expected & SP_PROT_DTLS1_2 ? 0xfd : 0xff) &&
       server.in_size > sizes.cbHeader + 8, "%s: record %02x %02x %02x\n", name, server.in[0], server.in[1], server.in[2]);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 8 && !memcmp(bufs[1].pvBuffer, "datagram", 8),
       "%s: server decrypt %#lx\n", name, status);
    server.in_size = 0;
    ok(send_message(&server, &client, "reply", 5) == SEC_E_OK, "%s: encrypt back\n", name);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "reply", 5),
       "%s: client decrypt %#lx\n", name, status);
    release_peer(&client);
    release_peer(&server);
}

static void test_mtu(void)
{
    struct peer client, server, tls_client, tls_server;
    DWORD mtu = 0;

    if (!connect_dtls(&client, &server, 0)) { ok(0, "no DTLS connection with default credentials\n"); return; }
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_DTLS_MTU, &mtu) == SEC_E_OK && mtu == 1096, "default MTU %lu\n", mtu);
    mtu = 1400;
    ok(SetContextAttributesA(&client.ctx, SECPKG_ATTR_DTLS_MTU, &mtu, sizeof(mtu)) == SEC_E_OK, "set MTU\n");
    mtu = 0;
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_DTLS_MTU, &mtu) == SEC_E_OK && mtu == 1400, "MTU %lu\n", mtu);
    mtu = 100;
    ok(SetContextAttributesA(&client.ctx, SECPKG_ATTR_DTLS_MTU, &mtu, sizeof(mtu)) == SEC_E_INVALID_PARAMETER,
       "MTU of 100 accepted\n");
    release_peer(&client);
    release_peer(&server);

    acquire_peer(&tls_client, FALSE, 0, NULL);
    acquire_peer(&tls_server, TRUE, 0, cert);
    run_handshake(&tls_client, &tls_server, "localhost");
    ok(QueryContextAttributesA(&tls_client.ctx, SECPKG_ATTR_DTLS_MTU, &mtu) == SEC_E_UNSUPPORTED_FUNCTION,
       "DTLS_MTU on a TLS context\n");
    release_peer(&tls_client);
    release_peer(&tls_server);
}

/* The caller keeps DTLS's retransmission timer, as with Windows (Wine's schannel.c conformance test,
 * lines 1705-1770): a step without the peer's next flight sends ours again at once, the same
 * records with the next sequence numbers.  The attributes carry ISC_RET_STREAM, asked for or not. */
static void test_retransmission(void)
{
    static const ULONG req = ISC_REQ_DATAGRAM | ISC_REQ_ALLOCATE_MEMORY;
    SecBuffer out_buf = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client, server;
    BYTE hello[2048];
    SECURITY_STATUS status;
    ULONG attrs, size = 0;
    int i;

    acquire_peer(&client, FALSE, SP_PROT_DTLS1_2_CLIENT, NULL);
    acquire_peer(&server, TRUE, SP_PROT_DTLS1_2_SERVER, cert);
    for (i = 0; i < 2; i++)
    {
        status = InitializeSecurityContextA(&client.cred, i ? &client.ctx : NULL, (SEC_CHAR *)"localhost", req, 0, 0,
                                            NULL, 0, &client.ctx, &out, &attrs, NULL);
        ok(status == SEC_I_CONTINUE_NEEDED, "step %d: %#lx\n", i, status);
        if (status != SEC_I_CONTINUE_NEEDED) break;
        client.has_ctx = TRUE;
        ok(attrs == (ISC_RET_REPLAY_DETECT | ISC_RET_SEQUENCE_DETECT | ISC_RET_CONFIDENTIALITY | ISC_RET_STREAM |
                     ISC_RET_DATAGRAM | ISC_RET_ALLOCATED_MEMORY), "step %d: attributes %#lx\n", i, attrs);
        if (!i && out_buf.cbBuffer <= sizeof(hello)) memcpy(hello, out_buf.pvBuffer, size = out_buf.cbBuffer);
        else if (i)
        {
            ok(out_buf.cbBuffer == size && size > 13, "retransmission of %lu bytes, first %lu\n", out_buf.cbBuffer, size);
            if (out_buf.cbBuffer == size && size > 13)
            {
                const BYTE *again = out_buf.pvBuffer;
                ok(!hello[10] && again[10] == 1, "record sequence numbers %u, %u\n", hello[10], again[10]);
                ok(!memcmp(again, hello, 10) && !memcmp(again + 11, hello + 11, size - 11), "other bytes differ\n");
            }
        }
        FreeContextBuffer(out_buf.pvBuffer);
        out_buf.pvBuffer = NULL;
        out_buf.cbBuffer = 0;
    }
    /* The server gets one copy; the handshake ends as usual, with nothing left over. */
    memcpy(server.in, hello, size);
    server.in_size = size;
    client.status = SEC_I_CONTINUE_NEEDED;
    client.extra_req = ISC_REQ_DATAGRAM;
    server.extra_req = ASC_REQ_DATAGRAM;
    ok(size && finish_handshake(&client, &server, "localhost"), "handshake after a retransmission: %#lx %#lx\n",
       client.status, server.status);
    ok(!client.in_size && !server.in_size, "%u/%u bytes left over\n", (unsigned)client.in_size, (unsigned)server.in_size);
    release_peer(&client);
    release_peer(&server);
}

START_TEST(dtls)
{
    if (!(cert = start_server_tests())) return;
    test_dtls(SP_PROT_DTLS1_2, SP_PROT_DTLS1_2, 13 + 8, "DTLS 1.2");
    test_dtls(SP_PROT_DTLS1_0, SP_PROT_DTLS1_0, 13 + 16, "DTLS 1.0");
    test_dtls(0, SP_PROT_DTLS1_2, 13 + 8, "DTLS by default");
    test_mtu();
    test_retransmission();
    free_test_certificate(cert);
}
