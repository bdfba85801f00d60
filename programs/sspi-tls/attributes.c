/*
 * sspi-tls: the context attributes one connection is reported with, and the session key's
 * fingerprint.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "report.h"
#include <bcrypt.h>

/* The first FINGERPRINT_SIZE bytes of the SHA-256 of DATA; FALSE when BCrypt could not. */
static BOOL fingerprint(const BYTE *data, ULONG size, BYTE *out)
{
    BCRYPT_ALG_HANDLE alg;
    BCRYPT_HASH_HANDLE hash;
    BYTE digest[32];
    NTSTATUS status;

    if (BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0)) return FALSE;
    status = BCryptCreateHash(alg, &hash, NULL, 0, NULL, 0, 0);
    if (!status)
    {
        status = BCryptHashData(hash, (BYTE *)data, size, 0);
        if (!status) status = BCryptFinishHash(hash, digest, sizeof(digest), 0);
        BCryptDestroyHash(hash);
    }
    BCryptCloseAlgorithmProvider(alg, 0);
    if (!status) memcpy(out, digest, FINGERPRINT_SIZE);
    return !status;
}

static void collect_session_key(struct report *report, CtxtHandle *ctx, BOOL keep_key)
{
    SecPkgContext_SessionKey key = { 0 };

    report->key_status = QueryContextAttributesA(ctx, SECPKG_ATTR_SESSION_KEY, &key);
    if (report->key_status != SEC_E_OK) return;
    report->key_size = key.SessionKeyLength;
    if (!fingerprint(key.SessionKey, key.SessionKeyLength, report->key_fingerprint)) report->key_status = SEC_E_INTERNAL_ERROR;
    if (keep_key && (report->key = HeapAlloc(GetProcessHeap(), 0, key.SessionKeyLength)))
        memcpy(report->key, key.SessionKey, key.SessionKeyLength);
    SecureZeroMemory(key.SessionKey, key.SessionKeyLength);
    FreeContextBuffer(key.SessionKey);
}

void report_collect(struct report *report, struct tls_conn *conn, BOOL keep_key)
{
    CtxtHandle *ctx = &conn->ctx;

    report->server = conn->server;
    report->connection_status = QueryContextAttributesA(ctx, SECPKG_ATTR_CONNECTION_INFO, &report->connection);
    report->cipher_status = QueryContextAttributesA(ctx, SECPKG_ATTR_CIPHER_INFO, &report->cipher);
    report->alpn_status = QueryContextAttributesA(ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &report->alpn);
    chain_inspect(ctx, conn->server ? NULL : conn->target, &report->chain);
    report->session_status = QueryContextAttributesA(ctx, SECPKG_ATTR_SESSION_INFO, &report->session);
    collect_session_key(report, ctx, keep_key);
}

void report_free(struct report *report)
{
    if (report->key)
    {
        SecureZeroMemory(report->key, report->key_size);
        HeapFree(GetProcessHeap(), 0, report->key);
    }
    report->key = NULL;
}
