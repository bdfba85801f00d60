/*
 * Reconnects, in process, TLS 1.2 and 1.3: a second connection with the same client credentials
 * and target resumes the first (SECPKG_ATTR_SESSION_INFO on both ends), never across credentials
 * or target names; expiry; SslEmptyCache; the SCHANNEL_SESSION token on clients and servers, with
 * SCH_CRED_DISABLE_RECONNECTS; SECPKG_ATTR_SESSION_KEY on both ends; many threads at once.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

#define SESSION_KEY_SIZE 48

static PCCERT_CONTEXT cert;
static DWORD client_protocols;      /* of the pass being run */
static const char *protocol_name;

/* What one connection showed on each end. */
struct outcome
{
    BOOL connected;
    SecPkgContext_SessionInfo client_info, server_info;
    BYTE client_key[SESSION_KEY_SIZE], server_key[SESSION_KEY_SIZE];
    ULONG client_key_size, server_key_size;
};

static SECURITY_STATUS acquire(CredHandle *cred, BOOL server, DWORD flags, DWORD lifespan)
{
    SCHANNEL_CRED data = { SCHANNEL_CRED_VERSION };

    data.dwFlags = flags;
    data.dwSessionLifespan = lifespan;
    if (server)
    {
        data.cCreds = 1;
        data.paCred = &cert;
    }
    else
    {
        data.grbitEnabledProtocols = client_protocols;
        data.dwFlags |= SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    }
    return AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                     NULL, &data, NULL, NULL, cred, NULL);
}

