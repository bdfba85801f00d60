/*
 * Security contexts: InitializeSecurityContext, AcceptSecurityContext, DeleteSecurityContext,
 * ApplyControlToken and the context attribute calls, dispatched to the context's package.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

/* Resolves the handles of an ISC/ASC call.  On a first call (no context handle) the credentials
 * are required and name the package; on later calls the context names it. */
static SECURITY_STATUS get_handles(CredHandle *cred_handle, CtxtHandle *ctx_handle,
                                   struct sspi_object **cred, struct sspi_object **ctx)
{
    *cred = *ctx = NULL;
    if (ctx_handle && !(*ctx = sspi_handle_get(ctx_handle, SSPI_CONTEXT))) return SEC_E_INVALID_HANDLE;
    if (cred_handle && !(*cred = sspi_handle_get(cred_handle, SSPI_CREDENTIALS)))
    {
        if (!*ctx) return SEC_E_INVALID_HANDLE;
        /* Callers may pass a stale credential handle on later calls; the context keeps its own. */
        WARN("ignoring invalid credential handle on a later call\n");
    }
    if (!*cred && !*ctx) return SEC_E_INVALID_HANDLE;
    if (*cred && *ctx && (*cred)->package->ops != (*ctx)->package->ops)
    {
        sspi_handle_put(*cred);
        sspi_handle_put(*ctx);
        *cred = *ctx = NULL;
        return SEC_E_INVALID_HANDLE;
    }
    return SEC_E_OK;
}

/* After a package call: a context the package created gets a handle; an existing one keeps its,
 * copied to the new handle only when the call succeeded (as Windows). */
static SECURITY_STATUS finish_context_call(SECURITY_STATUS status, const struct sspi_package *package,
                                           CtxtHandle *ctx_handle, void *new_ctx, CtxtHandle *new_handle)
{
    SECURITY_STATUS created;

    if (ctx_handle)
    {
        if (new_handle && new_handle != ctx_handle && !FAILED(status)) *new_handle = *ctx_handle;
        return status;
    }
    if (!new_ctx) return status;
    if ((created = sspi_handle_create(new_handle, SSPI_CONTEXT, package, new_ctx)) != SEC_E_OK)
    {
        package->ops->delete_context(new_ctx);
        return created;
    }
    return status;
}

/* One step of a handshake, either side, called from RETURN_ADDRESS: a first call finds out who calls. */
static SECURITY_STATUS establish_context(const void *return_address, BOOL server, CredHandle *cred_handle,
                                         CtxtHandle *ctx_handle, const WCHAR *target, ULONG req,
                                         SecBufferDesc *input, CtxtHandle *new_handle, SecBufferDesc *output,
                                         ULONG *attrs, TimeStamp *expiry)
{
    struct sspi_object *cred, *ctx;
    const struct sspi_package *package;
    struct sspi_caller caller;
    SECURITY_STATUS status;
    void *object;

    if ((status = get_handles(cred_handle, ctx_handle, &cred, &ctx)) != SEC_E_OK) return status;
    package = ctx ? ctx->package : cred->package;
    object = ctx ? ctx->object : NULL;
    if (!ctx && !new_handle) status = SEC_E_INVALID_PARAMETER;
    else if (!(server ? package->ops->accept_context : package->ops->initialize_context))
        status = SEC_E_UNSUPPORTED_FUNCTION;
    else
    {
        if (!ctx) sspi_identify_caller(return_address, &caller);
        status = (server ? package->ops->accept_context : package->ops->initialize_context)
                 (cred ? cred->object : NULL, &object, target, req, input, output, attrs, expiry,
                  ctx ? NULL : &caller);
        status = finish_context_call(status, package, ctx_handle, ctx ? NULL : object, new_handle);
    }
    if (cred) sspi_handle_put(cred);
    if (ctx) sspi_handle_put(ctx);
    return status;
}

