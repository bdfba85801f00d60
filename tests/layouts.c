/*
 * Buffer layouts.  DecryptMessage with one to five buffers and DATA in every position, over a record
 * alone, a record followed by the next (EXTRA), a partial record (MISSING) and a close_notify; and
 * the handshake's input (EXTRA, MISSING) and output buffers.  No byte the caller gave may be lost: a
 * layout without room for a result is refused before anything is consumed, and the context goes on.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

/* A layout as a string, one letter per buffer: D DATA, E EMPTY, X EXTRA, T TOKEN. */
#define MAX_BUFFERS 5

/* Microsoft: exactly one DATA buffer and three EMPTY ones.  Others beside them are left alone. */
static BOOL layout_accepted(const char *layout)
{
    int data = 0, empty = 0;

    for (; *layout; layout++)
    {
        if (*layout == 'D') data++;
        if (*layout == 'E') empty++;
    }
    return data == 1 && empty >= 3;
}

static void fill_layout(const char *layout, SecBuffer *bufs, SecBufferDesc *desc, BYTE *data, SIZE_T size)
{
    static const struct { char letter; ULONG type; } types[] =
        { { 'D', SECBUFFER_DATA }, { 'E', SECBUFFER_EMPTY }, { 'X', SECBUFFER_EXTRA }, { 'T', SECBUFFER_TOKEN } };
    ULONG i, j;

    desc->ulVersion = SECBUFFER_VERSION;
    desc->cBuffers = strlen(layout);
    desc->pBuffers = bufs;
    for (i = 0; i < desc->cBuffers; i++)
    {
        for (j = 0; types[j].letter != layout[i]; j++);
        bufs[i].BufferType = types[j].type;
        bufs[i].pvBuffer = layout[i] == 'D' ? data : NULL;
        bufs[i].cbBuffer = layout[i] == 'D' ? size : 0;
    }
}

/* The Nth EMPTY buffer of the layout (where results go), or -1. */
static int empty_slot(const char *layout, int n)
{
    int i;

    for (i = 0; layout[i]; i++)
        if (layout[i] == 'E' && !n--) return i;
    return -1;
}

static int data_slot(const char *layout)
{
    return strchr(layout, 'D') - layout;
}

static BOOL is_buffer(const SecBuffer *buffer, ULONG type, const void *data, ULONG size)
{
    return buffer->BufferType == type && buffer->pvBuffer == data && buffer->cbBuffer == size;
}

/* The buffers after the third EMPTY one, and any not EMPTY or DATA, are never touched. */
static BOOL others_untouched(const char *layout, const SecBuffer *bufs, const SecBuffer *before)
{
    int i, used[3] = { empty_slot(layout, 0), empty_slot(layout, 1), empty_slot(layout, 2) };

    for (i = 0; layout[i]; i++)
        if (i != data_slot(layout) && i != used[0] && i != used[1] && i != used[2] &&
            memcmp(&bufs[i], &before[i], sizeof(bufs[i])))
            return FALSE;
    return TRUE;
}

struct decrypt_case
{
    const char *layout;
    const char *name;
    SecBuffer bufs[MAX_BUFFERS];
    SecBuffer before[MAX_BUFFERS];
    SecBufferDesc desc;
};

static SECURITY_STATUS decrypt_with(struct decrypt_case *c, struct peer *peer)
{
    fill_layout(c->layout, c->bufs, &c->desc, peer->in, peer->in_size);
    memcpy(c->before, c->bufs, sizeof(c->bufs));
    return DecryptMessage(&peer->ctx, &c->desc, 0, NULL);
}

/* Decrypts PEER's input with the case's layout.  A refused one must leave everything as it was; the
 * caller then retries with curl's layout, into STD, and that status is returned. */
static SECURITY_STATUS run_case(struct decrypt_case *c, struct peer *peer, SecBuffer std[4])
{
    SIZE_T size = peer->in_size;
    SECURITY_STATUS status;
    BYTE copy[1024];

    memcpy(copy, peer->in, size);
    status = decrypt_with(c, peer);
    if (layout_accepted(c->layout)) return status;
    ok(status == SEC_E_INVALID_TOKEN, "%s: %#lx\n", c->name, status);
    ok(!memcmp(c->bufs, c->before, sizeof(c->bufs)), "%s: refused layout changed\n", c->name);
    ok(peer->in_size == size && !memcmp(peer->in, copy, size), "%s: input bytes changed\n", c->name);
    return decrypt_received(peer, std);
}

