/*
 * Fuzzes the SSPI entry points' arguments: handles that are NULL, zero, forged, freed, of the
 * other kind or live; buffer descriptions that are NULL, of a wrong version, with no buffers, NULL
 * arrays, wrong types, counts and sizes; contents that are garbage, zeros or real records and
 * ClientHellos.  Each call must return, with a status from the documented set.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"
#include "fuzz_support.h"

#include "wine/test.h"
#include "test_support.h"

static const SECURITY_STATUS api_statuses[] =
{
    SEC_E_OK, SEC_I_CONTINUE_NEEDED, SEC_E_INVALID_HANDLE, SEC_E_INVALID_TOKEN, SEC_E_INVALID_PARAMETER,
    SEC_E_UNSUPPORTED_FUNCTION, SEC_E_BUFFER_TOO_SMALL, SEC_E_INCOMPLETE_MESSAGE, SEC_E_DECRYPT_FAILURE,
    SEC_E_MESSAGE_ALTERED, SEC_E_ILLEGAL_MESSAGE, SEC_E_CONTEXT_EXPIRED, SEC_I_CONTEXT_EXPIRED, SEC_I_RENEGOTIATE,
    SEC_E_INTERNAL_ERROR, SEC_E_INSUFFICIENT_MEMORY, SEC_E_NO_CREDENTIALS, SEC_E_WRONG_PRINCIPAL,
    SEC_E_QOP_NOT_SUPPORTED, SEC_E_ALGORITHM_MISMATCH, SEC_E_CERT_UNKNOWN, SEC_E_OUT_OF_SEQUENCE,
    SEC_I_INCOMPLETE_CREDENTIALS, SEC_E_APPLICATION_PROTOCOL_MISMATCH, SEC_E_UNKNOWN_CREDENTIALS,
    SEC_E_NO_IMPERSONATION, SEC_E_TARGET_UNKNOWN, SEC_E_NOT_OWNER,
};

static PCCERT_CONTEXT cert;
static struct fuzz_run run;

/* The live objects, rebuilt now and then; the freed ones are copies of deleted handles. */
static struct peer client, server;
static CtxtHandle freed_ctx;
static CredHandle freed_cred;
static BYTE record[512], hello[4096];
static SIZE_T record_size, hello_size;

static void rebuild(void)
{
    struct peer first;

    release_peer(&client);
    release_peer(&server);
    connect_peers(&client, &server, SP_PROT_TLS1_2 | SP_PROT_TLS1_3, cert);
    server.in_size = 0;
    send_message(&client, &server, "record", 6);
    memcpy(record, server.in, record_size = server.in_size);
    server.in_size = 0;
    /* A real ClientHello, and a context and credentials deleted at once. */
    acquire_peer(&first, FALSE, 0, NULL);
    step_peer(&first, &server, "localhost");
    memcpy(hello, server.in, hello_size = min(server.in_size, sizeof(hello)));
    server.in_size = 0;
    freed_ctx = first.ctx;
    freed_cred = first.cred;
    release_peer(&first);
}

static SecHandle *pick_handle(struct fuzz_rng *rng, SecHandle *space, BOOL context)
{
    switch (fuzz_below(rng, 9))
    {
    case 0: return NULL;
    case 1: space->dwLower = space->dwUpper = 0; return space;
    case 2: space->dwLower = fuzz_next(rng); space->dwUpper = fuzz_next(rng); return space;
    case 3: space->dwLower = space->dwUpper = (ULONG_PTR)-1; return space;
    case 4: *space = context ? freed_ctx : freed_cred; return space;
    case 5: *space = context ? client.cred : client.ctx; return space; /* the other kind */
    case 6: *space = context ? server.ctx : server.cred; return space;
    default: *space = context ? client.ctx : client.cred; return space;
    }
}

struct buffers
{
    SecBufferDesc desc;
    SecBuffer bufs[8];
    void *ours[8];
};

