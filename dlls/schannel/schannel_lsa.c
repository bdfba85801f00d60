/*
 * SpLsaModeInitialize: the LSA-mode table of the Schannel package (ntsecpkg.h's
 * SECPKG_FUNCTION_TABLE).  Each entry calls the same operation of secur32.dll's Schannel; the
 * handles it gives the host wrap secur32's handles.  The host runs in this process (secur32's own
 * LSA room, Wine's secur32), so contexts need no mapping into a user-mode half: the user-mode table
 * (schannel_user.c) takes the same handles.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_lsa.h"
#include "schannel_sdk.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

NTSTATUS WINAPI SpLsaModeInitialize(ULONG lsa_version, ULONG *package_version, SECPKG_FUNCTION_TABLE **tables,
                                    ULONG *count);

/* The name LsaLookupAuthenticationPackage knows Schannel by. */
static const char lsa_name[] = UNISP_NAME_A;

SecHandle *lsa_object_handle(LSA_SEC_HANDLE handle, DWORD magic)
{
    struct lsa_object *object = (struct lsa_object *)handle;

    if (!object || object->magic != magic) return NULL;
    return &object->handle;
}

static struct lsa_object *new_object(DWORD magic)
{
    struct lsa_object *object = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*object));

    if (object) object->magic = magic;
    return object;
}

static void free_object(struct lsa_object *object)
{
    object->magic = 0;
    HeapFree(GetProcessHeap(), 0, object);
}

/* A counted string as the NUL-terminated one SSPI takes (NULL for none); free with HeapFree. */
static WCHAR *terminated(const UNICODE_STRING *str, SECURITY_STATUS *status)
{
    WCHAR *copy;

    *status = SEC_E_OK;
    if (!str || !str->Buffer) return NULL;
    if (!(copy = HeapAlloc(GetProcessHeap(), 0, str->Length + sizeof(WCHAR))))
    {
        *status = SEC_E_INSUFFICIENT_MEMORY;
        return NULL;
    }
    memcpy(copy, str->Buffer, str->Length);
    copy[str->Length / sizeof(WCHAR)] = 0;
    return copy;
}

