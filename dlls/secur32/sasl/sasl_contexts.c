/*
 * SaslInitializeSecurityContext and SaslAcceptSecurityContext: the package's own login through
 * the SSPI, under the profile of the credentials' package, then (GSSAPI) RFC 4752's layer
 * exchange.  The context handle is the package's; the SASL state is kept beside it, found by the
 * handle, and goes when DeleteSecurityContext deletes the handle.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sasl_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sasl);

static SRWLOCK list_lock = SRWLOCK_INIT;
static struct sasl_context *contexts;

static BOOL same_handle(const CtxtHandle *a, const CtxtHandle *b)
{
    return a->dwLower == b->dwLower && a->dwUpper == b->dwUpper;
}

struct sasl_context *sasl_context_get(const CtxtHandle *handle)
{
    struct sasl_context *ctx;

    if (!handle) return NULL;
    AcquireSRWLockShared(&list_lock);
    for (ctx = contexts; ctx; ctx = ctx->next)
        if (same_handle(&ctx->handle, handle))
        {
            AcquireSRWLockExclusive(&ctx->lock);
            break;
        }
    ReleaseSRWLockShared(&list_lock);
    return ctx;
}

void sasl_context_put(struct sasl_context *ctx)
{
    ReleaseSRWLockExclusive(&ctx->lock);
}

void sasl_forget_context(const CtxtHandle *handle)
{
    struct sasl_context **entry, *ctx = NULL;

    AcquireSRWLockExclusive(&list_lock);
    for (entry = &contexts; *entry; entry = &(*entry)->next)
        if (same_handle(&(*entry)->handle, handle))
        {
            ctx = *entry;
            *entry = ctx->next;
            break;
        }
    ReleaseSRWLockExclusive(&list_lock);
    if (!ctx) return;
    /* Waits for a call still using it. */
    AcquireSRWLockExclusive(&ctx->lock);
    ReleaseSRWLockExclusive(&ctx->lock);
    sspi_free(ctx->authz);
    sspi_free(ctx);
}

/* The profile of the package the credentials belong to. */
static SECURITY_STATUS credentials_profile(CredHandle *cred, const struct sasl_profile **profile)
{
    struct sspi_object *obj = sspi_handle_get(cred, SSPI_CREDENTIALS);
    const struct sspi_package *package;

    if (!obj) return SEC_E_INVALID_HANDLE;
    package = obj->package;     /* the registry's entries live as long as the DLL */
    sspi_handle_put(obj);
    if ((*profile = sasl_profile_of_package(package->name))) return SEC_E_OK;
    WARN("package %s has no SASL profile\n", dbgstr_w(package->name));
    return SEC_E_UNSUPPORTED_FUNCTION;
}

static void remember_context(const CtxtHandle *handle, const struct sasl_profile *profile, BOOL server)
{
    struct sasl_context *ctx;

    if (!(ctx = sspi_alloc(sizeof(*ctx)))) return;
    memset(ctx, 0, sizeof(*ctx));
    InitializeSRWLock(&ctx->lock);
    ctx->handle = *handle;
    ctx->profile = profile;
    ctx->server = server;
    ctx->send_size = ctx->recv_size = SASL_DEFAULT_SIZE;
    ctx->authz_processing = Sasl_AuthZIDProcessed;
    AcquireSRWLockExclusive(&list_lock);
    ctx->next = contexts;
    contexts = ctx;
    ReleaseSRWLockExclusive(&list_lock);
}

/* After the package's step: a finished login under a profile with layers goes on to them. */
static SECURITY_STATUS after_login(struct sasl_context *ctx, BOOL server, SECURITY_STATUS status, ULONG attrs,
                                   const SecBufferDesc *output, BOOL allocate, SecBuffer *saved)
{
    SecBuffer *token;
    BOOL answered;
    ULONG i;

    if (status != SEC_E_OK || !ctx->profile->layers) return status;
    ctx->attrs = attrs;
    for (i = 0, token = NULL; output && i < output->cBuffers; i++)
        if (output->pBuffers[i].BufferType == SECBUFFER_TOKEN) { token = &output->pBuffers[i]; break; }
    answered = token && token->cbBuffer;
    if (!server)
    {
        /* The client's last token (if any) goes first; then the server offers its layers. */
        ctx->phase = SASL_CLIENT_CHOOSE;
        return SEC_I_CONTINUE_NEEDED;
    }
    if (answered)
    {
        /* The server's last token goes first; it offers its layers on the client's next (empty) reply. */
        ctx->phase = SASL_SERVER_OFFER;
        return SEC_I_CONTINUE_NEEDED;
    }
    /* Nothing to send yet: the offer goes now, in the caller's token buffer as it was. */
    if (token)
    {
        if (allocate) FreeContextBuffer(token->pvBuffer);
        else *token = *saved;
    }
    ctx->phase = SASL_SERVER_OFFER;
    return sasl_layer_step(ctx, NULL, (SecBufferDesc *)output, allocate);
}

