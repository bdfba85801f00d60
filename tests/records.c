/*
 * EncryptMessage and DecryptMessage: data both ways, Windows' buffer layout, records coalesced or
 * cut, tampered and garbage records, and the close_notify exchange.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

/* Drops the first record from the peer's input, keeping what DecryptMessage called EXTRA. */
static void consume(struct peer *peer, const SecBuffer bufs[4])
{
    SIZE_T extra = bufs[3].BufferType == SECBUFFER_EXTRA ? bufs[3].cbBuffer : 0;

    memmove(peer->in, peer->in + peer->in_size - extra, extra);
    peer->in_size = extra;
}

static BOOL connect_pair(struct peer *client, struct peer *server, DWORD protocol)
{
    return connect_peers(client, server, protocol, cert);
}

static void test_both_ways(DWORD protocol, const char *name)
{
    static BYTE big[16385];
    SecPkgContext_StreamSizes sizes;
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;
    SIZE_T tail;
    BOOL cbc = !(protocol & (SP_PROT_TLS1_2 | SP_PROT_TLS1_3));
    unsigned i;

    if (!connect_pair(&client, &server, protocol)) { ok(0, "%s: no connection\n", name); return; }
    QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);

    /* AEAD records have a fixed tail; CBC's MAC and padding take at most cbTrailer. */
    ok(send_message(&client, &server, "hello", 5) == SEC_E_OK, "%s: encrypt failed\n", name);
    tail = server.in_size - sizes.cbHeader - 5;
    ok(cbc ? tail <= sizes.cbTrailer && tail > 0 : tail == sizes.cbTrailer, "%s: record of %u bytes (trailer %lu)\n",
       name, (unsigned)server.in_size, sizes.cbTrailer);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK, "%s: decrypt: %#lx\n", name, status);
    ok(bufs[0].BufferType == SECBUFFER_STREAM_HEADER && bufs[0].cbBuffer == sizes.cbHeader && bufs[0].pvBuffer == server.in,
       "%s: header buffer %lu/%lu\n", name, bufs[0].BufferType, bufs[0].cbBuffer);
    ok(bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == 5 && bufs[1].pvBuffer == server.in + sizes.cbHeader,
       "%s: data buffer %lu/%lu\n", name, bufs[1].BufferType, bufs[1].cbBuffer);
    ok(bufs[1].pvBuffer && !memcmp(bufs[1].pvBuffer, "hello", 5), "%s: wrong plaintext\n", name);
    ok(bufs[2].BufferType == SECBUFFER_STREAM_TRAILER && bufs[2].cbBuffer == tail,
       "%s: trailer buffer %lu/%lu\n", name, bufs[2].BufferType, bufs[2].cbBuffer);
    ok(bufs[3].BufferType == SECBUFFER_EMPTY, "%s: fourth buffer %lu\n", name, bufs[3].BufferType);
    consume(&server, bufs);

    for (i = 0; i < sizeof(big); i++) big[i] = i * 7;
    ok(send_message(&server, &client, big, 16384) == SEC_E_OK, "%s: 16 KiB encrypt failed\n", name);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 16384 && !memcmp(bufs[1].pvBuffer, big, 16384),
       "%s: 16 KiB decrypt: %#lx, %lu bytes\n", name, status, bufs[1].cbBuffer);
    consume(&client, bufs);

    /* One byte over cbMaximumMessage is refused. */
    ok(send_message(&server, &client, big, sizeof(big)) == SEC_E_INVALID_PARAMETER, "%s: oversized message\n", name);
    ok(!client.in_size, "%s: %u bytes sent for an oversized message\n", name, (unsigned)client.in_size);
    release_peer(&client);
    release_peer(&server);
}

/* Encrypts "separate!" from CLIENT into HEADER (cbHeader + 7 bytes of room), DATA and TRAILER (ROOM
 * bytes), sends the three parts in order to SERVER and checks that they are the record. */