/* Decrypts PEER's input with the case's layout, or with curl's where that one is refused, and
 * expects TEXT. */
static void check_decrypts(struct decrypt_case *c, struct peer *peer, const char *text, const char *what)
{
    SecBuffer std[4], *plain = &std[1];
    SECURITY_STATUS status = decrypt_with(c, peer);

    if (!layout_accepted(c->layout)) status = decrypt_received(peer, std);
    else plain = &c->bufs[empty_slot(c->layout, 0)];
    ok(status == SEC_E_OK && plain->cbBuffer == strlen(text) && !memcmp(plain->pvBuffer, text, strlen(text)),
       "%s: %s: %#lx\n", c->name, what, status);
}

/* Drops the record just decrypted from PEER's input, keeping what follows it. */
static void drop_record(struct peer *peer, SIZE_T record)
{
    memmove(peer->in, peer->in + record, peer->in_size - record);
    peer->in_size -= record;
}

/* The next record after a case decrypts as it should. */
static void check_next(struct peer *peer, struct peer *sender, const char *name)
{
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    peer->in_size = 0;
    send_message(sender, peer, "next one", 8);
    status = decrypt_received(peer, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 8 && !memcmp(bufs[1].pvBuffer, "next one", 8),
       "%s: next record: %#lx\n", name, status);
    peer->in_size = 0;
}

static void test_record(struct peer *peer, struct peer *sender, const char *layout, const char *name, BOOL with_extra)
{
    struct decrypt_case c = { layout, name };
    SecPkgContext_StreamSizes sizes;
    SecBuffer std[4];
    SECURITY_STATUS status;
    SIZE_T first, total;
    int e0 = empty_slot(layout, 0), e1 = empty_slot(layout, 1), e2 = empty_slot(layout, 2);

    QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
    peer->in_size = 0;
    send_message(sender, peer, "first record", 12);
    first = peer->in_size;
    if (with_extra) send_message(sender, peer, "second record", 13);
    total = peer->in_size;

    status = run_case(&c, peer, std);
    if (!layout_accepted(layout))
    {
        ok(status == SEC_E_OK && std[1].cbBuffer == 12 && !memcmp(std[1].pvBuffer, "first record", 12),
           "%s: retry: %#lx\n", name, status);
        ok(with_extra ? is_buffer(&std[3], SECBUFFER_EXTRA, peer->in + first, total - first)
                      : std[3].BufferType == SECBUFFER_EMPTY, "%s: retry's EXTRA %lu/%lu\n", name,
           std[3].BufferType, std[3].cbBuffer);
    }
    else
    {
        ok(status == SEC_E_OK, "%s: %#lx\n", name, status);
        ok(is_buffer(&c.bufs[data_slot(layout)], SECBUFFER_STREAM_HEADER, peer->in, sizes.cbHeader),
           "%s: header %lu/%lu\n", name, c.bufs[data_slot(layout)].BufferType, c.bufs[data_slot(layout)].cbBuffer);
        ok(is_buffer(&c.bufs[e0], SECBUFFER_DATA, peer->in + sizes.cbHeader, 12) &&
           !memcmp(c.bufs[e0].pvBuffer, "first record", 12), "%s: data %lu/%lu\n", name, c.bufs[e0].BufferType,
           c.bufs[e0].cbBuffer);
        ok(is_buffer(&c.bufs[e1], SECBUFFER_STREAM_TRAILER, peer->in + sizes.cbHeader + 12, first - sizes.cbHeader - 12),
           "%s: trailer %lu/%lu\n", name, c.bufs[e1].BufferType, c.bufs[e1].cbBuffer);
        ok(with_extra ? is_buffer(&c.bufs[e2], SECBUFFER_EXTRA, peer->in + first, total - first)
                      : is_buffer(&c.bufs[e2], SECBUFFER_EMPTY, NULL, 0), "%s: extra %lu/%lu\n", name,
           c.bufs[e2].BufferType, c.bufs[e2].cbBuffer);
        ok(others_untouched(layout, c.bufs, c.before), "%s: other buffers changed\n", name);
    }
    if (with_extra)
    {
        /* The EXTRA bytes are the next record, whole. */
        drop_record(peer, first);
        check_decrypts(&c, peer, "second record", "EXTRA record");
    }
    check_next(peer, sender, name);
}