static ULONG pick_type(struct fuzz_rng *rng)
{
    static const ULONG types[] =
    {
        SECBUFFER_EMPTY, SECBUFFER_DATA, SECBUFFER_TOKEN, SECBUFFER_PKG_PARAMS, SECBUFFER_MISSING, SECBUFFER_EXTRA,
        SECBUFFER_STREAM_TRAILER, SECBUFFER_STREAM_HEADER, SECBUFFER_PADDING, SECBUFFER_STREAM, SECBUFFER_ALERT,
        SECBUFFER_APPLICATION_PROTOCOLS, SECBUFFER_DTLS_MTU, SECBUFFER_CHANNEL_BINDINGS, SECBUFFER_TARGET_HOST,
    };
    ULONG type = fuzz_below(rng, 4) ? types[fuzz_below(rng, ARRAYSIZE(types))] : fuzz_below(rng, 64);

    if (!fuzz_below(rng, 8)) type |= fuzz_below(rng, 2) ? SECBUFFER_READONLY : SECBUFFER_READONLY_WITH_CHECKSUM;
    return type;
}

static SecBufferDesc *pick_buffers(struct fuzz_rng *rng, struct buffers *b)
{
    ULONG i, size;

    memset(b, 0, sizeof(*b));
    if (!fuzz_below(rng, 8)) return NULL;
    b->desc.ulVersion = fuzz_below(rng, 8) ? SECBUFFER_VERSION : fuzz_next(rng);
    b->desc.cBuffers = fuzz_below(rng, ARRAYSIZE(b->bufs) + 1);
    b->desc.pBuffers = fuzz_below(rng, 16) ? b->bufs : NULL;
    for (i = 0; i < b->desc.cBuffers; i++)
    {
        b->bufs[i].BufferType = pick_type(rng);
        switch (fuzz_below(rng, 6))
        {
        case 0: continue; /* NULL, 0 bytes */
        case 1: size = record_size; break;
        case 2: size = hello_size; break;
        case 3: size = fuzz_below(rng, 8); break;
        default: size = fuzz_below(rng, 2048); break;
        }
        b->ours[i] = b->bufs[i].pvBuffer = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size ? size : 1);
        b->bufs[i].cbBuffer = size;
        if (size == record_size && fuzz_below(rng, 2)) memcpy(b->ours[i], record, size);
        else if (size == hello_size && fuzz_below(rng, 2)) memcpy(b->ours[i], hello, size);
        else if (fuzz_below(rng, 2)) for (ULONG j = 0; j < size; j++) ((BYTE *)b->ours[i])[j] = (BYTE)fuzz_next(rng);
    }
    return &b->desc;
}

/* Frees our blocks, and what the package allocated into the descriptions (ISC/ASC outputs). */
static void free_buffers(struct buffers *b, BOOL package_allocates)
{
    ULONG i;

    for (i = 0; i < ARRAYSIZE(b->bufs); i++)
    {
        if (package_allocates && b->bufs[i].pvBuffer && b->bufs[i].pvBuffer != b->ours[i] && i < b->desc.cBuffers)
            FreeContextBuffer(b->bufs[i].pvBuffer);
        HeapFree(GetProcessHeap(), 0, b->ours[i]);
    }
}

static ULONG pick_attribute(struct fuzz_rng *rng)
{
    return fuzz_below(rng, 4) ? fuzz_below(rng, 0x80) : fuzz_next(rng);
}

