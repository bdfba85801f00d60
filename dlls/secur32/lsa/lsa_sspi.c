/*
 * SSPI on a hosted package: credentials and the handshake steps go to the package's LSA-mode
 * table (SpAcquireCredentialsHandle, SpInitLsaModeContext, SpAcceptLsaModeContext, ...), the
 * per-message calls to its user-mode table (lsa_messages.c).  Both tables take the same context
 * handle, since package and user run in one process.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static struct lsa_handle *wrap(const struct lsa_package *package, LSA_SEC_HANDLE handle)
{
    struct lsa_handle *wrapper;

    if (!(wrapper = sspi_alloc(sizeof(*wrapper)))) return NULL;
    wrapper->package = package;
    wrapper->handle = handle;
    InitializeSRWLock(&wrapper->lock);
    return wrapper;
}

static void init_unicode_string(UNICODE_STRING *str, const WCHAR *value)
{
    SIZE_T len = value ? wcslen(value) * sizeof(WCHAR) : 0;

    if (len > 0xfffc) len = 0xfffc;
    str->Length = len;
    str->MaximumLength = value ? len + sizeof(WCHAR) : 0;
    str->Buffer = (WCHAR *)value;
}

static SECURITY_STATUS package_acquire(const struct lsa_package *package, const WCHAR *principal, ULONG use,
                                       void *auth_data, LSA_SEC_HANDLE *handle, TimeStamp *expiry)
{
    UNICODE_STRING principal_str;
    TimeStamp unused;

    init_unicode_string(&principal_str, principal);
    return package->lsa->AcquireCredentialsHandle(principal ? &principal_str : NULL, use, NULL, auth_data, NULL,
                                                  NULL, handle, expiry ? expiry : &unused);
}

/* Windows gives default outbound credentials a handle even before a ticket exists; the package
 * is asked again when the handshake starts. */
static struct lsa_handle *defer(const struct lsa_package *package, const WCHAR *principal, ULONG use)
{
    struct lsa_handle *cred;

    if (!(cred = wrap(package, 0))) return NULL;
    cred->deferred = TRUE;
    cred->use = use;
    if (principal && !(cred->principal = sspi_alloc((wcslen(principal) + 1) * sizeof(WCHAR))))
    {
        sspi_free(cred);
        return NULL;
    }
    if (principal) wcscpy(cred->principal, principal);
    return cred;
}

static SECURITY_STATUS complete_deferred(struct lsa_handle *cred)
{
    SECURITY_STATUS status = SEC_E_OK;

    AcquireSRWLockExclusive(&cred->lock);
    if (!cred->handle)
    {
        status = package_acquire(cred->package, cred->principal, cred->use, NULL, &cred->handle, NULL);
        TRACE("deferred credentials: %#lx\n", status);
        if (status != SEC_E_OK) cred->handle = 0;
    }
    ReleaseSRWLockExclusive(&cred->lock);
    return status;
}