static void encrypt_into(struct peer *client, struct peer *server, const SecPkgContext_StreamSizes *sizes,
                         BYTE *header, BYTE *data, BYTE *trailer, ULONG room, BOOL cbc, const char *name)
{
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;

    memcpy(data, "separate!", 9);
    bufs[0].BufferType = SECBUFFER_STREAM_HEADER; bufs[0].pvBuffer = header; bufs[0].cbBuffer = sizes->cbHeader + 7;
    bufs[1].BufferType = SECBUFFER_DATA; bufs[1].pvBuffer = data; bufs[1].cbBuffer = 9;
    bufs[2].BufferType = SECBUFFER_STREAM_TRAILER; bufs[2].pvBuffer = trailer; bufs[2].cbBuffer = room;
    bufs[3].BufferType = SECBUFFER_EMPTY; bufs[3].pvBuffer = NULL; bufs[3].cbBuffer = 0;
    status = EncryptMessage(&client->ctx, 0, &desc, 0);
    ok(status == SEC_E_OK, "%s: encrypt: %#lx\n", name, status);
    ok(bufs[0].cbBuffer == sizes->cbHeader && bufs[1].cbBuffer == 9 &&
       (cbc ? bufs[2].cbBuffer && bufs[2].cbBuffer <= sizes->cbTrailer : bufs[2].cbBuffer == sizes->cbTrailer),
       "%s: sizes %lu %lu %lu\n", name, bufs[0].cbBuffer, bufs[1].cbBuffer, bufs[2].cbBuffer);
    ok(header[0] == 0x17 && (header[3] << 8 | header[4]) == bufs[0].cbBuffer - 5 + 9 + bufs[2].cbBuffer,
       "%s: record header %02x %02x%02x\n", name, header[0], header[3], header[4]);
    memcpy(server->in + server->in_size, header, bufs[0].cbBuffer);
    memcpy(server->in + server->in_size + bufs[0].cbBuffer, data, 9);
    memcpy(server->in + server->in_size + bufs[0].cbBuffer + 9, trailer, bufs[2].cbBuffer);
    server->in_size += bufs[0].cbBuffer + 9 + bufs[2].cbBuffer;
    status = decrypt_received(server, bufs);
    ok(status == SEC_E_OK && bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == 9 &&
       !memcmp(bufs[1].pvBuffer, "separate!", 9), "%s: decrypt: %#lx, %lu bytes\n", name, status, bufs[1].cbBuffer);
    consume(server, bufs);
}

/* EncryptMessage writes the record into whatever three buffers it is given: apart from each other,
 * or one block whose header buffer is larger than cbHeader.  The header comes back as cbHeader
 * bytes, the trailer as what follows the data; the three, sent in order, are the record. */
static void test_separate_buffers(DWORD protocol, const char *name)
{
    BOOL cbc = !(protocol & (SP_PROT_TLS1_2 | SP_PROT_TLS1_3));
    SecPkgContext_StreamSizes sizes;
    struct peer client, server;
    BYTE *header, *data, *trailer, *block;
    char label[64];

    if (!connect_pair(&client, &server, protocol)) { ok(0, "%s: no connection\n", name); return; }
    QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
    header = HeapAlloc(GetProcessHeap(), 0, sizes.cbHeader + 7);
    data = HeapAlloc(GetProcessHeap(), 0, 9);
    trailer = HeapAlloc(GetProcessHeap(), 0, sizes.cbTrailer + 3);
    sprintf(label, "%s, three blocks", name);
    encrypt_into(&client, &server, &sizes, header, data, trailer, sizes.cbTrailer + 3, cbc, label);
    HeapFree(GetProcessHeap(), 0, header);
    HeapFree(GetProcessHeap(), 0, data);
    HeapFree(GetProcessHeap(), 0, trailer);

    block = HeapAlloc(GetProcessHeap(), 0, sizes.cbHeader + 7 + 9 + sizes.cbTrailer);
    sprintf(label, "%s, one block", name);
    encrypt_into(&client, &server, &sizes, block, block + sizes.cbHeader + 7, block + sizes.cbHeader + 7 + 9,
                 sizes.cbTrailer, cbc, label);
    HeapFree(GetProcessHeap(), 0, block);
    release_peer(&client);
    release_peer(&server);
}

/* An empty DATA buffer makes an application-data record of the header and trailer alone, as on
 * Windows, which the peer's DecryptMessage hands back as SEC_E_OK with 0 bytes; the records after
 * it decrypt as before.  TLS 1.3 with AES-GCM: 5 + 1 (inner type) + 16 (tag) = 22 bytes. */
