/*
 * Soak: many full handshakes, then many reconnects, each with a record each way, on shared
 * credentials; the process's private bytes and handle count are sampled as they go.  A leak of
 * one session, context or handle per connection shows as growth per connection: a GnuTLS session
 * with its keys, certificates and buffers is tens of kilobytes, so the bound of 2 KiB per
 * connection over the second half of the run (after the heap and the session cache have grown to
 * their working size) is far above the allocator's noise and far below any such leak.
 * SECUR32_SOAK_CONNECTIONS sets the count of each kind (make soak: 100,000; make check: 400).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

/* Committed private memory, as Windows counts private bytes (Wine 8's GetProcessMemoryInfo does
 * not report PrivateUsage). */
static SIZE_T private_bytes(void)
{
    MEMORY_BASIC_INFORMATION info;
    SIZE_T total = 0;
    BYTE *address = NULL;

    while (VirtualQuery(address, &info, sizeof(info)) == sizeof(info))
    {
        if (info.State == MEM_COMMIT && info.Type == MEM_PRIVATE) total += info.RegionSize;
        address = (BYTE *)info.BaseAddress + info.RegionSize;
        if (address < (BYTE *)info.BaseAddress) break;
    }
    return total;
}

/* Open handles, counted by asking about each value (Wine 8's GetProcessHandleCount reports 0). */
static DWORD handle_count(void)
{
    DWORD count = 0, flags;
    ULONG_PTR value;

    for (value = 4; value < 0x10000; value += 4)
        if (GetHandleInformation((HANDLE)value, &flags)) count++;
    return count;
}

/* A record each way, read exactly. */
static BOOL exchange(struct peer *client, struct peer *server)
{
    static const char ping[] = "ping", pong[] = "pong";
    SecBuffer bufs[4];

    server->in_size = client->in_size = 0;
    if (send_message(client, server, ping, sizeof(ping)) != SEC_E_OK || decrypt_received(server, bufs) != SEC_E_OK ||
        bufs[1].cbBuffer != sizeof(ping) || memcmp(bufs[1].pvBuffer, ping, sizeof(ping)))
        return FALSE;
    return send_message(server, client, pong, sizeof(pong)) == SEC_E_OK && decrypt_received(client, bufs) == SEC_E_OK &&
           bufs[1].cbBuffer == sizeof(pong) && !memcmp(bufs[1].pvBuffer, pong, sizeof(pong));
}

static void soak(const char *name, DWORD server_flags, ULONG count, BOOL expect_reconnects)
{
    SecPkgContext_SessionInfo info;
    struct peer client, server;
    SIZE_T middle_bytes = 0, start_bytes, end_bytes;
    DWORD middle_handles = 0, start_handles, end_handles;
    ULONG i, failures = 0, reconnects = 0;

    acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT, NULL);
    acquire_server(&server, SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3_SERVER, server_flags, cert);
    start_bytes = private_bytes();
    start_handles = handle_count();
    for (i = 0; i < count && failures < 5; i++)
    {
        if (i == count / 2)
        {
            middle_bytes = private_bytes();
            middle_handles = handle_count();
        }
        if (!reconnect_peers(&client, &server) || !exchange(&client, &server))
        {
            ok(0, "%s %lu: connection failed (%#lx, %#lx)\n", name, i, client.status, server.status);
            failures++;
            continue;
        }
        if (QueryContextAttributesA(&client.ctx, SECPKG_ATTR_SESSION_INFO, &info) == SEC_E_OK &&
            (info.dwFlags & SSL_SESSION_RECONNECT))
            reconnects++;
        if (i % 10000 == 9999) trace("%s: %lu, %Iu private bytes, %lu handles\n", name, i + 1, private_bytes(), handle_count());
    }
    release_peer(&client);
    release_peer(&server);
    end_bytes = private_bytes();
    end_handles = handle_count();
    trace("%s: %lu connections (%lu reconnects); private bytes %Iu -> %Iu -> %Iu, %+ld bytes per connection over "
          "the second half; handles %lu -> %lu -> %lu\n", name, count, reconnects, start_bytes, middle_bytes, end_bytes,
          (LONG)((LONGLONG)end_bytes - (LONGLONG)middle_bytes) / (LONG)(count - count / 2), start_handles, middle_handles,
          end_handles);
    ok(!failures, "%s: %lu connections failed\n", name, failures);
    ok(expect_reconnects ? reconnects >= count - 1 : !reconnects, "%s: %lu reconnects\n", name, reconnects);
    ok(end_bytes <= middle_bytes + 2048 * (SIZE_T)(count - count / 2), "%s: private bytes grew from %Iu to %Iu\n", name,
       middle_bytes, end_bytes);
    /* A handle leaked per connection would add one per connection; a few come and go with Wine. */
    ok(end_handles <= middle_handles + 16, "%s: handles grew from %lu to %lu\n", name, middle_handles, end_handles);
}

START_TEST(soak)
{
    const char *value = getenv("SECUR32_SOAK_CONNECTIONS");
    ULONG count = value && *value ? strtoul(value, NULL, 0) : 400;

    if (!(cert = start_server_tests())) return;
    soak("full handshakes", SCH_CRED_DISABLE_RECONNECTS, count, FALSE);
    soak("reconnects", 0, count, TRUE);
    free_test_certificate(cert);
}