SECURITY_STATUS lsa_acquire(const struct lsa_package *package, const WCHAR *principal, ULONG use,
                            void *auth_data, struct lsa_handle **cred, TimeStamp *expiry)
{
    LSA_SEC_HANDLE handle = 0;
    SECURITY_STATUS status;

    if (!package->lsa->AcquireCredentialsHandle) return SEC_E_UNSUPPORTED_FUNCTION;
    status = package_acquire(package, principal, use, auth_data, &handle, expiry);
    if (status == SEC_E_NO_CREDENTIALS && use == SECPKG_CRED_OUTBOUND && !auth_data)
        return (*cred = defer(package, principal, use)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
    if (status != SEC_E_OK) return status;
    if ((*cred = wrap(package, handle))) return SEC_E_OK;
    if (package->lsa->FreeCredentialsHandle) package->lsa->FreeCredentialsHandle(handle);
    return SEC_E_INSUFFICIENT_MEMORY;
}

void lsa_release(struct lsa_handle *wrapper, BOOL context)
{
    const SECPKG_FUNCTION_TABLE *lsa = wrapper->package->lsa;
    const SECPKG_USER_FUNCTION_TABLE *user = wrapper->package->user;

    if (context)
    {
        if (user && user->DeleteUserModeContext) user->DeleteUserModeContext(wrapper->handle);
        if (lsa->DeleteContext) lsa->DeleteContext(wrapper->handle);
    }
    else if (wrapper->handle && lsa->FreeCredentialsHandle) lsa->FreeCredentialsHandle(wrapper->handle);
    sspi_free(wrapper->principal);
    sspi_free(wrapper);
}

/* A package that says the context is "mapped" hands its user-mode half a packed copy. */
static void map_context(const struct lsa_package *package, LSA_SEC_HANDLE handle, BOOLEAN mapped,
                        SecBuffer *data)
{
    if (mapped && package->user && package->user->InitUserModeContext)
        package->user->InitUserModeContext(handle, data);
    if (data->pvBuffer) lsa_heap_free(data->pvBuffer);
}

/* What QuerySecurityContextToken needs to know of a context (lsa_impersonation.c). */
static void record_step(struct lsa_handle *ctx, BOOL server, SECURITY_STATUS status, ULONG attrs)
{
    TRACE("%s context %p: %#lx, attributes %#lx\n", server ? "server" : "client", ctx, status, attrs);
    ctx->server = server;
    ctx->complete = status == SEC_E_OK;
    ctx->attrs = attrs;
}

/* The package's own call, on a token-first input and a scratch output. */
static SECURITY_STATUS package_step(BOOL server, const struct lsa_package *package, struct lsa_handle *cred,
                                    LSA_SEC_HANDLE old, const WCHAR *target, ULONG req, SecBufferDesc *input,
                                    SecBuffer *out, LSA_SEC_HANDLE *new_handle, ULONG *attrs, TimeStamp *expiry,
                                    BOOLEAN *mapped, SecBuffer *context_data)
{
    SecBufferDesc out_desc = { SECBUFFER_VERSION, 1, out };
    UNICODE_STRING target_str;

    init_unicode_string(&target_str, target);
    if (server)
        return package->lsa->AcceptLsaModeContext(cred ? cred->handle : 0, old, input, req, SECURITY_NATIVE_DREP,
                                                  new_handle, &out_desc, attrs, expiry, mapped, context_data);
    return package->lsa->InitLsaModeContext(cred ? cred->handle : 0, old, target ? &target_str : NULL, req,
                                            SECURITY_NATIVE_DREP, input, new_handle, &out_desc, attrs, expiry, mapped,
                                            context_data);
}

SECURITY_STATUS lsa_step(BOOL server, struct lsa_handle *cred, struct lsa_handle **ctx,
                         const WCHAR *target, ULONG req, SecBufferDesc *input, SecBufferDesc *output,
                         ULONG *attrs, TimeStamp *expiry)
{
    struct lsa_handle *old = *ctx;
    const struct lsa_package *package = old ? old->package : cred->package;
    BOOL allocate = (req & ISC_REQ_ALLOCATE_MEMORY) != 0; /* ASC_REQ_ALLOCATE_MEMORY is the same bit */
    LSA_SEC_HANDLE new_handle = 0;
    SecBuffer context_data = { 0 }, in_buffers[8], out = { LSA_TOKEN_ROOM, SECBUFFER_TOKEN, NULL };
    SecBufferDesc in_desc;
    BOOLEAN mapped = FALSE;
    ULONG unused_attrs;
    TimeStamp unused_expiry;
    SECURITY_STATUS status;

    if (cred && cred->package != package) cred = NULL; /* a stale handle of another package */
    if (!(server ? (void *)package->lsa->AcceptLsaModeContext : (void *)package->lsa->InitLsaModeContext))
        return SEC_E_UNSUPPORTED_FUNCTION;
    if ((status = lsa_check_token(package, server, !old, input))) return status;
    if ((status = lsa_token_first(input, &in_desc, in_buffers, ARRAYSIZE(in_buffers)))) return status;
    if (!old && (status = lsa_check_output(output, allocate))) return status;
    if (cred && cred->deferred && (status = complete_deferred(cred))) return status;
    if (!attrs) attrs = &unused_attrs;
    *attrs = 0; /* Wine's msv1_0 never writes the attributes */
    if (!expiry) expiry = &unused_expiry;
    if (!(out.pvBuffer = sspi_alloc(LSA_TOKEN_ROOM))) return SEC_E_INSUFFICIENT_MEMORY;

    if (old) AcquireSRWLockExclusive(&old->lock);
    status = package_step(server, package, cred, old ? old->handle : 0, target, req & ~ISC_REQ_ALLOCATE_MEMORY,
                          input ? &in_desc : NULL, &out, &new_handle, attrs, expiry, &mapped, &context_data);
    if (old && new_handle && (status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED)) old->handle = new_handle;
    if (old && !FAILED(status)) record_step(old, server, status, *attrs);
    if (old) ReleaseSRWLockExclusive(&old->lock);
    TRACE("%s step: %#lx\n", server ? "server" : "client", status);

    if (!FAILED(status))
    {
        SECURITY_STATUS put = lsa_put_token(output, allocate, out.pvBuffer, min(out.cbBuffer, LSA_TOKEN_ROOM));

        if (put == SEC_E_OK && allocate) *attrs |= ISC_RET_ALLOCATED_MEMORY;
        /* A new context whose token cannot be delivered is of no use. */
        if (put != SEC_E_OK && !old && new_handle && package->lsa->DeleteContext)
            package->lsa->DeleteContext(new_handle);
        if (put != SEC_E_OK) status = put;
    }
    SecureZeroMemory(out.pvBuffer, LSA_TOKEN_ROOM);
    sspi_free(out.pvBuffer);
    if (FAILED(status))
    {
        /* A package frees the context it could not start itself. */
        if (context_data.pvBuffer) lsa_heap_free(context_data.pvBuffer);
        return status;
    }
    map_context(package, old ? old->handle : new_handle, mapped, &context_data);
    if (old || !new_handle) return status;
    if (!(*ctx = wrap(package, new_handle)))
    {
        if (package->lsa->DeleteContext) package->lsa->DeleteContext(new_handle);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    record_step(*ctx, server, status, *attrs);
    return status;
}

static const struct lsa_package *package_of(const struct sspi_package *entry)
{
    return &lsa_packages[entry - lsa_sspi_packages];
}

static SECURITY_STATUS acquire_credentials(const struct sspi_package *entry, const WCHAR *principal, ULONG use,
                                           LUID *logon_id, void *auth_data, void **cred, TimeStamp *expiry)
{
    return lsa_acquire(package_of(entry), principal, use, auth_data, (struct lsa_handle **)cred, expiry);
}

static void free_credentials(void *cred)
{
    lsa_release(cred, FALSE);
}

/* SECPKG_CRED_ATTR_NAMES is the one credential attribute with a string in it. */
static SECURITY_STATUS query_credentials(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    struct lsa_handle *cred = object;
    SecPkgCredentials_NamesW names;
    SECURITY_STATUS status;
    char *nameA;
    int size;

    if (!cred->package->lsa->QueryCredentialsAttributes) return SEC_E_UNSUPPORTED_FUNCTION;
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    if (cred->deferred && complete_deferred(cred)) return SEC_E_NO_CREDENTIALS;
    if (unicode || attr != SECPKG_CRED_ATTR_NAMES)
        return cred->package->lsa->QueryCredentialsAttributes(cred->handle, attr, buffer);
    if ((status = cred->package->lsa->QueryCredentialsAttributes(cred->handle, attr, &names))) return status;
    size = sspi_wtoa_size(names.sUserName);
    if (!(nameA = sspi_alloc(size))) status = SEC_E_INSUFFICIENT_MEMORY;
    else ((SecPkgCredentials_NamesA *)buffer)->sUserName = sspi_wtoa_into(names.sUserName, nameA, size);
    FreeContextBuffer(names.sUserName);
    return status;
}

/* Who calls changes nothing for these packages. */
static SECURITY_STATUS initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                          SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                          TimeStamp *expiry, const struct sspi_caller *caller)
{
    return lsa_step(FALSE, cred, (struct lsa_handle **)ctx, target, req, input, output, attrs, expiry);
}

static SECURITY_STATUS accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                      SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                      const struct sspi_caller *caller)
{
    return lsa_step(TRUE, cred, (struct lsa_handle **)ctx, NULL, req, input, output, attrs, expiry);
}