static void test_empty_record(DWORD protocol, const char *name, SIZE_T expected)
{
    SecPkgContext_StreamSizes sizes;
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    if (!connect_pair(&client, &server, protocol)) { ok(0, "%s: no connection\n", name); return; }
    QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
    status = send_message(&client, &server, "", 0);
    ok(status == SEC_E_OK, "%s: empty encrypt: %#lx\n", name, status);
    ok(server.in_size == expected && server.in_size == sizes.cbHeader + sizes.cbTrailer,
       "%s: empty record of %u bytes (header %lu, trailer %lu)\n", name, (unsigned)server.in_size, sizes.cbHeader,
       sizes.cbTrailer);
    ok(server.in_size >= 5 && server.in[0] == 0x17 && server.in[1] == 3 && server.in[2] == 3 &&
       (server.in[3] << 8 | server.in[4]) == server.in_size - 5, "%s: record header %02x %02x%02x %02x%02x\n", name,
       server.in[0], server.in[1], server.in[2], server.in[3], server.in[4]);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK, "%s: empty decrypt: %#lx\n", name, status);
    ok(bufs[0].BufferType == SECBUFFER_STREAM_HEADER && bufs[0].cbBuffer == sizes.cbHeader,
       "%s: header buffer %lu/%lu\n", name, bufs[0].BufferType, bufs[0].cbBuffer);
    ok(bufs[1].BufferType == SECBUFFER_DATA && !bufs[1].cbBuffer && bufs[1].pvBuffer == server.in + sizes.cbHeader,
       "%s: data buffer %lu/%lu\n", name, bufs[1].BufferType, bufs[1].cbBuffer);
    ok(bufs[2].BufferType == SECBUFFER_STREAM_TRAILER && bufs[2].cbBuffer == sizes.cbTrailer,
       "%s: trailer buffer %lu/%lu\n", name, bufs[2].BufferType, bufs[2].cbBuffer);
    ok(bufs[3].BufferType == SECBUFFER_EMPTY, "%s: fourth buffer %lu\n", name, bufs[3].BufferType);
    consume(&server, bufs);

    /* The sequence numbers moved on: data still flows both ways, and the server's empty record too. */
    ok(send_message(&client, &server, "after", 5) == SEC_E_OK, "%s: encrypt after the empty record\n", name);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "after", 5),
       "%s: decrypt after the empty record: %#lx, %lu bytes\n", name, status, bufs[1].cbBuffer);
    consume(&server, bufs);
    ok(send_message(&server, &client, "", 0) == SEC_E_OK, "%s: server's empty encrypt\n", name);
    ok(client.in_size == expected, "%s: server's empty record of %u bytes\n", name, (unsigned)client.in_size);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_E_OK && bufs[1].BufferType == SECBUFFER_DATA && !bufs[1].cbBuffer,
       "%s: client's empty decrypt: %#lx, %lu bytes\n", name, status, bufs[1].cbBuffer);
    consume(&client, bufs);
    ok(send_message(&server, &client, "reply", 5) == SEC_E_OK, "%s: server's encrypt after\n", name);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "reply", 5),
       "%s: client's decrypt after: %#lx, %lu bytes\n", name, status, bufs[1].cbBuffer);
    release_peer(&client);
    release_peer(&server);
}

static void test_coalesced_and_partial(void)
{
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;
    SIZE_T total, first, fed;
    int wrong = 0;
    BYTE copy[256];

    if (!connect_pair(&client, &server, SP_PROT_TLS1_3)) { ok(0, "no connection\n"); return; }
    send_message(&client, &server, "one", 3);
    first = server.in_size;
    send_message(&client, &server, "two", 3);
    send_message(&client, &server, "three", 5);
    total = server.in_size;

    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 3 && !memcmp(bufs[1].pvBuffer, "one", 3), "first record: %#lx\n", status);
    ok(bufs[3].BufferType == SECBUFFER_EXTRA && bufs[3].cbBuffer == total - first, "EXTRA %lu/%lu, expected %u\n",
       bufs[3].BufferType, bufs[3].cbBuffer, (unsigned)(total - first));
    consume(&server, bufs);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 3 && !memcmp(bufs[1].pvBuffer, "two", 3), "second record: %#lx\n", status);
    consume(&server, bufs);

    /* The last record, cut short at every length. */
    memcpy(copy, server.in, server.in_size);
    total = server.in_size;
    for (fed = 0; fed < total; fed++)
    {
        server.in_size = fed;
        memcpy(server.in, copy, fed);
        status = decrypt_received(&server, bufs);
        if (status != SEC_E_INCOMPLETE_MESSAGE || bufs[1].BufferType != SECBUFFER_MISSING ||
            bufs[1].cbBuffer != (fed < 5 ? 5 - fed : total - fed))
            wrong++;
    }
    ok(!wrong, "%d cut records answered wrongly\n", wrong);
    memcpy(server.in, copy, total);
    server.in_size = total;
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "three", 5), "third record: %#lx\n", status);
    release_peer(&client);
    release_peer(&server);
}

