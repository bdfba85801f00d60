/*
 * Thread stress: 16 threads making connections over one client and one server credential, with a
 * record each way, while some of them empty the session cache (SslEmptyCacheA/W) and every
 * connection's contexts are deleted at its end; then contexts deleted on one thread while another
 * is inside EncryptMessage, DecryptMessage or QueryContextAttributes on them, which must answer
 * with a status, never crash.  SECUR32_STRESS_CONNECTIONS sets the connections per thread.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

#define THREADS 16

static PCCERT_CONTEXT cert;
static CredHandle client_cred, server_cred;
static BOOL (WINAPI *pSslEmptyCacheA)(char *, DWORD);
static BOOL (WINAPI *pSslEmptyCacheW)(WCHAR *, DWORD);
static ULONG connections_per_thread;
static LONG failed, made, resumed, emptied;

static BOOL exchange(struct peer *client, struct peer *server)
{
    static const char ping[] = "ping from a thread";
    SecBuffer bufs[4];

    server->in_size = client->in_size = 0;
    return send_message(client, server, ping, sizeof(ping)) == SEC_E_OK && decrypt_received(server, bufs) == SEC_E_OK &&
           bufs[1].cbBuffer == sizeof(ping) && !memcmp(bufs[1].pvBuffer, ping, sizeof(ping)) &&
           send_message(server, client, ping, sizeof(ping)) == SEC_E_OK && decrypt_received(client, bufs) == SEC_E_OK &&
           bufs[1].cbBuffer == sizeof(ping) && !memcmp(bufs[1].pvBuffer, ping, sizeof(ping));
}

static DWORD WINAPI connect_thread(void *arg)
{
    ULONG_PTR index = (ULONG_PTR)arg;
    SecPkgContext_SessionInfo info;
    struct peer client = { 0 }, server = { 0 };
    ULONG i;

    client.cred = client_cred;
    server.server = TRUE;
    server.cred = server_cred;
    for (i = 0; i < connections_per_thread; i++)
    {
        if (index % 4 == 3 && i % 5 == 2)
        {
            if (i % 2) pSslEmptyCacheA(NULL, 0);
            else pSslEmptyCacheW((WCHAR *)L"localhost", 0);
            InterlockedIncrement(&emptied);
        }
        if (reconnect_peers(&client, &server) && exchange(&client, &server)) InterlockedIncrement(&made);
        else InterlockedIncrement(&failed);
        if (QueryContextAttributesA(&client.ctx, SECPKG_ATTR_SESSION_INFO, &info) == SEC_E_OK &&
            (info.dwFlags & SSL_SESSION_RECONNECT))
            InterlockedIncrement(&resumed);
    }
    if (client.has_ctx) DeleteSecurityContext(&client.ctx);
    if (server.has_ctx) DeleteSecurityContext(&server.ctx);
    return 0;
}

static void test_shared_credentials(void)
{
    struct peer client, server;
    HANDLE threads[THREADS];
    ULONG_PTR i;

    acquire_peer(&client, FALSE, 0, NULL);
    acquire_peer(&server, TRUE, 0, cert);
    client_cred = client.cred;
    server_cred = server.cred;
    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, connect_thread, (void *)i, 0, NULL);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    for (i = 0; i < THREADS; i++) CloseHandle(threads[i]);
    trace("%d threads: %ld connections made (%ld reconnects), %ld failed, cache emptied %ld times\n", THREADS, made,
          resumed, failed, emptied);
    ok(!failed && made == THREADS * connections_per_thread, "%ld of %lu connections failed\n", failed,
       THREADS * connections_per_thread);
    ok(resumed > 0, "no reconnects\n");
    FreeCredentialsHandle(&client_cred);
    FreeCredentialsHandle(&server_cred);
}

/* The calls a reader makes while its contexts are deleted under it. */
struct victim
{
    struct peer *client, *server;
    volatile LONG stop;
    ULONG calls, refused;
    SECURITY_STATUS odd;
};

static DWORD WINAPI call_thread(void *arg)
{
    struct victim *victim = arg;
    SecPkgContext_StreamSizes sizes;
    SECURITY_STATUS status;
    SecBuffer bufs[4];
    struct peer *client = victim->client, *server = victim->server;

    while (!victim->stop)
    {
        switch (victim->calls++ % 3)
        {
        case 0: status = send_message(client, server, "data", 4); break;
        case 1: status = server->in_size ? decrypt_received(server, bufs) : SEC_E_OK; server->in_size = 0; break;
        default: status = QueryContextAttributesA(&client->ctx, SECPKG_ATTR_STREAM_SIZES, &sizes); break;
        }
        if (status == SEC_E_INVALID_HANDLE) victim->refused++;
        else if (status != SEC_E_OK && status != SEC_E_INCOMPLETE_MESSAGE) victim->odd = status;
    }
    return 0;
}

static void test_delete_during_calls(void)
{
    ULONG round, rounds = 40, calls = 0, refused = 0;
    struct peer client, server;
    struct victim victim;
    HANDLE thread;

    for (round = 0; round < rounds; round++)
    {
        if (!connect_peers(&client, &server, 0, cert)) { ok(0, "round %lu: no connection\n", round); break; }
        server.in_size = 0;
        memset(&victim, 0, sizeof(victim));
        victim.client = &client;
        victim.server = &server;
        thread = CreateThread(NULL, 0, call_thread, &victim, 0, NULL);
        Sleep(round % 4);
        ok(DeleteSecurityContext(&client.ctx) == SEC_E_OK, "round %lu: delete client\n", round);
        ok(DeleteSecurityContext(&server.ctx) == SEC_E_OK, "round %lu: delete server\n", round);
        client.has_ctx = server.has_ctx = FALSE;
        /* Wait until the reader has met the deleted handles a few times. */
        while (victim.refused < 3 && WaitForSingleObject(thread, 1) == WAIT_TIMEOUT);
        victim.stop = TRUE;
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
        ok(!victim.odd, "round %lu: a call during the deletes answered %#lx\n", round, victim.odd);
        calls += victim.calls;
        refused += victim.refused;
        release_peer(&client);
        release_peer(&server);
    }
    trace("deletes during calls: %lu rounds, %lu calls, %lu refused with SEC_E_INVALID_HANDLE\n", rounds, calls, refused);
}

START_TEST(stress)
{
    const char *value = getenv("SECUR32_STRESS_CONNECTIONS");
    HMODULE schannel = LoadLibraryA("schannel.dll");

    connections_per_thread = value && *value ? strtoul(value, NULL, 0) : 25;
    pSslEmptyCacheA = (void *)GetProcAddress(schannel, "SslEmptyCacheA");
    pSslEmptyCacheW = (void *)GetProcAddress(schannel, "SslEmptyCacheW");
    if (!pSslEmptyCacheA || !pSslEmptyCacheW)
    {
        win_skip("no SslEmptyCache\n");
        return;
    }
    if (!(cert = start_server_tests())) return;
    test_shared_credentials();
    test_delete_during_calls();
    free_test_certificate(cert);
}
