/*
 * Handles: credentials acquired and freed, and every call given a NULL, forged, stale or twice
 * freed handle answers SEC_E_INVALID_HANDLE instead of crashing, from many threads at once.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <schannel.h>

#include "wine/test.h"
#include "test_support.h"

static SECURITY_STATUS acquire_client(CredHandle *cred)
{
    SCHANNEL_CRED schan = { SCHANNEL_CRED_VERSION };

    return AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &schan, NULL, NULL,
                                     cred, NULL);
}

/* A server whose credentials list no certificate: its first step, on a real ClientHello, fails with
 * SEC_E_NO_CREDENTIALS and leaves no context (our choice of when it fails). */
static void check_server_without_certificate(CredHandle *server_cred)
{
    SecBuffer hello = { 0, SECBUFFER_TOKEN, NULL }, in_bufs[2], out_buf = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc hello_desc = { SECBUFFER_VERSION, 1, &hello }, in = { SECBUFFER_VERSION, 2, in_bufs };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, &out_buf };
    CredHandle client_cred;
    CtxtHandle client_ctx, server_ctx = { 0xdead, 0xbeef };
    SECURITY_STATUS status;
    ULONG attrs;

    ok(acquire_client(&client_cred) == SEC_E_OK, "client credentials\n");
    status = InitializeSecurityContextA(&client_cred, NULL, (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY, 0, 0,
                                        NULL, 0, &client_ctx, &hello_desc, &attrs, NULL);
    ok(status == SEC_I_CONTINUE_NEEDED && hello.cbBuffer, "ClientHello: %#lx\n", status);
    in_bufs[0].BufferType = SECBUFFER_TOKEN; in_bufs[0].pvBuffer = hello.pvBuffer; in_bufs[0].cbBuffer = hello.cbBuffer;
    in_bufs[1].BufferType = SECBUFFER_EMPTY; in_bufs[1].pvBuffer = NULL; in_bufs[1].cbBuffer = 0;
    status = AcceptSecurityContext(server_cred, NULL, &in, ASC_REQ_ALLOCATE_MEMORY, 0, &server_ctx, &out, &attrs,
                                   NULL);
    ok(status == SEC_E_NO_CREDENTIALS, "server without a certificate: %#lx\n", status);
    ok(server_ctx.dwLower == 0xdead && server_ctx.dwUpper == 0xbeef, "server without a certificate: a context\n");
    if (out_buf.pvBuffer) FreeContextBuffer(out_buf.pvBuffer);
    FreeContextBuffer(hello.pvBuffer);
    DeleteSecurityContext(&client_ctx);
    FreeCredentialsHandle(&client_cred);
}

static void test_acquire(void)
{
    SCHANNEL_CRED schan = { 0 };
    SECURITY_STATUS status;
    CredHandle cred;

    status = acquire_client(&cred);
    ok(status == SEC_E_OK, "outbound credentials: %#lx\n", status);
    ok(FreeCredentialsHandle(&cred) == SEC_E_OK, "free failed\n");
    ok(FreeCredentialsHandle(&cred) == SEC_E_INVALID_HANDLE, "second free succeeded\n");

    status = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)SCHANNEL_NAME_W, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                       NULL, &cred, NULL);
    ok(status == SEC_E_OK, "outbound credentials without SCHANNEL_CRED: %#lx\n", status);
    if (status == SEC_E_OK) FreeCredentialsHandle(&cred);

    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)"No Such Package", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                       NULL, NULL, &cred, NULL);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "unknown package: %#lx\n", status);

    /* A zeroed SCHANNEL_CRED has no valid version (Wine 10's schannel.c, lines 372 and 375). */
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &schan, NULL,
                                       NULL, &cred, NULL);
    todo_builtin8 ok(status == SEC_E_UNKNOWN_CREDENTIALS, "version 0: %#lx\n", status);
    /* The authentication data is judged before the handle pointer (Wine's schannel.c conformance
     * test, lines 370 and 375). */
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &schan, NULL,
                                       NULL, NULL, NULL);
    todo_builtin8 ok(status == SEC_E_UNKNOWN_CREDENTIALS, "version 0 without a handle pointer: %#lx\n", status);

    /* A server without SCHANNEL_CRED has no certificate; with one that lists none its credentials
     * are made (Wine 10's schannel.c, lines 339 and 385), and its first step fails. */
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                       NULL, &cred, NULL);
    ok(status == SEC_E_NO_CREDENTIALS, "inbound without SCHANNEL_CRED: %#lx\n", status);
    schan.dwVersion = SCHANNEL_CRED_VERSION;
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &schan, NULL,
                                       NULL, &cred, NULL);
    todo_builtin8 ok(status == SEC_E_OK, "inbound without a certificate: %#lx\n", status);
    if (status == SEC_E_OK)
    {
        if (is_ours("secur32.dll")) check_server_without_certificate(&cred);
        FreeCredentialsHandle(&cred);
    }
    /* Good data and no handle pointer: our choice, where Windows crashes. */
    if (!is_ours("secur32.dll")) return;
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &schan, NULL,
                                       NULL, NULL, NULL);
    ok(status == SEC_E_INVALID_HANDLE, "no handle pointer: %#lx\n", status);
}