static void test_partial(struct peer *peer, struct peer *sender, const char *layout, const char *name)
{
    struct decrypt_case c = { layout, name };
    SecBuffer std[4];
    SECURITY_STATUS status;
    SIZE_T total;
    int e0 = empty_slot(layout, 0);

    peer->in_size = 0;
    send_message(sender, peer, "cut short", 9);
    total = peer->in_size;
    peer->in_size = total - 3;

    status = run_case(&c, peer, std);
    if (!layout_accepted(layout))
    {
        ok(status == SEC_E_INCOMPLETE_MESSAGE && is_buffer(&std[1], SECBUFFER_MISSING, NULL, 3),
           "%s: retry: %#lx, %lu/%lu\n", name, status, std[1].BufferType, std[1].cbBuffer);
    }
    else
    {
        /* Windows turns the DATA buffer into MISSING (Wine's conformance test); so is the first EMPTY. */
        ok(status == SEC_E_INCOMPLETE_MESSAGE, "%s: %#lx\n", name, status);
        ok(is_buffer(&c.bufs[data_slot(layout)], SECBUFFER_MISSING, peer->in, 3), "%s: data buffer %lu/%lu\n", name,
           c.bufs[data_slot(layout)].BufferType, c.bufs[data_slot(layout)].cbBuffer);
        ok(is_buffer(&c.bufs[e0], SECBUFFER_MISSING, NULL, 3), "%s: first EMPTY %lu/%lu\n", name, c.bufs[e0].BufferType,
           c.bufs[e0].cbBuffer);
    }
    /* The rest arrives. */
    peer->in_size = total;
    check_decrypts(&c, peer, "cut short", "whole record");
    check_next(peer, sender, name);
}

static void test_close(struct peer *peer, struct peer *sender, const char *layout, const char *name)
{
    DWORD shutdown = SCHANNEL_SHUTDOWN;
    SecBuffer token = { sizeof(shutdown), SECBUFFER_TOKEN, &shutdown };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &token };
    struct decrypt_case c = { layout, name };
    SecBuffer std[4];
    SECURITY_STATUS status;
    int e0 = empty_slot(layout, 0);

    peer->in_size = 0;
    ApplyControlToken(&sender->ctx, &desc);
    step_peer(sender, peer, "localhost");

    status = run_case(&c, peer, std);
    if (!layout_accepted(layout))
    {
        ok(status == SEC_I_CONTEXT_EXPIRED && std[1].BufferType == SECBUFFER_DATA && !std[1].cbBuffer,
           "%s: retry: %#lx\n", name, status);
    }
    else
        ok(status == SEC_I_CONTEXT_EXPIRED && c.bufs[e0].BufferType == SECBUFFER_DATA && !c.bufs[e0].cbBuffer,
           "%s: %#lx, data %lu/%lu\n", name, status, c.bufs[e0].BufferType, c.bufs[e0].cbBuffer);
}

static void test_decrypt_layouts(DWORD protocol, const char *proto_name)
{
    /* Windows' conformance test: a second DATA buffer, or an EXTRA one in place of an EMPTY one, is
     * refused; no DATA at all too. */
    static const char *const extra_layouts[] = { "DDEE", "DXEE", "EEEE", "DTEEE", "TEDEE", "DEEEE" };
    char layouts[32][MAX_BUFFERS + 1], name[64];
    struct peer client, server;
    unsigned count = 0, i, n, pos;

    for (n = 1; n <= MAX_BUFFERS; n++)
        for (pos = 0; pos < n; pos++, count++)
        {
            memset(layouts[count], 'E', n);
            layouts[count][n] = 0;
            layouts[count][pos] = 'D';
        }
    for (i = 0; i < ARRAYSIZE(extra_layouts); i++) strcpy(layouts[count++], extra_layouts[i]);

    for (i = 0; i < count; i++)
    {
        if (!connect_peers(&client, &server, protocol, cert)) { ok(0, "%s: no connection\n", proto_name); return; }
        sprintf(name, "%s %s record", proto_name, layouts[i]);
        test_record(&client, &server, layouts[i], name, FALSE);
        sprintf(name, "%s %s record+record", proto_name, layouts[i]);
        test_record(&server, &client, layouts[i], name, TRUE);
        sprintf(name, "%s %s partial", proto_name, layouts[i]);
        test_partial(&client, &server, layouts[i], name);
        sprintf(name, "%s %s close_notify", proto_name, layouts[i]);
        test_close(&client, &server, layouts[i], name);
        release_peer(&client);
        release_peer(&server);
    }
}