static void delete_context(void *ctx)
{
    lsa_release(ctx, TRUE);
}

/* The LSA-mode calls on an existing context, one at a time. */
#define CALL_ON_CONTEXT(object, entry, ...) \
    ({ \
        struct lsa_handle *ctx_ = object; \
        SECURITY_STATUS status_ = SEC_E_UNSUPPORTED_FUNCTION; \
        if (ctx_->package->lsa->entry) \
        { \
            AcquireSRWLockExclusive(&ctx_->lock); \
            status_ = ctx_->package->lsa->entry(ctx_->handle, __VA_ARGS__); \
            ReleaseSRWLockExclusive(&ctx_->lock); \
        } \
        status_; \
    })

SECURITY_STATUS lsa_apply_control_token(void *ctx, SecBufferDesc *input)
{
    return CALL_ON_CONTEXT(ctx, ApplyControlToken, input);
}

static SECURITY_STATUS query_context(void *ctx, ULONG attr, void *buffer, BOOL unicode)
{
    return lsa_query_context(ctx, attr, buffer, unicode);
}

/* The packages take wide strings only: none of the settable attributes has a string in it. */
SECURITY_STATUS lsa_set_context(void *ctx, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    return CALL_ON_CONTEXT(ctx, SetContextAttributes, attr, buffer, size);
}