static NTSTATUS NTAPI initialize_package(ULONG id, LSA_DISPATCH_TABLE *dispatch, LSA_STRING *database,
                                         LSA_STRING *confidentiality, LSA_STRING **name)
{
    LSA_STRING *str;

    TRACE("%lu %p\n", id, dispatch);
    if (!dispatch || !dispatch->AllocateLsaHeap || !name) return STATUS_INVALID_PARAMETER;
    /* The host owns the name: it comes from its heap, the string right behind the header. */
    if (!(str = dispatch->AllocateLsaHeap(sizeof(*str) + sizeof(lsa_name)))) return SEC_E_INSUFFICIENT_MEMORY;
    str->Buffer = (char *)(str + 1);
    memcpy(str->Buffer, lsa_name, sizeof(lsa_name));
    str->Length = sizeof(lsa_name) - 1;
    str->MaximumLength = sizeof(lsa_name);
    *name = str;
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI sp_initialize(ULONG_PTR id, SECPKG_PARAMETERS *params, LSA_SECPKG_FUNCTION_TABLE *functions)
{
    TRACE("%Iu\n", id);
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI sp_shutdown(void)
{
    return STATUS_SUCCESS;
}

/* secur32's package info, kept for the process: the host keeps pointers to its strings. */
static BOOL WINAPI query_info(INIT_ONCE *once, void *param, void **info)
{
    return QuerySecurityPackageInfoW((WCHAR *)UNISP_NAME_W, (SecPkgInfoW **)info) == SEC_E_OK;
}

/* ntsecpkg.h says SecPkgInfo; LSA packages fill in the Unicode one (hosts read SecPkgInfoW). */
static NTSTATUS NTAPI sp_get_info(SecPkgInfo *package_info)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    SecPkgInfoW *info = (SecPkgInfoW *)package_info, *own;

    if (!info) return STATUS_INVALID_PARAMETER;
    if (!InitOnceExecuteOnce(&once, query_info, NULL, (void **)&own)) return SEC_E_SECPKG_NOT_FOUND;
    *info = *own;
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI sp_acquire_credentials(UNICODE_STRING *principal, ULONG use, LUID *logon_id, void *auth_data,
                                             void *get_key, void *get_key_arg, LSA_SEC_HANDLE *handle,
                                             TimeStamp *expiry)
{
    struct lsa_object *cred;
    SECURITY_STATUS status;
    WCHAR *name;

    if (!handle) return SEC_E_INVALID_PARAMETER;
    *handle = 0;
    name = terminated(principal, &status);
    if (status) return status;
    if (!(cred = new_object(LSA_CRED_MAGIC))) status = SEC_E_INSUFFICIENT_MEMORY;
    else status = AcquireCredentialsHandleW(name, (WCHAR *)UNISP_NAME_W, use, logon_id, auth_data, get_key,
                                            get_key_arg, &cred->handle, expiry);
    HeapFree(GetProcessHeap(), 0, name);
    TRACE("%#lx\n", status);
    if (status == SEC_E_OK) *handle = (LSA_SEC_HANDLE)cred;
    else if (cred) free_object(cred);
    return status;
}

/* The host's handle goes with secur32's. */
static NTSTATUS release(LSA_SEC_HANDLE handle, DWORD magic)
{
    SecHandle *sspi = lsa_object_handle(handle, magic);
    SECURITY_STATUS status;

    if (!sspi) return SEC_E_INVALID_HANDLE;
    status = magic == LSA_CRED_MAGIC ? FreeCredentialsHandle(sspi) : DeleteSecurityContext(sspi);
    free_object((struct lsa_object *)handle);
    return status;
}

static NTSTATUS NTAPI sp_free_credentials(LSA_SEC_HANDLE handle)
{
    return release(handle, LSA_CRED_MAGIC);
}

static LSA_ENTRY(sp_query_credentials, LSA_CRED_MAGIC, QueryCredentialsAttributesW,
                 (LSA_SEC_HANDLE handle, ULONG attr, void *buffer), (sspi, attr, buffer))
static LSA_ENTRY(sp_set_credentials, LSA_CRED_MAGIC, SetCredentialsAttributesW,
                 (LSA_SEC_HANDLE handle, ULONG attr, void *buffer, ULONG size), (sspi, attr, buffer, size))

/* The handshake step of either side.  A new context is wrapped when secur32 made one; a first
 * step that fails leaves the host nothing to delete. */
static NTSTATUS step(BOOL server, LSA_SEC_HANDLE cred_handle, LSA_SEC_HANDLE ctx_handle, UNICODE_STRING *target,
                     ULONG req, ULONG drep, SecBufferDesc *input, LSA_SEC_HANDLE *new_handle,
                     SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry, BOOLEAN *mapped)
{
    SecHandle *cred = cred_handle ? lsa_object_handle(cred_handle, LSA_CRED_MAGIC) : NULL;
    SecHandle *ctx = ctx_handle ? lsa_object_handle(ctx_handle, LSA_CTXT_MAGIC) : NULL;
    struct lsa_object *object = NULL;
    SECURITY_STATUS status;
    ULONG unused_attrs;
    WCHAR *name;

    if ((cred_handle && !cred) || (ctx_handle && !ctx)) return SEC_E_INVALID_HANDLE;
    if (!new_handle) return SEC_E_INVALID_PARAMETER;
    if (mapped) *mapped = FALSE;
    if (!attrs) attrs = &unused_attrs;
    name = terminated(target, &status);
    if (status) return status;
    if (!ctx && !(object = new_object(LSA_CTXT_MAGIC)))
    {
        HeapFree(GetProcessHeap(), 0, name);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    if (server)
        status = AcceptSecurityContext(cred, ctx, input, req, drep, ctx ? ctx : &object->handle, output, attrs, expiry);
    else
        status = InitializeSecurityContextW(cred, ctx, name, req, 0, drep, input, 0, ctx ? ctx : &object->handle,
                                            output, attrs, expiry);
    HeapFree(GetProcessHeap(), 0, name);
    TRACE("%s: %#lx\n", server ? "accept" : "init", status);
    *new_handle = ctx_handle;
    if (ctx) return status;
    if (!FAILED(status))
    {
        *new_handle = (LSA_SEC_HANDLE)object;
        return status;
    }
    if (object->handle.dwLower || object->handle.dwUpper) DeleteSecurityContext(&object->handle);
    free_object(object);
    *new_handle = 0;
    return status;
}

static NTSTATUS NTAPI sp_init_context(LSA_SEC_HANDLE cred, LSA_SEC_HANDLE ctx, UNICODE_STRING *target, ULONG req,
                                      ULONG drep, SecBufferDesc *input, LSA_SEC_HANDLE *new_ctx,
                                      SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry, BOOLEAN *mapped,
                                      SecBuffer *context_data)
{
    return step(FALSE, cred, ctx, target, req, drep, input, new_ctx, output, attrs, expiry, mapped);
}

static NTSTATUS NTAPI sp_accept_context(LSA_SEC_HANDLE cred, LSA_SEC_HANDLE ctx, SecBufferDesc *input, ULONG req,
                                        ULONG drep, LSA_SEC_HANDLE *new_ctx, SecBufferDesc *output, ULONG *attrs,
                                        TimeStamp *expiry, BOOLEAN *mapped, SecBuffer *context_data)
{
    return step(TRUE, cred, ctx, NULL, req, drep, input, new_ctx, output, attrs, expiry, mapped);
}

static NTSTATUS NTAPI sp_delete_context(LSA_SEC_HANDLE handle)
{
    return release(handle, LSA_CTXT_MAGIC);
}

static LSA_ENTRY(sp_apply_control_token, LSA_CTXT_MAGIC, ApplyControlToken,
                 (LSA_SEC_HANDLE handle, SecBufferDesc *token), (sspi, token))
/* The user-mode table has the same entry (schannel_user.c). */
LSA_ENTRY(schannel_query_context, LSA_CTXT_MAGIC, QueryContextAttributesW,
          (LSA_SEC_HANDLE handle, ULONG attr, void *buffer), (sspi, attr, buffer))
static LSA_ENTRY(sp_set_context, LSA_CTXT_MAGIC, SetContextAttributesW,
                 (LSA_SEC_HANDLE handle, ULONG attr, void *buffer, ULONG size), (sspi, attr, buffer, size))

static SECPKG_FUNCTION_TABLE lsa_table =
{
    .InitializePackage = initialize_package,
    .Initialize = sp_initialize,
    .Shutdown = sp_shutdown,
    .GetInfo = sp_get_info,
    .AcquireCredentialsHandle = sp_acquire_credentials,
    .QueryCredentialsAttributes = sp_query_credentials,
    .FreeCredentialsHandle = sp_free_credentials,
    .InitLsaModeContext = sp_init_context,
    .AcceptLsaModeContext = sp_accept_context,
    .DeleteContext = sp_delete_context,
    .ApplyControlToken = sp_apply_control_token,
    .QueryContextAttributes = schannel_query_context,
    .SetContextAttributes = sp_set_context,
    .SetCredentialsAttributes = sp_set_credentials,
};

NTSTATUS schannel_give_table(ULONG *package_version, void **tables, ULONG *count, void *table)
{
    if (!package_version || !tables || !count) return STATUS_INVALID_PARAMETER;
    *package_version = SECPKG_INTERFACE_VERSION;
    *tables = table;
    *count = 1;
    return STATUS_SUCCESS;
}

/* One table: the host registers it under the name GetInfo gives. */
NTSTATUS WINAPI SpLsaModeInitialize(ULONG lsa_version, ULONG *package_version, SECPKG_FUNCTION_TABLE **tables,
                                    ULONG *count)
{
    TRACE("%#lx %p %p %p\n", lsa_version, package_version, tables, count);
    return schannel_give_table(package_version, (void **)tables, count, &lsa_table);
}