static SecBuffer saved_token(const SecBufferDesc *output)
{
    SecBuffer none = { 0, SECBUFFER_TOKEN, NULL };
    ULONG i;

    for (i = 0; output && output->pBuffers && i < output->cBuffers; i++)
        if (output->pBuffers[i].BufferType == SECBUFFER_TOKEN) return output->pBuffers[i];
    return none;
}

/* One SASL step, either side.  The package's own checks come first, through the public calls. */
static SECURITY_STATUS sasl_step(BOOL server, CredHandle *cred, CtxtHandle *ctx_handle, const WCHAR *target,
                                 ULONG req, ULONG data_rep, SecBufferDesc *input, CtxtHandle *new_handle,
                                 SecBufferDesc *output, ULONG *attrs_out, TimeStamp *expiry)
{
    BOOL allocate = req & (server ? ASC_REQ_ALLOCATE_MEMORY : ISC_REQ_ALLOCATE_MEMORY);
    const struct sasl_profile *profile = NULL;
    SecBuffer saved = saved_token(output);
    struct sasl_context *ctx = NULL;
    SECURITY_STATUS status;
    ULONG attrs = 0;

    if (!ctx_handle)
    {
        if ((status = credentials_profile(cred, &profile))) return status;
    }
    else if (!(ctx = sasl_context_get(ctx_handle))) return SEC_E_INVALID_HANDLE;
    else if (ctx->server != server)
    {
        sasl_context_put(ctx);
        return SEC_E_INVALID_HANDLE;
    }
    if (ctx && ctx->phase != SASL_LOGIN)
    {
        /* The package's login is done: only the layer messages are left. */
        status = ctx->phase == SASL_DONE ? SEC_E_OK
                 : sasl_layer_step(ctx, input, output, allocate);
        sasl_context_put(ctx);
        return status;
    }
    if (server)
        status = AcceptSecurityContext(cred, ctx_handle, input, req, data_rep, new_handle, output, &attrs, expiry);
    else
        status = InitializeSecurityContextW(cred, ctx_handle, (WCHAR *)target, req, 0, data_rep, input, 0,
                                            new_handle, output, &attrs, expiry);
    if (attrs_out) *attrs_out = attrs;
    if (!ctx_handle)
    {
        /* The front end gives a first call's context a handle whatever the status. */
        if (status != SEC_E_OK && status != SEC_I_CONTINUE_NEEDED && status != SEC_I_COMPLETE_NEEDED &&
            status != SEC_I_COMPLETE_AND_CONTINUE && status != SEC_E_INCOMPLETE_MESSAGE) return status;
        remember_context(new_handle, profile, server);
        if (!(ctx = sasl_context_get(new_handle))) return SEC_E_INSUFFICIENT_MEMORY;
    }
    status = after_login(ctx, server, status, attrs, output, allocate, &saved);
    sasl_context_put(ctx);
    return status;
}

SECURITY_STATUS WINAPI SaslInitializeSecurityContextW(CredHandle *cred, CtxtHandle *ctx, WCHAR *target,
                                                      ULONG req, ULONG reserved1, ULONG data_rep,
                                                      SecBufferDesc *input, ULONG reserved2, CtxtHandle *new_ctx,
                                                      SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    TRACE("%p %p %s %#lx %p %p %p\n", cred, ctx, dbgstr_w(target), req, input, new_ctx, output);
    return sasl_step(FALSE, cred, ctx, target, req, data_rep, input, new_ctx, output, attrs, expiry);
}

SECURITY_STATUS WINAPI SaslInitializeSecurityContextA(CredHandle *cred, CtxtHandle *ctx, char *target,
                                                      ULONG req, ULONG reserved1, ULONG data_rep,
                                                      SecBufferDesc *input, ULONG reserved2, CtxtHandle *new_ctx,
                                                      SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    SECURITY_STATUS status;
    WCHAR *targetW = NULL;

    TRACE("%p %p %s %#lx %p %p %p\n", cred, ctx, dbgstr_a(target), req, input, new_ctx, output);
    if (target && !(targetW = sspi_strdup_atow(target))) return SEC_E_INSUFFICIENT_MEMORY;
    status = sasl_step(FALSE, cred, ctx, targetW, req, data_rep, input, new_ctx, output, attrs, expiry);
    sspi_free(targetW);
    return status;
}

SECURITY_STATUS WINAPI SaslAcceptSecurityContext(CredHandle *cred, CtxtHandle *ctx, SecBufferDesc *input,
                                                 ULONG req, ULONG data_rep, CtxtHandle *new_ctx,
                                                 SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    TRACE("%p %p %p %#lx %p %p\n", cred, ctx, input, req, new_ctx, output);
    return sasl_step(TRUE, cred, ctx, NULL, req, data_rep, input, new_ctx, output, attrs, expiry);
}