static SECURITY_STATUS call(struct fuzz_rng *rng, ULONG function)
{
    static const char *const targets[] = { NULL, "localhost", "", "\xff\xfe garbage" };
    SecHandle ctx_space, cred_space, new_ctx = { 0 };
    SecHandle *ctx = pick_handle(rng, &ctx_space, TRUE), *cred = pick_handle(rng, &cred_space, FALSE);
    struct buffers in, out;
    SecBufferDesc *in_desc = pick_buffers(rng, &in), *out_desc = pick_buffers(rng, &out);
    ULONG flags = fuzz_below(rng, 2) ? fuzz_next(rng) : CLIENT_REQ, attrs, qop = 0, attribute = pick_attribute(rng);
    BYTE attr_buffer[1024] = { 0 };
    void *attr_out = fuzz_below(rng, 8) ? attr_buffer : NULL;
    SECURITY_STATUS status;
    TimeStamp expiry;
    HANDLE token;

    switch (function)
    {
    case 0:
        status = InitializeSecurityContextA(cred, ctx, (SEC_CHAR *)targets[fuzz_below(rng, 4)], flags, 0,
                                            fuzz_below(rng, 2) ? SECURITY_NATIVE_DREP : fuzz_next(rng), in_desc, 0,
                                            fuzz_below(rng, 8) ? &new_ctx : NULL, out_desc, &attrs, &expiry);
        break;
    case 1:
        status = AcceptSecurityContext(cred, ctx, in_desc, flags, SECURITY_NATIVE_DREP,
                                       fuzz_below(rng, 8) ? &new_ctx : NULL, out_desc, &attrs, &expiry);
        break;
    case 2: status = EncryptMessage(ctx, fuzz_below(rng, 4) ? 0 : fuzz_next(rng), in_desc, fuzz_next(rng)); break;
    case 3: status = DecryptMessage(ctx, in_desc, fuzz_next(rng), fuzz_below(rng, 2) ? &qop : NULL); break;
    case 4: status = QueryContextAttributesA(ctx, attribute, attr_out); break;
    case 5: status = QueryContextAttributesW(ctx, attribute, attr_out); break;
    case 6: status = ApplyControlToken(ctx, in_desc); break;
    case 7: status = QueryCredentialsAttributesA(cred, attribute, attr_out); break;
    case 8: status = SetContextAttributesA(ctx, attribute, attr_out, fuzz_below(rng, sizeof(attr_buffer))); break;
    case 9: status = CompleteAuthToken(ctx, in_desc); break;
    case 10: status = QuerySecurityContextToken(ctx, fuzz_below(rng, 4) ? &token : NULL); break;
    case 11: status = MakeSignature(ctx, 0, in_desc, fuzz_next(rng)); break;
    case 12: status = VerifySignature(ctx, in_desc, fuzz_next(rng), &qop); break;
    /* Deleting and freeing only what is not live: the live objects stay for the other calls. */
    case 13:
        if (ctx && (ctx->dwLower == client.ctx.dwLower || ctx->dwLower == server.ctx.dwLower)) ctx = &freed_ctx;
        status = DeleteSecurityContext(ctx);
        break;
    default:
        if (cred && (cred->dwLower == client.cred.dwLower || cred->dwLower == server.cred.dwLower)) cred = &freed_cred;
        status = FreeCredentialsHandle(cred);
        break;
    }
    if (function <= 1 && (status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED) && new_ctx.dwLower &&
        (!ctx || ctx->dwLower != new_ctx.dwLower))
        DeleteSecurityContext(&new_ctx);
    if (function == 10 && status == SEC_E_OK) CloseHandle(token);
    free_buffers(&in, function <= 1);
    free_buffers(&out, function <= 1);
    return status;
}

START_TEST(fuzz_api)
{
    static const char *const names[] =
    {
        "InitializeSecurityContextA", "AcceptSecurityContext", "EncryptMessage", "DecryptMessage",
        "QueryContextAttributesA", "QueryContextAttributesW", "ApplyControlToken", "QueryCredentialsAttributesA",
        "SetContextAttributesA", "CompleteAuthToken", "QuerySecurityContextToken", "MakeSignature",
        "VerifySignature", "DeleteSecurityContext", "FreeCredentialsHandle",
    };
    struct fuzz_tally tallies[ARRAYSIZE(names)] = { { 0 } };
    struct fuzz_rng rng;
    SECURITY_STATUS status;
    char target[64];
    ULONG i, function;

    if (!(cert = start_server_tests())) return;
    fuzz_setup(&run, 3000);
    if (fuzz_wants(&run, "api"))
    {
        rebuild();
        for (i = run.first; i < run.first + run.iterations; i++)
        {
            if (i % 64 == 0) rebuild();
            fuzz_seed(&rng, &run, "api", i);
            function = fuzz_below(&rng, ARRAYSIZE(names));
            sprintf(target, "api %s", names[function]);
            fuzz_trying(&run, target, i, NULL, 0);
            status = call(&rng, function);
            fuzz_trying(&run, NULL, i, NULL, 0);
            fuzz_count(&tallies[function], status);
            ok(fuzz_status_in(status, api_statuses, ARRAYSIZE(api_statuses)), "%s %lu: %#lx\n", target, i, status);
        }
        for (function = 0; function < ARRAYSIZE(names); function++)
            trace("api %s: %s\n", names[function], fuzz_tally_text(&tallies[function]));
        release_peer(&client);
        release_peer(&server);
    }
    free_test_certificate(cert);
}