SECURITY_STATUS WINAPI InitializeSecurityContextW(CredHandle *cred_handle, CtxtHandle *ctx_handle,
                                                  SEC_WCHAR *target, ULONG req, ULONG reserved1,
                                                  ULONG data_rep, SecBufferDesc *input, ULONG reserved2,
                                                  CtxtHandle *new_handle, SecBufferDesc *output,
                                                  ULONG *attrs, TimeStamp *expiry)
{
    TRACE("%p %p %s %#lx %lu %p %p %p %p %p\n", cred_handle, ctx_handle, dbgstr_w(target), req, data_rep,
          input, new_handle, output, attrs, expiry);
    return establish_context(__builtin_return_address(0), FALSE, cred_handle, ctx_handle, target, req, input,
                             new_handle, output, attrs, expiry);
}

SECURITY_STATUS WINAPI InitializeSecurityContextA(CredHandle *cred_handle, CtxtHandle *ctx_handle,
                                                  SEC_CHAR *target, ULONG req, ULONG reserved1,
                                                  ULONG data_rep, SecBufferDesc *input, ULONG reserved2,
                                                  CtxtHandle *new_handle, SecBufferDesc *output,
                                                  ULONG *attrs, TimeStamp *expiry)
{
    SECURITY_STATUS status;
    WCHAR *targetW = NULL;

    TRACE("%p %p %s %#lx %lu %p %p %p %p %p\n", cred_handle, ctx_handle, dbgstr_a(target), req, data_rep,
          input, new_handle, output, attrs, expiry);
    if (target && !(targetW = sspi_strdup_atow(target))) return SEC_E_INSUFFICIENT_MEMORY;
    status = establish_context(__builtin_return_address(0), FALSE, cred_handle, ctx_handle, targetW, req, input,
                               new_handle, output, attrs, expiry);
    sspi_free(targetW);
    return status;
}

SECURITY_STATUS WINAPI AcceptSecurityContext(CredHandle *cred_handle, CtxtHandle *ctx_handle,
                                             SecBufferDesc *input, ULONG req, ULONG data_rep,
                                             CtxtHandle *new_handle, SecBufferDesc *output, ULONG *attrs,
                                             TimeStamp *expiry)
{
    TRACE("%p %p %p %#lx %lu %p %p %p %p\n", cred_handle, ctx_handle, input, req, data_rep, new_handle,
          output, attrs, expiry);
    return establish_context(__builtin_return_address(0), TRUE, cred_handle, ctx_handle, NULL, req, input,
                             new_handle, output, attrs, expiry);
}

SECURITY_STATUS WINAPI DeleteSecurityContext(CtxtHandle *handle)
{
    TRACE("%p\n", handle);
    if (!sspi_handle_delete(handle, SSPI_CONTEXT)) return SEC_E_INVALID_HANDLE;
    sasl_forget_context(handle);
    return SEC_E_OK;
}

SECURITY_STATUS WINAPI ApplyControlToken(CtxtHandle *handle, SecBufferDesc *input)
{
    TRACE("%p %p\n", handle, input);
    return sspi_dispatch(SSPI_CONTEXT, handle, apply_control_token, input);
}

/* mingw-w64's 32-bit import library lists these two names; they behave as ApplyControlToken. */
SECURITY_STATUS WINAPI ApplyControlTokenA(CtxtHandle *handle, SecBufferDesc *input)
{
    return ApplyControlToken(handle, input);
}

SECURITY_STATUS WINAPI ApplyControlTokenW(CtxtHandle *handle, SecBufferDesc *input)
{
    return ApplyControlToken(handle, input);
}

SECURITY_STATUS WINAPI QueryContextAttributesW(CtxtHandle *handle, ULONG attr, void *buffer)
{
    TRACE("%p %lu %p\n", handle, attr, buffer);
    return sspi_dispatch(SSPI_CONTEXT, handle, query_context_attributes, attr, buffer, TRUE);
}

