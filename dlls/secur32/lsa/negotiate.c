/*
 * The Negotiate package over the hosted ones: Kerberos first, NTLM when Kerberos cannot serve
 * (no ticket, no KDC, no credentials for it).  The client tries Kerberos's first step and falls
 * back to NTLM's; the server picks the package from the first token it gets.  Tokens are the
 * chosen package's own, as Wine's Negotiate sends them (no SPNEGO wrapping yet).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(negotiate);

/* What Windows 10 and 11 report for Negotiate (docs/windows-behaviour.md). */
#define NEGOTIATE_CAPABILITIES (SECPKG_FLAG_INTEGRITY | SECPKG_FLAG_PRIVACY | SECPKG_FLAG_CONNECTION | \
                                SECPKG_FLAG_MULTI_REQUIRED | SECPKG_FLAG_EXTENDED_ERROR | \
                                SECPKG_FLAG_IMPERSONATION | SECPKG_FLAG_ACCEPT_WIN32_NAME | \
                                SECPKG_FLAG_NEGOTIABLE | SECPKG_FLAG_GSS_COMPATIBLE | SECPKG_FLAG_LOGON | \
                                SECPKG_FLAG_RESTRICTED_TOKENS)
#define NEGOTIATE_MAX_TOKEN 48256

enum { KERBEROS, NTLM, NEGOTIATED_COUNT };
static const WCHAR *const negotiated_names[NEGOTIATED_COUNT] = { L"Kerberos", L"NTLM" };

struct negotiate_cred
{
    struct lsa_handle *creds[NEGOTIATED_COUNT];
};

struct negotiate_ctx
{
    struct lsa_handle *inner;
};

static SECURITY_STATUS acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **out,
                                           TimeStamp *expiry)
{
    struct negotiate_cred *cred;
    SECURITY_STATUS status, first = SEC_E_SECPKG_NOT_FOUND;
    const struct lsa_package *package;
    BOOL any = FALSE;
    unsigned i;

    if (!(cred = sspi_alloc(sizeof(*cred)))) return SEC_E_INSUFFICIENT_MEMORY;
    for (i = 0; i < NEGOTIATED_COUNT; i++)
    {
        if (!(package = lsa_find_package_w(negotiated_names[i]))) continue;
        status = lsa_acquire(package, principal, use, auth_data, &cred->creds[i], expiry);
        TRACE("%s: %#lx\n", dbgstr_w(negotiated_names[i]), status);
        if (status == SEC_E_OK) any = TRUE;
        else if (first == SEC_E_SECPKG_NOT_FOUND) first = status;
    }
    if (!any)
    {
        sspi_free(cred);
        return first == SEC_E_SECPKG_NOT_FOUND ? SEC_E_NO_CREDENTIALS : first;
    }
    *out = cred;
    return SEC_E_OK;
}

static void free_credentials(void *object)
{
    struct negotiate_cred *cred = object;
    unsigned i;

    for (i = 0; i < NEGOTIATED_COUNT; i++) if (cred->creds[i]) lsa_release(cred->creds[i], FALSE);
    sspi_free(cred);
}

/* A failed first step may have written into the output buffers: they are put back as the caller
 * gave them before the next package tries. */
struct saved_output
{
    ULONG count;
    SecBuffer buffers[8];
};

static void save_output(const SecBufferDesc *output, struct saved_output *saved)
{
    saved->count = output && output->pBuffers ? min(output->cBuffers, ARRAYSIZE(saved->buffers)) : 0;
    if (saved->count) memcpy(saved->buffers, output->pBuffers, saved->count * sizeof(SecBuffer));
}

static void restore_output(SecBufferDesc *output, const struct saved_output *saved, ULONG req)
{
    ULONG i;

    for (i = 0; i < saved->count; i++)
    {
        SecBuffer *buffer = &output->pBuffers[i];
        if ((req & ISC_REQ_ALLOCATE_MEMORY) && buffer->pvBuffer != saved->buffers[i].pvBuffer)
            FreeContextBuffer(buffer->pvBuffer);
        *buffer = saved->buffers[i];
    }
}

static BOOL is_ntlm_token(const SecBufferDesc *input)
{
    return lsa_ntlm_message_type(input) != 0;
}

/* A first token for a Negotiate server is NTLM's or a GSS-API one (SPNEGO or Kerberos, which
 * start with an [APPLICATION 0] tag, 0x60). */