static void test_bad_records(void)
{
    static BYTE garbage[] = { 0x17, 0x03, 0x03, 0x00, 0x20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                              17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
    struct peer client, server;
    SecBuffer bufs[4], enc[3];
    SecBufferDesc desc = { SECBUFFER_VERSION, 3, enc };
    SECURITY_STATUS status;
    BYTE data[64];

    if (!connect_pair(&client, &server, SP_PROT_TLS1_2)) { ok(0, "no connection\n"); return; }
    send_message(&client, &server, "tamper with me", 14);
    server.in[server.in_size - 3] ^= 0x40;
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_DECRYPT_FAILURE, "tampered record: %#lx\n", status);
    release_peer(&client);
    release_peer(&server);

    if (!connect_pair(&client, &server, SP_PROT_TLS1_3)) { ok(0, "no connection\n"); return; }
    memcpy(server.in, garbage, sizeof(garbage));
    server.in_size = sizeof(garbage);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_DECRYPT_FAILURE, "garbage record: %#lx\n", status);

    /* EncryptMessage without its header, data and trailer buffers. */
    enc[0].BufferType = SECBUFFER_DATA; enc[0].pvBuffer = data; enc[0].cbBuffer = 10;
    enc[1].BufferType = SECBUFFER_EMPTY; enc[1].pvBuffer = NULL; enc[1].cbBuffer = 0;
    enc[2].BufferType = SECBUFFER_EMPTY; enc[2].pvBuffer = NULL; enc[2].cbBuffer = 0;
    ok(EncryptMessage(&client.ctx, 0, &desc, 0) == SEC_E_INVALID_TOKEN, "encrypt without header accepted\n");
    ok(EncryptMessage(&client.ctx, 0, NULL, 0) == SEC_E_INVALID_TOKEN, "encrypt without buffers accepted\n");
    desc.cBuffers = 0;
    ok(DecryptMessage(&client.ctx, &desc, 0, NULL) == SEC_E_INVALID_TOKEN, "decrypt without buffers accepted\n");
    release_peer(&client);
    release_peer(&server);
}

static SECURITY_STATUS shutdown_step(struct peer *peer, struct peer *other)
{
    DWORD token = SCHANNEL_SHUTDOWN;
    SecBuffer buf = { sizeof(token), SECBUFFER_TOKEN, &token };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf };
    SECURITY_STATUS status = ApplyControlToken(&peer->ctx, &desc);

    ok(status == SEC_E_OK, "SCHANNEL_SHUTDOWN: %#lx\n", status);
    peer->in_size = 0;
    return step_peer(peer, other, "localhost");
}

static void test_close_notify(DWORD protocol, const char *name)
{
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    if (!connect_pair(&client, &server, protocol)) { ok(0, "%s: no connection\n", name); return; }
    status = shutdown_step(&client, &server);
    ok(status == SEC_E_OK, "%s: client shutdown step: %#lx\n", name, status);
    ok(server.in_size > 5, "%s: no close_notify sent\n", name);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_I_CONTEXT_EXPIRED, "%s: server saw %#lx\n", name, status);
    ok(bufs[1].BufferType == SECBUFFER_DATA && !bufs[1].cbBuffer, "%s: data %lu/%lu\n", name, bufs[1].BufferType,
       bufs[1].cbBuffer);
    ok(send_message(&client, &server, "late", 4) == SEC_E_CONTEXT_EXPIRED, "%s: encrypt after shutdown\n", name);

    status = shutdown_step(&server, &client);
    ok(status == SEC_E_OK, "%s: server shutdown step: %#lx\n", name, status);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_I_CONTEXT_EXPIRED, "%s: client saw %#lx\n", name, status);
    release_peer(&client);
    release_peer(&server);
}