/* The client's first step, so that the server's answer waits in CLIENT's input. */
static BOOL start_handshake(struct peer *client, struct peer *server, DWORD protocol)
{
    acquire_peer(client, FALSE, protocol & CLIENT_PROTOCOLS, NULL);
    acquire_peer(server, TRUE, protocol & SERVER_PROTOCOLS, cert);
    return step_peer(client, server, "localhost") == SEC_I_CONTINUE_NEEDED &&
           step_peer(server, client, NULL) == SEC_I_CONTINUE_NEEDED;
}

/* An ISC/ASC call over PEER's input in the given buffers; its output goes to OTHER. */
static SECURITY_STATUS step_with(struct peer *peer, struct peer *other, SecBufferDesc *in, SecBufferDesc *out)
{
    SECURITY_STATUS status = step_context(peer, peer->server ? NULL : "localhost", in, out);
    ULONG i;

    for (i = 0; i < out->cBuffers; i++)
    {
        if (!out->pBuffers[i].pvBuffer) continue;
        memcpy(other->in + other->in_size, out->pBuffers[i].pvBuffer, out->pBuffers[i].cbBuffer);
        other->in_size += out->pBuffers[i].cbBuffer;
        FreeContextBuffer(out->pBuffers[i].pvBuffer);
        out->pBuffers[i].pvBuffer = NULL;
    }
    return status;
}

/* A handshake step with the input in one TOKEN buffer: Windows accepts it (Wine's conformance test)
 * when nothing is left over; a partial record after the records, which could not be reported, is
 * refused before anything is consumed. */
static void test_single_input_buffer(DWORD protocol, const char *name)
{
    static const BYTE partial[] = { 0x17, 0x03, 0x03 };
    SecBuffer in_buf, in_bufs[2], out_buf;
    SecBufferDesc in = { SECBUFFER_VERSION, 1, &in_buf }, in2 = { SECBUFFER_VERSION, 2, in_bufs };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client, server;
    SECURITY_STATUS status;
    BYTE copy[8192];
    SIZE_T size;

    if (!start_handshake(&client, &server, protocol)) { ok(0, "%s: no handshake\n", name); return; }
    memcpy(client.in + client.in_size, partial, sizeof(partial));
    size = client.in_size += sizeof(partial);
    memcpy(copy, client.in, size);

    in_buf.BufferType = SECBUFFER_TOKEN; in_buf.pvBuffer = client.in; in_buf.cbBuffer = size;
    out_buf.BufferType = SECBUFFER_TOKEN; out_buf.pvBuffer = NULL; out_buf.cbBuffer = 0;
    status = step_with(&client, &server, &in, &out);
    ok(status == SEC_E_INVALID_TOKEN, "%s: partial record, one buffer: %#lx\n", name, status);
    ok(is_buffer(&in_buf, SECBUFFER_TOKEN, client.in, size) && !memcmp(client.in, copy, size) && !out_buf.cbBuffer,
       "%s: buffers changed\n", name);

    /* With room for EXTRA the same step goes on, and reports the three bytes (after the tickets a
     * TLS 1.3 server sends with its Finished, which the client reads with DecryptMessage). */
    in_bufs[0] = in_buf;
    in_bufs[1].BufferType = SECBUFFER_EMPTY; in_bufs[1].pvBuffer = NULL; in_bufs[1].cbBuffer = 0;
    out_buf.BufferType = SECBUFFER_TOKEN;
    status = step_with(&client, &server, &in2, &out);
    ok(status == (protocol & SP_PROT_TLS1_3 ? SEC_E_OK : SEC_I_CONTINUE_NEEDED), "%s: retry: %#lx\n", name, status);
    ok(in_bufs[1].BufferType == SECBUFFER_EXTRA && in_bufs[1].cbBuffer >= sizeof(partial) &&
       (protocol & SP_PROT_TLS1_3 || in_bufs[1].cbBuffer == sizeof(partial)), "%s: EXTRA %lu/%lu\n", name,
       in_bufs[1].BufferType, in_bufs[1].cbBuffer);
    drop_record(&client, size - in_bufs[1].cbBuffer);
    client.in_size -= sizeof(partial);

    /* Single buffers to the end: nothing is left over. */
    client.status = status;
    while (server.status == SEC_I_CONTINUE_NEEDED || client.status == SEC_I_CONTINUE_NEEDED)
    {
        struct peer *peer = server.status == SEC_I_CONTINUE_NEEDED ? &server : &client;
        struct peer *other = peer == &server ? &client : &server;

        if (!peer->in_size) break;
        in_buf.BufferType = SECBUFFER_TOKEN; in_buf.pvBuffer = peer->in; in_buf.cbBuffer = peer->in_size;
        out_buf.BufferType = SECBUFFER_TOKEN;
        peer->status = step_with(peer, other, &in, &out);
        peer->in_size = 0;
    }
    ok(client.status == SEC_E_OK && server.status == SEC_E_OK, "%s: single-buffer handshake: %#lx %#lx\n", name,
       client.status, server.status);
    ok(receive_records(&client, &server, "localhost") == SEC_E_OK, "%s: tickets\n", name);
    check_next(&client, &server, name);
    release_peer(&client);
    release_peer(&server);
}