static BOOL is_negotiable_token(const SecBufferDesc *input)
{
    const SecBuffer *token = lsa_find_token(input);

    if (is_ntlm_token(input)) return TRUE;
    return token && token->pvBuffer && token->cbBuffer >= 2 && *(const BYTE *)token->pvBuffer == 0x60;
}

static SECURITY_STATUS first_step(BOOL server, struct negotiate_cred *cred, struct negotiate_ctx *ctx,
                                  const WCHAR *target, ULONG req, SecBufferDesc *input, SecBufferDesc *output,
                                  ULONG *attrs, TimeStamp *expiry)
{
    SECURITY_STATUS status = SEC_E_NO_CREDENTIALS;
    struct saved_output saved;
    unsigned i;

    if (server && !is_negotiable_token(input)) return SEC_E_INVALID_TOKEN;
    save_output(output, &saved);
    for (i = 0; i < NEGOTIATED_COUNT; i++)
    {
        if (!cred->creds[i]) continue;
        /* The server follows the client: an NTLM token goes to NTLM, anything else to Kerberos. */
        if (server && (i == NTLM) != is_ntlm_token(input) && cred->creds[is_ntlm_token(input) ? NTLM : KERBEROS])
            continue;
        status = lsa_step(server, cred->creds[i], &ctx->inner, target, req, input, output, attrs, expiry);
        TRACE("%s %s: %#lx\n", server ? "server" : "client", dbgstr_w(negotiated_names[i]), status);
        if (!FAILED(status) || server) return status;
        restore_output(output, &saved, req);
    }
    return status;
}

static SECURITY_STATUS step(BOOL server, void *cred, void **out, const WCHAR *target, ULONG req,
                            SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    struct negotiate_ctx *ctx = *out;
    SECURITY_STATUS status;

    if (ctx) return lsa_step(server, NULL, &ctx->inner, target, req, input, output, attrs, expiry);
    if (!(ctx = sspi_alloc(sizeof(*ctx)))) return SEC_E_INSUFFICIENT_MEMORY;
    status = first_step(server, cred, ctx, target, req, input, output, attrs, expiry);
    if (ctx->inner) *out = ctx;
    else sspi_free(ctx);
    return status;
}

static SECURITY_STATUS initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                          SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                          TimeStamp *expiry)
{
    return step(FALSE, cred, ctx, target, req, input, output, attrs, expiry);
}

static SECURITY_STATUS accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                      SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    return step(TRUE, cred, ctx, NULL, req, input, output, attrs, expiry);
}

static void delete_context(void *object)
{
    struct negotiate_ctx *ctx = object;

    lsa_release(ctx->inner, TRUE);
    sspi_free(ctx);
}

/* The negotiated package answers, NEGOTIATION_INFO and PACKAGE_INFO included (they name it). */
static SECURITY_STATUS query_context(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    return lsa_query_context(((struct negotiate_ctx *)object)->inner, attr, buffer, unicode);
}

static SECURITY_STATUS encrypt_message(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return lsa_encrypt(((struct negotiate_ctx *)ctx)->inner, qop, message, seq);
}

static SECURITY_STATUS decrypt_message(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return lsa_decrypt(((struct negotiate_ctx *)ctx)->inner, message, seq, qop);
}

static SECURITY_STATUS make_signature(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return lsa_make_signature(((struct negotiate_ctx *)ctx)->inner, qop, message, seq);
}

static SECURITY_STATUS verify_signature(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return lsa_verify_signature(((struct negotiate_ctx *)ctx)->inner, message, seq, qop);
}

static const struct sspi_package_ops negotiate_ops =
{
    .acquire_credentials = acquire_credentials,
    .free_credentials = free_credentials,
    .initialize_context = initialize_context,
    .accept_context = accept_context,
    .delete_context = delete_context,
    .query_context_attributes = query_context,
    .encrypt_message = encrypt_message,
    .decrypt_message = decrypt_message,
    .make_signature = make_signature,
    .verify_signature = verify_signature,
};

const struct sspi_package negotiate_packages[] =
{
    { L"Negotiate", L"Microsoft Package Negotiator", NEGOTIATE_CAPABILITIES, 1, RPC_C_AUTHN_GSS_NEGOTIATE,
      NEGOTIATE_MAX_TOKEN, &negotiate_ops },
};

ULONG negotiate_package_count;
