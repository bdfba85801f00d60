/*
 * The SSPI front end's internal interfaces: how packages plug in, the handle table, memory.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_PRIVATE_H
#define SSPI_PRIVATE_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

/* The module that called the SSPI, as far as the front end can tell (sspi_caller.c). */
struct sspi_caller
{
    WCHAR module[64];           /* its file name without the folder, e.g. L"winhttp.dll"; empty: unknown */
    BOOL wine_builtin;          /* it is one of Wine's own builtin DLLs */
};

/* What a package implements, at object level: the front end has already turned handles into the
 * package's own objects, checked the pointers it owns and converted A strings to W.  A NULL entry
 * means the package does not support that call: the caller gets SEC_E_UNSUPPORTED_FUNCTION. */
struct sspi_package;

struct sspi_package_ops
{
    SECURITY_STATUS (*acquire_credentials)(const WCHAR *principal, ULONG use, void *auth_data,
                                           void **cred, TimeStamp *expiry);
    /* Instead of acquire_credentials, for ops shared by several packages (the hosted ones): told
     * which package was named, and the logon id. */
    SECURITY_STATUS (*acquire_package_credentials)(const struct sspi_package *package, const WCHAR *principal,
                                                   ULONG use, LUID *logon_id, void *auth_data, void **cred,
                                                   TimeStamp *expiry);
    void (*free_credentials)(void *cred);
    SECURITY_STATUS (*query_credentials_attributes)(void *cred, ULONG attr, void *buffer, BOOL unicode);
    SECURITY_STATUS (*set_credentials_attributes)(void *cred, ULONG attr, void *buffer, ULONG size,
                                                  BOOL unicode);
    SECURITY_STATUS (*add_credentials)(void *cred, const WCHAR *principal, const WCHAR *package, ULONG use,
                                       void *auth_data, TimeStamp *expiry);
    /* Client (ISC) and server (ASC) steps; the target is NULL for a server.  *ctx is NULL on the
     * first call; the package stores the new context there, and the front end gives it a handle
     * whatever the status.  CALLER is who called, on the first call only (NULL later). */
    SECURITY_STATUS (*initialize_context)(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                          SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                          TimeStamp *expiry, const struct sspi_caller *caller);
    SECURITY_STATUS (*accept_context)(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                      SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                      TimeStamp *expiry, const struct sspi_caller *caller);
    void (*delete_context)(void *ctx);
    SECURITY_STATUS (*apply_control_token)(void *ctx, SecBufferDesc *input);
    SECURITY_STATUS (*query_context_attributes)(void *ctx, ULONG attr, void *buffer, BOOL unicode);
    SECURITY_STATUS (*set_context_attributes)(void *ctx, ULONG attr, void *buffer, ULONG size,
                                              BOOL unicode);
    SECURITY_STATUS (*encrypt_message)(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq);
    SECURITY_STATUS (*decrypt_message)(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop);
    SECURITY_STATUS (*make_signature)(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq);
    SECURITY_STATUS (*verify_signature)(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop);
    SECURITY_STATUS (*complete_auth_token)(void *ctx, SecBufferDesc *token);
    /* The client's token for a server context: a new handle the caller closes. */
    SECURITY_STATUS (*query_context_token)(void *ctx, HANDLE *token);
    SECURITY_STATUS (*impersonate_context)(void *ctx);
    SECURITY_STATUS (*revert_context)(void *ctx);
};

/* One name under which a package is known; a package may have several (Schannel has three). */
struct sspi_package
{
    const WCHAR *name;
    const WCHAR *comment;
    ULONG capabilities;
    USHORT version;
    USHORT rpc_id;
    ULONG max_token;
    const struct sspi_package_ops *ops;
};

/* The old names of EncryptMessage and DecryptMessage, which sspi.h no longer declares. */
SECURITY_STATUS WINAPI SealMessage(CtxtHandle *handle, ULONG qop, SecBufferDesc *message, ULONG seq);
SECURITY_STATUS WINAPI UnsealMessage(CtxtHandle *handle, SecBufferDesc *message, ULONG seq, ULONG *qop);

/* sspi_packages.c */
const struct sspi_package *sspi_find_package(const WCHAR *name);
/* The package's SecPkgInfoA/W in one FreeContextBuffer block (SECPKG_ATTR_PACKAGE_INFO). */
void *sspi_package_info(const struct sspi_package *package, BOOL unicode);

/* sspi_handles.c: handles map to reference-counted entries, so that a handle deleted by one thread
 * while another uses it stays valid for the user until that call returns. */
enum sspi_handle_kind { SSPI_CREDENTIALS, SSPI_CONTEXT };

struct sspi_object
{
    const struct sspi_package *package;
    void *object;
};

SECURITY_STATUS sspi_handle_create(SecHandle *handle, enum sspi_handle_kind kind,
                                   const struct sspi_package *package, void *object);
/* Returns a referenced entry, or NULL for a NULL, unknown or deleted handle. */
struct sspi_object *sspi_handle_get(const SecHandle *handle, enum sspi_handle_kind kind);
void sspi_handle_put(struct sspi_object *entry);

/* Calls package operation OP on the object behind HANDLE: SEC_E_INVALID_HANDLE for a dead handle,
 * SEC_E_UNSUPPORTED_FUNCTION when the package lacks OP, else what OP returns. */
#define sspi_dispatch(kind, handle, op, ...) \
    ({ \
        struct sspi_object *obj_ = sspi_handle_get(handle, kind); \
        SECURITY_STATUS status_ = obj_ ? SEC_E_UNSUPPORTED_FUNCTION : SEC_E_INVALID_HANDLE; \
        if (obj_ && obj_->package->ops->op) status_ = obj_->package->ops->op(obj_->object, ##__VA_ARGS__); \
        if (obj_) sspi_handle_put(obj_); \
        status_; \
    })
/* Removes the handle; the object is freed when the last user puts it. FALSE if not a live handle. */
BOOL sspi_handle_delete(const SecHandle *handle, enum sspi_handle_kind kind);

/* sasl/sasl_contexts.c: a deleted context's SASL state goes with it. */
void sasl_forget_context(const CtxtHandle *handle);

/* sspi_caller.c: fills CALLER for the module holding ADDRESS (a return address). */
void sspi_identify_caller(const void *address, struct sspi_caller *caller);

/* sspi_memory.c: what callers free with FreeContextBuffer comes from the process heap. */
void *sspi_alloc(SIZE_T size);
void sspi_free(void *ptr);
WCHAR *sspi_strdup_atow(const char *str);
/* Length in bytes of the A form of a wide string, terminator included. */
int sspi_wtoa_size(const WCHAR *str);
char *sspi_wtoa_into(const WCHAR *str, char *out, int size);

#endif /* SSPI_PRIVATE_H */