/* TLS 1.3: the client's data right behind its Finished.  With nowhere to report it the server's
 * step fails (a loss otherwise); with [TOKEN, EMPTY] it comes back as EXTRA and decrypts. */
static void test_data_after_handshake(BOOL report)
{
    SecBuffer in_bufs[2] = { { 0, SECBUFFER_TOKEN, NULL }, { 0, SECBUFFER_EMPTY, NULL } }, out_bufs[2], bufs[4];
    SecBufferDesc in = { SECBUFFER_VERSION, report ? 2 : 1, in_bufs }, out = { SECBUFFER_VERSION, 2, out_bufs };
    struct peer client, server;
    SECURITY_STATUS status;
    SIZE_T size, finished;

    if (!start_handshake(&client, &server, SP_PROT_TLS1_3)) { ok(0, "no handshake\n"); return; }
    step_peer(&client, &server, "localhost");
    finished = server.in_size;
    send_message(&client, &server, "early words", 11);
    size = server.in_size;

    in_bufs[0].pvBuffer = server.in; in_bufs[0].cbBuffer = size;
    out_bufs[0].BufferType = SECBUFFER_TOKEN; out_bufs[0].pvBuffer = NULL; out_bufs[0].cbBuffer = 0;
    out_bufs[1].BufferType = SECBUFFER_ALERT; out_bufs[1].pvBuffer = NULL; out_bufs[1].cbBuffer = 0;
    status = step_with(&server, &client, &in, &out);
    if (!report)
    {
        ok(status == SEC_E_INVALID_TOKEN, "data after the handshake, one buffer: %#lx\n", status);
        release_peer(&client);
        release_peer(&server);
        return;
    }
    ok(status == SEC_E_OK, "data after the handshake: %#lx\n", status);
    ok(is_buffer(&in_bufs[1], SECBUFFER_EXTRA, NULL, size - finished), "EXTRA %lu/%lu, expected %u\n",
       in_bufs[1].BufferType, in_bufs[1].cbBuffer, (unsigned)(size - finished));
    drop_record(&server, finished);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 11 && !memcmp(bufs[1].pvBuffer, "early words", 11),
       "EXTRA record: %#lx\n", status);
    release_peer(&client);
    release_peer(&server);
}

/* Other handshake layouts: an EMPTY input buffer with a size (Windows refuses it: Wine's conformance
 * test), the report buffer as the first EMPTY one wherever it is, and no output token buffer. */
/* A client's first step reads no records, so its input's layout is not judged: an EMPTY buffer
 * with a size starts the handshake (Wine 10's schannel.c, test_connection_shutdown). */
