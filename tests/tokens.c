/*
 * ApplyControlToken on a client context: the argument checks Windows makes, and the exact bytes
 * of a shutdown or an alert requested before the handshake has finished.  Client-only, so the
 * reference run covers it too.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static SECURITY_STATUS apply(CtxtHandle *ctx, ULONG count, ULONG type, void *data, ULONG size)
{
    SecBuffer bufs[2] = { { size, type, data }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBufferDesc desc = { SECBUFFER_VERSION, count, bufs };
    return ApplyControlToken(ctx, &desc);
}

/* A client context that has sent its ClientHello and waits for the server. */
static BOOL start_client(struct peer *client)
{
    struct peer sink;

    memset(&sink, 0, sizeof(sink));
    if (acquire_peer(client, FALSE, 0, NULL) != SEC_E_OK) return FALSE;
    return step_peer(client, &sink, "localhost") == SEC_I_CONTINUE_NEEDED;
}

/* The next ISC step after a token, with no input: what it sends, and its status. */
static SECURITY_STATUS next_output(struct peer *client, BYTE *out, SIZE_T *size)
{
    struct peer sink;
    SECURITY_STATUS status;

    memset(&sink, 0, sizeof(sink));
    client->in_size = 0;
    status = step_peer(client, &sink, "localhost");
    memcpy(out, sink.in, sink.in_size);
    *size = sink.in_size;
    return status;
}

static void test_arguments(void)
{
    DWORD shutdown = SCHANNEL_SHUTDOWN, renegotiate = SCHANNEL_RENEGOTIATE;
    BYTE longer[5] = { SCHANNEL_SHUTDOWN, 0, 0, 0, 0xcc };
    struct peer client;

    if (!start_client(&client)) { ok(0, "no client context\n"); return; }
    ok(ApplyControlToken(&client.ctx, NULL) == SEC_E_INTERNAL_ERROR, "NULL input\n");
    ok(apply(NULL, 1, SECBUFFER_TOKEN, &shutdown, sizeof(shutdown)) == SEC_E_INVALID_HANDLE, "NULL context\n");
    ok(apply(&client.ctx, 2, SECBUFFER_TOKEN, &shutdown, sizeof(shutdown)) == SEC_E_INVALID_TOKEN, "two buffers\n");
    ok(apply(&client.ctx, 1, SECBUFFER_ALERT, &shutdown, sizeof(shutdown)) == SEC_E_INVALID_TOKEN, "ALERT buffer\n");
    ok(apply(&client.ctx, 1, SECBUFFER_DATA, &shutdown, sizeof(shutdown)) == SEC_E_INVALID_TOKEN, "DATA buffer\n");
    ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, &shutdown, 2) == SEC_E_UNSUPPORTED_FUNCTION, "two bytes\n");
    ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, &renegotiate, sizeof(renegotiate)) == SEC_E_UNSUPPORTED_FUNCTION,
       "SCHANNEL_RENEGOTIATE\n");
    ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, longer, sizeof(longer)) == SEC_E_OK, "five bytes\n");
    ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, &shutdown, sizeof(shutdown)) == SEC_E_OK, "the same token again\n");
    release_peer(&client);
}

static void test_unfinished_shutdown(void)
{
    static const BYTE close_notify[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00 };
    DWORD shutdown = SCHANNEL_SHUTDOWN;
    struct peer client;
    BYTE out[64];
    SIZE_T size;
    SECURITY_STATUS status;

    if (!start_client(&client)) { ok(0, "no client context\n"); return; }
    ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, &shutdown, sizeof(shutdown)) == SEC_E_OK, "shutdown token\n");
    status = next_output(&client, out, &size);
    ok(status == SEC_E_OK, "shutdown step: %#lx\n", status);
    /* Wine 8's builtin writes record version 3.3 where Windows writes 3.1. */
    todo_builtin ok(size == sizeof(close_notify) && !memcmp(out, close_notify, size), "close_notify of %u bytes: %02x %02x %02x\n",
       (unsigned)size, out[0], out[1], out[2]);
    status = next_output(&client, out, &size);
    ok(status == SEC_E_INCOMPLETE_MESSAGE, "step after shutdown: %#lx\n", status);
    release_peer(&client);
}

static void test_unfinished_alert(void)
{
    static const BYTE bad_certificate[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x2a };
    SCHANNEL_ALERT_TOKEN alert = { SCHANNEL_ALERT, TLS1_ALERT_FATAL, TLS1_ALERT_BAD_CERTIFICATE };
    struct peer client;
    BYTE out[64];
    SIZE_T size;
    SECURITY_STATUS status;

    if (!start_client(&client)) { ok(0, "no client context\n"); return; }
    status = apply(&client.ctx, 1, SECBUFFER_TOKEN, &alert, sizeof(alert));
    /* Wine has it from 8.11 */
    todo_builtin_if(wine_major_version() < 10) ok(status == SEC_E_OK, "alert token: %#lx\n", status);
    status = next_output(&client, out, &size);
    /* Wine 10's builtin sends it in a record of version 3.3 */
    todo_builtin ok(size == sizeof(bad_certificate) && !memcmp(out, bad_certificate, size),
                    "alert of %u bytes: %02x %02x %02x\n", (unsigned)size, out[0], out[1], out[2]);

    alert.dwAlertType = 3;
    todo_builtin10 ok(apply(&client.ctx, 1, SECBUFFER_TOKEN, &alert, sizeof(alert)) != SEC_E_OK, "alert type 3 accepted\n");
    release_peer(&client);
}

START_TEST(tokens)
{
    test_arguments();
    test_unfinished_shutdown();
    test_unfinished_alert();
}