static SECURITY_STATUS set_credentials(void *object, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    struct lsa_handle *cred = object;

    if (!cred->package->lsa->SetCredentialsAttributes) return SEC_E_UNSUPPORTED_FUNCTION;
    if (cred->deferred && complete_deferred(cred)) return SEC_E_NO_CREDENTIALS;
    return cred->package->lsa->SetCredentialsAttributes(cred->handle, attr, buffer, size);
}

static SECURITY_STATUS add_credentials(void *object, const WCHAR *principal, const WCHAR *package, ULONG use,
                                       void *auth_data, TimeStamp *expiry)
{
    struct lsa_handle *cred = object;
    UNICODE_STRING principal_str, package_str;
    TimeStamp unused;

    if (!cred->package->lsa->AddCredentials) return SEC_E_UNSUPPORTED_FUNCTION;
    if (cred->deferred && complete_deferred(cred)) return SEC_E_NO_CREDENTIALS;
    init_unicode_string(&principal_str, principal);
    init_unicode_string(&package_str, package);
    return cred->package->lsa->AddCredentials(cred->handle, principal ? &principal_str : NULL,
                                              package ? &package_str : NULL, use, auth_data, NULL, NULL,
                                              expiry ? expiry : &unused);
}

const struct sspi_package_ops lsa_package_ops =
{
    .acquire_package_credentials = acquire_credentials,
    .free_credentials = free_credentials,
    .query_credentials_attributes = query_credentials,
    .set_credentials_attributes = set_credentials,
    .add_credentials = add_credentials,
    .initialize_context = initialize_context,
    .accept_context = accept_context,
    .delete_context = delete_context,
    .apply_control_token = lsa_apply_control_token,
    .query_context_attributes = query_context,
    .set_context_attributes = lsa_set_context,
    .encrypt_message = lsa_encrypt,
    .decrypt_message = lsa_decrypt,
    .make_signature = lsa_make_signature,
    .verify_signature = lsa_verify_signature,
    .complete_auth_token = lsa_complete_token,
    .query_context_token = lsa_context_token,
    .impersonate_context = lsa_impersonate,
    .revert_context = lsa_revert,
};