static void test_first_step_input(void)
{
    BYTE room[24];
    SecBuffer in_buf = { sizeof(room), SECBUFFER_EMPTY, room }, out_buf = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc in = { SECBUFFER_VERSION, 1, &in_buf }, out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client;
    SECURITY_STATUS status;

    if (acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT, NULL) != SEC_E_OK) { ok(0, "no client\n"); return; }
    status = step_context(&client, "localhost", &in, &out);
    ok(status == SEC_I_CONTINUE_NEEDED, "first step with a sized EMPTY input buffer: %#lx\n", status);
    ok(out_buf.cbBuffer > 5 && ((BYTE *)out_buf.pvBuffer)[0] == 0x16, "first step: no ClientHello record\n");
    if (out_buf.pvBuffer) FreeContextBuffer(out_buf.pvBuffer);
    release_peer(&client);
}

static void test_handshake_buffers(void)
{
    SecBuffer in_bufs[2], out_buf = { 0, SECBUFFER_ALERT, NULL };
    SecBufferDesc in = { SECBUFFER_VERSION, 2, in_bufs }, out = { SECBUFFER_VERSION, 1, &out_buf };
    struct peer client, server;
    SECURITY_STATUS status;
    SIZE_T size;

    if (!start_handshake(&client, &server, SP_PROT_TLS1_2)) { ok(0, "no handshake\n"); return; }
    size = client.in_size;

    in_bufs[0].BufferType = SECBUFFER_TOKEN; in_bufs[0].pvBuffer = client.in; in_bufs[0].cbBuffer = size;
    in_bufs[1].BufferType = SECBUFFER_EMPTY; in_bufs[1].pvBuffer = NULL; in_bufs[1].cbBuffer = 0xdeadbeef;
    out_buf.BufferType = SECBUFFER_TOKEN;
    status = step_with(&client, &server, &in, &out);
    ok(status == SEC_E_INVALID_TOKEN, "EMPTY buffer with a size: %#lx\n", status);
    ok(!server.in_size && in_bufs[1].cbBuffer == 0xdeadbeef, "EMPTY buffer with a size: step ran\n");

    /* No buffer for the token: refused before the engine runs. */
    in_bufs[1].cbBuffer = 0;
    out_buf.BufferType = SECBUFFER_ALERT;
    status = step_with(&client, &server, &in, &out);
    ok(status == SEC_E_INVALID_TOKEN, "no token buffer: %#lx\n", status);
    ok(!server.in_size && in_bufs[1].BufferType == SECBUFFER_EMPTY, "no token buffer: step ran\n");

    /* [EMPTY, TOKEN] with a partial record: MISSING goes to the EMPTY buffer. */
    in_bufs[0].BufferType = SECBUFFER_EMPTY; in_bufs[0].pvBuffer = NULL; in_bufs[0].cbBuffer = 0;
    in_bufs[1].BufferType = SECBUFFER_TOKEN; in_bufs[1].pvBuffer = client.in; in_bufs[1].cbBuffer = 3;
    out_buf.BufferType = SECBUFFER_TOKEN;
    status = step_with(&client, &server, &in, &out);
    ok(status == SEC_E_INCOMPLETE_MESSAGE && is_buffer(&in_bufs[0], SECBUFFER_MISSING, NULL, 2),
       "[EMPTY, TOKEN]: %#lx, %lu/%lu\n", status, in_bufs[0].BufferType, in_bufs[0].cbBuffer);

    /* The context goes on as if nothing happened. */
    ok(finish_handshake(&client, &server, "localhost"), "handshake after refused layouts\n");
    check_next(&client, &server, "after refused handshake layouts");
    release_peer(&client);
    release_peer(&server);
}

START_TEST(layouts)
{
    if (!(cert = start_server_tests())) return;
    test_decrypt_layouts(SP_PROT_TLS1_2, "TLS 1.2");
    test_decrypt_layouts(SP_PROT_TLS1_3, "TLS 1.3");
    test_single_input_buffer(SP_PROT_TLS1_2, "TLS 1.2");
    test_single_input_buffer(SP_PROT_TLS1_3, "TLS 1.3");
    test_data_after_handshake(FALSE);
    test_data_after_handshake(TRUE);
    test_first_step_input();
    test_handshake_buffers();
    free_test_certificate(cert);
}