static SECURITY_STATUS session_token(CtxtHandle *ctx, DWORD flags, ULONG size, ULONG count)
{
    SCHANNEL_SESSION_TOKEN token = { SCHANNEL_SESSION, flags };
    SecBuffer bufs[2] = { { size, SECBUFFER_TOKEN, &token }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBufferDesc desc = { SECBUFFER_VERSION, count, bufs };
    return ApplyControlToken(ctx, &desc);
}

static void read_session(CtxtHandle *ctx, SecPkgContext_SessionInfo *info, BYTE *key, ULONG *key_size)
{
    SecPkgContext_SessionKey session_key = { 0 };
    SECURITY_STATUS status;

    memset(info, 0xcc, sizeof(*info));
    status = QueryContextAttributesA(ctx, SECPKG_ATTR_SESSION_INFO, info);
    todo_builtin ok(status == SEC_E_OK, "SESSION_INFO: %#lx\n", status);
    status = QueryContextAttributesW(ctx, SECPKG_ATTR_SESSION_KEY, &session_key);
    todo_builtin ok(status == SEC_E_OK, "SESSION_KEY: %#lx\n", status);
    *key_size = 0;
    if (status != SEC_E_OK) return;
    *key_size = session_key.SessionKeyLength;
    memcpy(key, session_key.SessionKey, min(session_key.SessionKeyLength, SESSION_KEY_SIZE));
    FreeContextBuffer(session_key.SessionKey);
}

/* The tokens a connection applies: to the client right after its first step, to either end once
 * connected. */
struct tokens
{
    DWORD client_early, client_late, server_late, server_late2;
};

static BOOL connect_once(CredHandle *client_cred, CredHandle *server_cred, const char *target,
                         const struct tokens *tokens, struct outcome *out)
{
    static const struct tokens none;
    struct peer client, server;

    if (!tokens) tokens = &none;
    memset(out, 0, sizeof(*out));
    memset(&client, 0, sizeof(client));
    memset(&server, 0, sizeof(server));
    client.cred = *client_cred;
    server.cred = *server_cred;
    server.server = TRUE;
    client.status = server.status = SEC_I_CONTINUE_NEEDED;

    step_peer(&client, &server, target);
    if (tokens->client_early)
        ok(session_token(&client.ctx, tokens->client_early, sizeof(SCHANNEL_SESSION_TOKEN), 1) == SEC_E_OK,
           "early client token refused\n");
    out->connected = finish_handshake(&client, &server, target) &&
                     receive_records(&client, &server, target) == SEC_E_OK;
    if (out->connected)
    {
        read_session(&client.ctx, &out->client_info, out->client_key, &out->client_key_size);
        read_session(&server.ctx, &out->server_info, out->server_key, &out->server_key_size);
        if (tokens->client_late)
            ok(session_token(&client.ctx, tokens->client_late, sizeof(SCHANNEL_SESSION_TOKEN), 1) == SEC_E_OK,
               "client token refused\n");
        if (tokens->server_late)
            ok(session_token(&server.ctx, tokens->server_late, sizeof(SCHANNEL_SESSION_TOKEN), 1) == SEC_E_OK,
               "server token refused\n");
        if (tokens->server_late2)
            ok(session_token(&server.ctx, tokens->server_late2, sizeof(SCHANNEL_SESSION_TOKEN), 1) == SEC_E_OK,
               "server token refused\n");
    }
    if (client.has_ctx) DeleteSecurityContext(&client.ctx);
    if (server.has_ctx) DeleteSecurityContext(&server.ctx);
    return out->connected;
}

/* One connection, and whether both ends agree that it was (or was not) a reconnect, on the
 * session ID and on the session key. */
static void check_connection(int line, CredHandle *client_cred, CredHandle *server_cred, const char *target,
                             const struct tokens *tokens, BOOL reconnect, struct outcome *out)
{
    struct outcome local;

    if (!out) out = &local;
    ok_(__FILE__, line)(connect_once(client_cred, server_cred, target, tokens, out), "%s: no connection\n",
                        protocol_name);
    if (!out->connected) return;
    ok_(__FILE__, line)(out->client_info.dwFlags == (reconnect ? SSL_SESSION_RECONNECT : 0),
                        "%s: client flags %#lx\n", protocol_name, out->client_info.dwFlags);
    ok_(__FILE__, line)(out->server_info.dwFlags == (reconnect ? SSL_SESSION_RECONNECT : 0),
                        "%s: server flags %#lx\n", protocol_name, out->server_info.dwFlags);
    ok_(__FILE__, line)(out->client_info.cbSessionId == out->server_info.cbSessionId &&
                        out->client_info.cbSessionId <= 32 &&
                        !memcmp(out->client_info.rgbSessionId, out->server_info.rgbSessionId, out->client_info.cbSessionId),
                        "%s: session IDs differ (%lu, %lu bytes) %02x%02x %02x%02x\n", protocol_name, out->client_info.cbSessionId,
                        out->server_info.cbSessionId, out->client_info.rgbSessionId[0], out->client_info.rgbSessionId[1], out->server_info.rgbSessionId[0], out->server_info.rgbSessionId[1]);
    ok_(__FILE__, line)(out->client_key_size == SESSION_KEY_SIZE && out->server_key_size == SESSION_KEY_SIZE &&
                        !memcmp(out->client_key, out->server_key, SESSION_KEY_SIZE),
                        "%s: session keys differ (%lu, %lu bytes)\n", protocol_name, out->client_key_size,
                        out->server_key_size);
}
#define check_connection(...) check_connection(__LINE__, __VA_ARGS__)

static void test_resume(void)
{
    CredHandle client, other_client, server, other_server;
    struct outcome first, second;

    ok(acquire(&client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&other_client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");
    ok(acquire(&other_server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");

    check_connection(&client, &server, "localhost", NULL, FALSE, &first);
    check_connection(&client, &server, "localhost", NULL, TRUE, &second);
    /* TLS 1.2 resumes the session and its master secret; each TLS 1.3 connection exports its own. */
    if (client_protocols == SP_PROT_TLS1_2_CLIENT)
        ok(!memcmp(first.client_key, second.client_key, SESSION_KEY_SIZE), "TLS 1.2 reconnect has another key\n");
    else
        ok(memcmp(first.client_key, second.client_key, SESSION_KEY_SIZE), "TLS 1.3 reconnect has the same key\n");
    check_connection(&client, &server, "localhost", NULL, TRUE, NULL);

    check_connection(&client, &server, "otherhost", NULL, FALSE, NULL);
    check_connection(&other_client, &server, "localhost", NULL, FALSE, NULL);
    /* A server resumes only its own credentials' sessions. */
    check_connection(&client, &other_server, "localhost", NULL, FALSE, NULL);
    check_connection(&client, &other_server, "localhost", NULL, TRUE, NULL);

    FreeCredentialsHandle(&client);
    FreeCredentialsHandle(&other_client);
    FreeCredentialsHandle(&server);
    FreeCredentialsHandle(&other_server);
}

static void test_lifespan(void)
{
    CredHandle short_lived, uncached, server;

    ok(acquire(&short_lived, FALSE, 0, 300) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&uncached, FALSE, 0, ~0u) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");

    check_connection(&short_lived, &server, "localhost", NULL, FALSE, NULL);
    check_connection(&short_lived, &server, "localhost", NULL, TRUE, NULL);
    Sleep(400);
    check_connection(&short_lived, &server, "localhost", NULL, FALSE, NULL);

    /* dwSessionLifespan (DWORD)-1: no cache, as .NET uses it. */
    check_connection(&uncached, &server, "localhost", NULL, FALSE, NULL);
    check_connection(&uncached, &server, "localhost", NULL, FALSE, NULL);

    FreeCredentialsHandle(&short_lived);
    FreeCredentialsHandle(&uncached);
    FreeCredentialsHandle(&server);
}

#define SCHANNEL_KEY "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

/* Sets (or with VALUE ~0u deletes) one of the machine's cache settings; FALSE without access. */
static BOOL set_cache_setting(const char *name, DWORD value)
{
    HKEY key;
    LONG err;

    if (RegCreateKeyExA(HKEY_LOCAL_MACHINE, SCHANNEL_KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL)) return FALSE;
    if (value == ~0u) err = RegDeleteValueA(key, name);
    else err = RegSetValueExA(key, name, 0, REG_DWORD, (BYTE *)&value, sizeof(value));
    RegCloseKey(key);
    return !err || value == ~0u;
}

/* MaximumCacheSize and ClientCacheTime, read when credentials are acquired. */
static void test_machine_settings(void)
{
    CredHandle client, server, uncached;

    if (!set_cache_setting("MaximumCacheSize", 2))
    {
        skip("cannot write the Schannel registry key\n");
        return;
    }
    ok(acquire(&client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");
    /* Two entries per side: the client keeps the last two targets, the server the newest session. */
    check_connection(&client, &server, "alpha", NULL, FALSE, NULL);
    check_connection(&client, &server, "beta", NULL, FALSE, NULL);
    check_connection(&client, &server, "gamma", NULL, FALSE, NULL);
    check_connection(&client, &server, "alpha", NULL, FALSE, NULL);
    check_connection(&client, &server, "alpha", NULL, TRUE, NULL);

    set_cache_setting("MaximumCacheSize", ~0u);
    set_cache_setting("ClientCacheTime", 0);
    ok(acquire(&uncached, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    check_connection(&uncached, &server, "alpha", NULL, FALSE, NULL);
    check_connection(&uncached, &server, "alpha", NULL, FALSE, NULL);
    set_cache_setting("ClientCacheTime", ~0u);

    FreeCredentialsHandle(&client);
    FreeCredentialsHandle(&server);
    FreeCredentialsHandle(&uncached);
}

static void test_empty_cache(void)
{
    BOOL (WINAPI *pSslEmptyCacheA)(char *, DWORD);
    BOOL (WINAPI *pSslEmptyCacheW)(WCHAR *, DWORD);
    HMODULE schannel = LoadLibraryA("schannel.dll");
    CredHandle client, server;

    pSslEmptyCacheA = (void *)GetProcAddress(schannel, "SslEmptyCacheA");
    pSslEmptyCacheW = (void *)GetProcAddress(schannel, "SslEmptyCacheW");
    if (!pSslEmptyCacheA || !pSslEmptyCacheW)
    {
        win_skip("no SslEmptyCache\n");
        return;
    }
    ok(acquire(&client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");

    check_connection(&client, &server, "localhost", NULL, FALSE, NULL);
    check_connection(&client, &server, "otherhost", NULL, FALSE, NULL);
    ok(pSslEmptyCacheW((WCHAR *)L"localhost", 0), "SslEmptyCacheW failed\n");
    check_connection(&client, &server, "localhost", NULL, FALSE, NULL);
    check_connection(&client, &server, "otherhost", NULL, TRUE, NULL);
    ok(pSslEmptyCacheA(NULL, 0), "SslEmptyCacheA failed\n");
    check_connection(&client, &server, "localhost", NULL, FALSE, NULL);
    check_connection(&client, &server, "otherhost", NULL, FALSE, NULL);

    FreeCredentialsHandle(&client);
    FreeCredentialsHandle(&server);
    FreeLibrary(schannel);
}

static void test_client_tokens(void)
{
    static const struct tokens early_disable = { SSL_SESSION_DISABLE_RECONNECTS };
    static const struct tokens late_disable = { 0, SSL_SESSION_DISABLE_RECONNECTS };
    static const struct tokens early_disable_late_enable = { SSL_SESSION_DISABLE_RECONNECTS, SSL_SESSION_ENABLE_RECONNECTS };
    static const struct tokens early_enable = { SSL_SESSION_ENABLE_RECONNECTS };
    CredHandle client, server;

    ok(acquire(&client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");

    /* Disabled right after the first step, as .NET does: the session is never cached. */
    check_connection(&client, &server, "localhost", &early_disable, FALSE, NULL);
    check_connection(&client, &server, "localhost", &early_enable, FALSE, NULL);
    check_connection(&client, &server, "localhost", NULL, TRUE, NULL);
    /* Disabled on a reconnect: the session they share is gone for good. */
    check_connection(&client, &server, "localhost", &late_disable, TRUE, NULL);
    check_connection(&client, &server, "localhost", NULL, FALSE, NULL);
    /* Disabled, then enabled once connected: resumable again. */
    check_connection(&client, &server, "otherhost", &early_disable_late_enable, FALSE, NULL);
    check_connection(&client, &server, "otherhost", NULL, TRUE, NULL);

    FreeCredentialsHandle(&client);
    FreeCredentialsHandle(&server);
}

static void test_server_tokens(void)
{
    static const struct tokens disable = { 0, 0, SSL_SESSION_DISABLE_RECONNECTS };
    static const struct tokens disable_enable = { 0, 0, SSL_SESSION_DISABLE_RECONNECTS, SSL_SESSION_ENABLE_RECONNECTS };
    static const struct tokens enable = { 0, 0, SSL_SESSION_ENABLE_RECONNECTS };
    CredHandle client, server, no_reconnects;

    ok(acquire(&client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");
    ok(acquire(&no_reconnects, TRUE, SCH_CRED_DISABLE_RECONNECTS, 0) == SEC_E_OK, "no server credentials\n");

    /* The client offers the session; the server refuses its ID and tickets. */
    check_connection(&client, &server, "localhost", &disable, FALSE, NULL);
    check_connection(&client, &server, "localhost", &disable_enable, FALSE, NULL);
    check_connection(&client, &server, "localhost", NULL, TRUE, NULL);

    /* SCH_CRED_DISABLE_RECONNECTS: cached, but resumable only once enabled. */
    check_connection(&client, &no_reconnects, "localhost", NULL, FALSE, NULL);
    check_connection(&client, &no_reconnects, "localhost", &enable, FALSE, NULL);
    check_connection(&client, &no_reconnects, "localhost", NULL, TRUE, NULL);

    FreeCredentialsHandle(&client);
    FreeCredentialsHandle(&server);
    FreeCredentialsHandle(&no_reconnects);
}

static void test_token_arguments(void)
{
    SecPkgContext_SessionKey key = { 0xdead, (BYTE *)0xdeadbeef };
    SecPkgContext_SessionInfo info;
    CredHandle client_cred;
    struct peer client, sink;
    SECURITY_STATUS status;

    memset(&client, 0, sizeof(client));
    memset(&sink, 0, sizeof(sink));
    ok(acquire(&client_cred, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    client.cred = client_cred;
    client.status = SEC_I_CONTINUE_NEEDED;
    ok(step_peer(&client, &sink, "localhost") == SEC_I_CONTINUE_NEEDED, "no client context\n");

    status = session_token(&client.ctx, SSL_SESSION_DISABLE_RECONNECTS, sizeof(SCHANNEL_SESSION_TOKEN), 1);
    todo_builtin ok(status == SEC_E_OK, "disable: %#lx\n", status);
    status = session_token(&client.ctx, SSL_SESSION_ENABLE_RECONNECTS, sizeof(SCHANNEL_SESSION_TOKEN), 1);
    todo_builtin ok(status == SEC_E_OK, "enable: %#lx\n", status);
    /* Our choices where Windows documents nothing: a token without its flags, or unknown flags. */
    status = session_token(&client.ctx, SSL_SESSION_DISABLE_RECONNECTS, sizeof(DWORD), 1);
    ok(status == SEC_E_INVALID_TOKEN || broken(status == SEC_E_UNSUPPORTED_FUNCTION), "short token: %#lx\n", status);
    status = session_token(&client.ctx, 0, sizeof(SCHANNEL_SESSION_TOKEN), 1);
    ok(status == SEC_E_INVALID_TOKEN || broken(status == SEC_E_UNSUPPORTED_FUNCTION), "flags 0: %#lx\n", status);
    status = session_token(&client.ctx, 3, sizeof(SCHANNEL_SESSION_TOKEN), 1);
    ok(status == SEC_E_INVALID_TOKEN || broken(status == SEC_E_UNSUPPORTED_FUNCTION), "flags 3: %#lx\n", status);
    status = session_token(&client.ctx, SSL_SESSION_ENABLE_RECONNECTS, sizeof(SCHANNEL_SESSION_TOKEN), 2);
    ok(status == SEC_E_INVALID_TOKEN, "two buffers: %#lx\n", status);

    /* No key before the handshake is over, and nothing half written. */
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_SESSION_KEY, &key);
    ok(status == SEC_E_INVALID_HANDLE || broken(status == SEC_E_UNSUPPORTED_FUNCTION), "early SESSION_KEY: %#lx\n", status);
    todo_builtin ok(key.SessionKeyLength == 0xdead && key.SessionKey == (BYTE *)0xdeadbeef, "key written\n");
    status = QueryContextAttributesW(&client.ctx, SECPKG_ATTR_SESSION_INFO, &info);
    ok(status == SEC_E_INVALID_HANDLE || broken(status == SEC_E_UNSUPPORTED_FUNCTION), "early SESSION_INFO: %#lx\n", status);

    DeleteSecurityContext(&client.ctx);
    FreeCredentialsHandle(&client_cred);
}

/* Many threads connect at once, to three targets over shared credentials. */
#define THREADS 4
#define CONNECTIONS 6
static CredHandle shared_client, shared_server;
static LONG reconnects, thread_failures;

static DWORD WINAPI connect_thread(void *arg)
{
    static const char *const targets[] = { "alpha", "beta", "gamma" };
    struct outcome out;
    int i;

    for (i = 0; i < CONNECTIONS; i++)
    {
        if (!connect_once(&shared_client, &shared_server, targets[(i + (INT_PTR)arg) % 3], NULL, &out) ||
            out.client_info.dwFlags != out.server_info.dwFlags ||
            memcmp(out.client_key, out.server_key, SESSION_KEY_SIZE))
            InterlockedIncrement(&thread_failures);
        else if (out.client_info.dwFlags & SSL_SESSION_RECONNECT)
            InterlockedIncrement(&reconnects);
    }
    return 0;
}

static void test_threads(void)
{
    HANDLE threads[THREADS];
    INT_PTR i;

    ok(acquire(&shared_client, FALSE, 0, 0) == SEC_E_OK, "no client credentials\n");
    ok(acquire(&shared_server, TRUE, 0, 0) == SEC_E_OK, "no server credentials\n");
    reconnects = thread_failures = 0;
    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, connect_thread, (void *)i, 0, NULL);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    for (i = 0; i < THREADS; i++) CloseHandle(threads[i]);
    ok(!thread_failures, "%s: %ld of %d connections failed or disagreed\n", protocol_name, thread_failures, THREADS * CONNECTIONS);
    /* At most the first connection to each target per thread is a full one. */
    ok(reconnects >= THREADS * CONNECTIONS - 3 * THREADS, "%s: only %ld reconnects\n", protocol_name, reconnects);
    check_connection(&shared_client, &shared_server, "beta", NULL, TRUE, NULL);
    FreeCredentialsHandle(&shared_client);
    FreeCredentialsHandle(&shared_server);
}

START_TEST(reconnect)
{
    static const struct { DWORD protocols; const char *name; } passes[] =
    {
        { SP_PROT_TLS1_2_CLIENT, "TLS 1.2" }, { SP_PROT_TLS1_3_CLIENT, "TLS 1.3" },
    };
    unsigned i;

    if (!(cert = start_server_tests())) return;
    for (i = 0; i < ARRAYSIZE(passes); i++)
    {
        client_protocols = passes[i].protocols;
        protocol_name = passes[i].name;
        test_resume();
        test_lifespan();
        test_machine_settings();
        test_empty_cache();
        test_client_tokens();
        test_server_tokens();
        test_threads();
    }
    test_token_arguments();
    free_test_certificate(cert);
}