static void test_null_handles(void)
{
    SecPkgContext_StreamSizes sizes;
    CtxtHandle new_ctx;
    ULONG attrs;

    ok(FreeCredentialsHandle(NULL) == SEC_E_INVALID_HANDLE, "NULL credentials freed\n");
    ok(DeleteSecurityContext(NULL) == SEC_E_INVALID_HANDLE, "NULL context deleted\n");
    ok(QueryContextAttributesW(NULL, SECPKG_ATTR_STREAM_SIZES, &sizes) == SEC_E_INVALID_HANDLE, "query on NULL\n");
    ok(InitializeSecurityContextA(NULL, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &new_ctx, NULL,
                                  &attrs, NULL) == SEC_E_INVALID_HANDLE, "ISC without credentials\n");
}

static void test_forged_handles(void)
{
    CredHandle forged = { 0x1234, 0x5678 }, zero = { 0, 0 }, cred, stale;
    CtxtHandle ctx_forged = { 0x1234, 0x5678 }, new_ctx;
    SecPkgContext_StreamSizes sizes;
    SecBufferDesc desc = { SECBUFFER_VERSION, 0, NULL };
    ULONG attrs;

    if (is_wine_builtin("secur32.dll"))
    {
        skip("Wine's builtin secur32 crashes on forged handles\n");
        return;
    }
    ok(FreeCredentialsHandle(&forged) == SEC_E_INVALID_HANDLE, "forged credentials freed\n");
    ok(FreeCredentialsHandle(&zero) == SEC_E_INVALID_HANDLE, "zero credentials freed\n");
    ok(DeleteSecurityContext(&ctx_forged) == SEC_E_INVALID_HANDLE, "forged context deleted\n");
    ok(QueryContextAttributesA(&ctx_forged, SECPKG_ATTR_STREAM_SIZES, &sizes) == SEC_E_INVALID_HANDLE,
       "query on a forged context\n");
    ok(ApplyControlToken(&ctx_forged, &desc) == SEC_E_INVALID_HANDLE, "token on a forged context\n");
    ok(EncryptMessage(&ctx_forged, 0, &desc, 0) == SEC_E_INVALID_HANDLE, "encrypt on a forged context\n");
    ok(DecryptMessage(&ctx_forged, &desc, 0, NULL) == SEC_E_INVALID_HANDLE, "decrypt on a forged context\n");
    ok(QueryCredentialsAttributesA(&forged, SECPKG_CRED_ATTR_NAMES, &sizes) == SEC_E_INVALID_HANDLE,
       "query on forged credentials\n");
    ok(InitializeSecurityContextA(&forged, NULL, (SEC_CHAR *)"localhost", 0, 0, 0, NULL, 0, &new_ctx, NULL,
                                  &attrs, NULL) == SEC_E_INVALID_HANDLE, "ISC with forged credentials\n");
    ok(AcceptSecurityContext(&forged, NULL, NULL, 0, 0, &new_ctx, NULL, &attrs, NULL) == SEC_E_INVALID_HANDLE,
       "ASC with forged credentials\n");

    /* A credential handle is no context handle, and a freed handle stays dead after its slot is reused. */
    if (acquire_client(&cred) != SEC_E_OK) return;
    ok(DeleteSecurityContext((CtxtHandle *)&cred) == SEC_E_INVALID_HANDLE, "credentials deleted as a context\n");
    stale = cred;
    FreeCredentialsHandle(&cred);
    if (acquire_client(&cred) != SEC_E_OK) return;
    ok(FreeCredentialsHandle(&stale) == SEC_E_INVALID_HANDLE, "stale handle freed\n");
    ok(FreeCredentialsHandle(&cred) == SEC_E_OK, "live handle not freed\n");
}

#define THREADS 4
#define ROUNDS 200

static DWORD WINAPI acquire_thread(void *arg)
{
    LONG *failures = arg;
    CredHandle creds[8];
    int round, i;

    for (round = 0; round < ROUNDS; round++)
    {
        for (i = 0; i < ARRAY_SIZE(creds); i++)
            if (acquire_client(&creds[i]) != SEC_E_OK) InterlockedIncrement(failures);
        for (i = 0; i < ARRAY_SIZE(creds); i++)
            if (FreeCredentialsHandle(&creds[i]) != SEC_E_OK) InterlockedIncrement(failures);
        for (i = 0; i < ARRAY_SIZE(creds); i++)
            if (FreeCredentialsHandle(&creds[i]) != SEC_E_INVALID_HANDLE) InterlockedIncrement(failures);
    }
    return 0;
}

static void test_threads(void)
{
    HANDLE threads[THREADS];
    LONG failures = 0;
    int i;

    if (is_wine_builtin("secur32.dll"))
    {
        skip("Wine's builtin secur32 loses handles and crashes under contention\n");
        return;
    }
    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, acquire_thread, &failures, 0, NULL);
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    for (i = 0; i < THREADS; i++) CloseHandle(threads[i]);
    ok(failures == 0, "%ld handle operations failed across %d threads\n", failures, THREADS);
}

START_TEST(handles)
{
    test_acquire();
    test_null_handles();
    test_forged_handles();
    test_threads();
}