/* A fatal alert sent by the server after the handshake ends the client's connection. */
static void test_server_alert(DWORD protocol, const char *name)
{
    SCHANNEL_ALERT_TOKEN alert = { SCHANNEL_ALERT, TLS1_ALERT_FATAL, TLS1_ALERT_ACCESS_DENIED };
    SecBuffer token = { sizeof(alert), SECBUFFER_TOKEN, &alert };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &token };
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    if (!connect_pair(&client, &server, protocol)) { ok(0, "%s: no connection\n", name); return; }
    ok(ApplyControlToken(&server.ctx, &desc) == SEC_E_OK, "%s: alert token\n", name);
    status = step_peer(&server, &client, NULL);
    ok(status == SEC_E_OK, "%s: server alert step: %#lx\n", name, status);
    ok(client.in_size > 5 && client.in[0] == (protocol & SP_PROT_TLS1_3 ? 0x17 : 0x15), "%s: record type %02x\n", name,
       client.in[0]);
    status = decrypt_received(&client, bufs);
    /* Microsoft's table of alerts received: access_denied is SEC_E_LOGON_DENIED. */
    ok(status == SEC_E_LOGON_DENIED, "%s: client saw %#lx\n", name, status);
    ok(send_message(&client, &server, "late", 4) == SEC_E_CONTEXT_EXPIRED, "%s: encrypt after a fatal alert\n", name);
    release_peer(&client);
    release_peer(&server);
}

#define DUPLEX_ROUNDS 20
#define DUPLEX_RECORDS 100

struct duplex
{
    struct peer *peer;      /* the context both threads use */
    struct peer *other;
    LONG failures;
};

/* Sends DUPLEX_RECORDS numbered messages from the shared context, each checked at the other end. */
static DWORD WINAPI duplex_sender(void *arg)
{
    struct duplex *d = arg;
    SecBuffer bufs[4];
    char text[16];
    int i;

    for (i = 0; i < DUPLEX_RECORDS; i++)
    {
        sprintf(text, "up %05d", i);
        d->other->in_size = 0;
        if (send_message(d->peer, d->other, text, 8) != SEC_E_OK ||
            decrypt_received(d->other, bufs) != SEC_E_OK || bufs[1].cbBuffer != 8 || memcmp(bufs[1].pvBuffer, text, 8))
            InterlockedIncrement(&d->failures);
    }
    return 0;
}

/* One context sending on one thread while it receives on another, as full-duplex callers do. */
static void test_duplex(void)
{
    struct peer client, server;
    struct duplex d = { &client, &server, 0 };
    SecBuffer bufs[4];
    HANDLE thread;
    char text[16];
    int round, i, wrong = 0;

    if (!connect_pair(&client, &server, SP_PROT_TLS1_3)) { ok(0, "no connection\n"); return; }
    for (round = 0; round < DUPLEX_ROUNDS; round++)
    {
        /* The records the client will read, made beforehand by the server. */
        client.in_size = 0;
        for (i = 0; i < DUPLEX_RECORDS; i++)
        {
            sprintf(text, "dn %05d", i);
            send_message(&server, &client, text, 8);
        }
        thread = CreateThread(NULL, 0, duplex_sender, &d, 0, NULL);
        for (i = 0; i < DUPLEX_RECORDS; i++)
        {
            sprintf(text, "dn %05d", i);
            if (decrypt_received(&client, bufs) != SEC_E_OK || bufs[1].cbBuffer != 8 || memcmp(bufs[1].pvBuffer, text, 8))
                wrong++;
            consume(&client, bufs);
        }
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    ok(!wrong && !d.failures, "%d records read wrongly and %ld sent wrongly while both ran\n", wrong, d.failures);
    release_peer(&client);
    release_peer(&server);
}

START_TEST(records)
{
    if (!(cert = start_server_tests())) return;
    test_both_ways(SP_PROT_TLS1_0, "TLS 1.0");
    test_both_ways(SP_PROT_TLS1_1, "TLS 1.1");
    test_both_ways(SP_PROT_TLS1_2, "TLS 1.2");
    test_both_ways(SP_PROT_TLS1_3, "TLS 1.3");
    test_separate_buffers(SP_PROT_TLS1_0, "TLS 1.0");
    test_separate_buffers(SP_PROT_TLS1_3, "TLS 1.3");
    /* AES-256-GCM (GnuTLS's first choice): TLS 1.2 adds the 8-byte explicit nonce to the header. */
    test_empty_record(SP_PROT_TLS1_2, "TLS 1.2", 5 + 8 + 16);
    test_empty_record(SP_PROT_TLS1_3, "TLS 1.3", 5 + 1 + 16);
    test_coalesced_and_partial();
    test_bad_records();
    test_close_notify(SP_PROT_TLS1_2, "TLS 1.2");
    test_close_notify(SP_PROT_TLS1_3, "TLS 1.3");
    test_server_alert(SP_PROT_TLS1_2, "TLS 1.2");
    test_server_alert(SP_PROT_TLS1_3, "TLS 1.3");
    test_duplex();
    free_test_certificate(cert);
}