SECURITY_STATUS WINAPI QueryContextAttributesA(CtxtHandle *handle, ULONG attr, void *buffer)
{
    TRACE("%p %lu %p\n", handle, attr, buffer);
    return sspi_dispatch(SSPI_CONTEXT, handle, query_context_attributes, attr, buffer, FALSE);
}

SECURITY_STATUS WINAPI SetContextAttributesW(CtxtHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    TRACE("%p %lu %p %lu\n", handle, attr, buffer, size);
    return sspi_dispatch(SSPI_CONTEXT, handle, set_context_attributes, attr, buffer, size, TRUE);
}

SECURITY_STATUS WINAPI SetContextAttributesA(CtxtHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    TRACE("%p %lu %p %lu\n", handle, attr, buffer, size);
    return sspi_dispatch(SSPI_CONTEXT, handle, set_context_attributes, attr, buffer, size, FALSE);
}

/* Calls that no package here implements: a valid context gets SEC_E_UNSUPPORTED_FUNCTION. */
static SECURITY_STATUS unsupported_on_context(CtxtHandle *handle, const char *func)
{
    struct sspi_object *ctx;

    FIXME("%s on %p: not supported\n", func, handle);
    if (!(ctx = sspi_handle_get(handle, SSPI_CONTEXT))) return SEC_E_INVALID_HANDLE;
    sspi_handle_put(ctx);
    return SEC_E_UNSUPPORTED_FUNCTION;
}

SECURITY_STATUS WINAPI CompleteAuthToken(CtxtHandle *handle, SecBufferDesc *token)
{
    TRACE("%p %p\n", handle, token);
    return sspi_dispatch(SSPI_CONTEXT, handle, complete_auth_token, token);
}

SECURITY_STATUS WINAPI ImpersonateSecurityContext(CtxtHandle *handle)
{
    TRACE("%p\n", handle);
    return sspi_dispatch(SSPI_CONTEXT, handle, impersonate_context);
}

SECURITY_STATUS WINAPI RevertSecurityContext(CtxtHandle *handle)
{
    TRACE("%p\n", handle);
    return sspi_dispatch(SSPI_CONTEXT, handle, revert_context);
}

SECURITY_STATUS WINAPI QuerySecurityContextToken(CtxtHandle *handle, HANDLE *token)
{
    TRACE("%p %p\n", handle, token);
    return sspi_dispatch(SSPI_CONTEXT, handle, query_context_token, token);
}

/* No package here can pack its context for another process (docs/windows-behaviour.md). */
SECURITY_STATUS WINAPI ExportSecurityContext(CtxtHandle *handle, ULONG flags, SecBuffer *packed, void **token)
{
    return unsupported_on_context(handle, __func__);
}

SECURITY_STATUS WINAPI ImportSecurityContextW(SEC_WCHAR *package, SecBuffer *packed, void *token,
                                              CtxtHandle *handle)
{
    FIXME("%s: not supported\n", dbgstr_w(package));
    return sspi_find_package(package) ? SEC_E_UNSUPPORTED_FUNCTION : SEC_E_SECPKG_NOT_FOUND;
}

SECURITY_STATUS WINAPI ImportSecurityContextA(SEC_CHAR *package, SecBuffer *packed, void *token,
                                              CtxtHandle *handle)
{
    SECURITY_STATUS status;
    WCHAR *packageW = NULL;

    if (package && !(packageW = sspi_strdup_atow(package))) return SEC_E_INSUFFICIENT_MEMORY;
    status = ImportSecurityContextW(packageW, packed, token, handle);
    sspi_free(packageW);
    return status;
}

SECURITY_STATUS WINAPI QueryContextAttributesExW(CtxtHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    return unsupported_on_context(handle, __func__);
}

SECURITY_STATUS WINAPI QueryContextAttributesExA(CtxtHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    return unsupported_on_context(handle, __func__);
}
