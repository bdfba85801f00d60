/*
 * The hosted packages room: LSA packages (Wine's msv1_0.dll and kerberos.dll, third-party SSP/APs)
 * loaded into the process and driven through their SpLsaModeInitialize/SpUserModeInitialize
 * tables, Negotiate over them, and the LSA client functions.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef LSA_PRIVATE_H
#define LSA_PRIVATE_H

#include "lsa_packages.h"
#include <ntstatus.h>
#include <ntsecapi.h>
#include <ntsecpkg.h>

/* One loaded LSA package (one of its function tables). */
struct lsa_package
{
    HMODULE module;
    ULONG package_id;              /* what LsaLookupAuthenticationPackage returns: 1, 2, ... */
    ULONG version;                 /* the SECPKG_INTERFACE_VERSION its LSA-mode table has */
    SECPKG_FUNCTION_TABLE *lsa;    /* LSA mode: credentials, contexts, CallPackage */
    SECPKG_USER_FUNCTION_TABLE *user; /* user mode: signatures and sealing, or NULL */
    LSA_STRING *lsa_name;          /* the name InitializePackage gave, in the LSA heap */
    SecPkgInfoW info;              /* from GetInfo: the strings are the package's own */
};

/* A credential or context of a hosted package, as the SSPI front end holds it. */
struct lsa_handle
{
    const struct lsa_package *package;
    LSA_SEC_HANDLE handle;
    SRWLOCK lock;                  /* the packages keep no locks of their own on a context */
    /* Default outbound credentials the package has not got yet (Kerberos without a ticket):
     * acquired on the first InitializeSecurityContext, as Windows' LSA does. */
    BOOL deferred;
    ULONG use;
    WCHAR *principal;
    /* A context: which side, whether its handshake is done, the attributes its last step gave. */
    BOOL server;
    BOOL complete;
    ULONG attrs;
};

#define LSA_MAX_PACKAGES 16

/* lsa_load.c: the packages load once, on first use, outside the loader lock; more may be added
 * later (AddSecurityPackage), one at a time. */
BOOL lsa_load_package(const WCHAR *dll);
extern struct lsa_package lsa_packages[LSA_MAX_PACKAGES];
extern ULONG lsa_package_count;
const struct lsa_package *lsa_find_package_a(const char *name, USHORT length);
const struct lsa_package *lsa_find_package_w(const WCHAR *name);

/* lsa_add_package.c: whether Negotiate may choose the package (DeleteSecurityPackage takes it off). */
BOOL lsa_negotiable(const struct lsa_package *package);

/* sspicli_forward.c: on Windows, the packages of the real LSA through sspicli. */
void lsa_forward_packages(HMODULE sspicli);
FARPROC lsa_forward(const char *name);
#define LSA_FORWARD(type, name, ...) \
    do { type (WINAPI *forward_)() = (void *)lsa_forward(#name); \
         if (forward_) return forward_(__VA_ARGS__); } while (0)

/* lsa_dispatch.c: what the packages call back into (heap and client buffers run in process). */
extern LSA_DISPATCH_TABLE lsa_dispatch_table;
extern SECPKG_DLL_FUNCTIONS lsa_dll_functions;
void lsa_heap_free(void *ptr);

/* lsa_sspi.c: the SSPI operations on a hosted package's tables. */
extern const struct sspi_package_ops lsa_package_ops;
SECURITY_STATUS lsa_acquire(const struct lsa_package *package, const WCHAR *principal, ULONG use,
                            void *auth_data, struct lsa_handle **cred, TimeStamp *expiry);
void lsa_release(struct lsa_handle *handle, BOOL context);
SECURITY_STATUS lsa_step(BOOL server, struct lsa_handle *cred, struct lsa_handle **ctx,
                         const WCHAR *target, ULONG req, SecBufferDesc *input, SecBufferDesc *output,
                         ULONG *attrs, TimeStamp *expiry);

SECURITY_STATUS lsa_apply_control_token(void *ctx, SecBufferDesc *input);
SECURITY_STATUS lsa_set_context(void *ctx, ULONG attr, void *buffer, ULONG size, BOOL unicode);

/* lsa_impersonation.c: the client's token on a server context, and CompleteAuthToken. */
SECURITY_STATUS lsa_context_token(void *ctx, HANDLE *token);
SECURITY_STATUS lsa_impersonate(void *ctx);
SECURITY_STATUS lsa_revert(void *ctx);
SECURITY_STATUS lsa_complete_token(void *ctx, SecBufferDesc *token);

/* negotiate_call.c: Negotiate's CallPackage (package id 0). */
NTSTATUS negotiate_call_package(void *in, ULONG in_size, void **out, ULONG *out_size, NTSTATUS *protocol_status);

/* lsa_sessions.c: the process's own logon session, from its token. */
BOOL lsa_own_logon_id(LUID *luid);

/* lsa_tokens.c */
const SecBuffer *lsa_find_token(const SecBufferDesc *input);
SECURITY_STATUS lsa_token_first(const SecBufferDesc *input, SecBufferDesc *desc, SecBuffer *buffers, ULONG max);
SECURITY_STATUS lsa_check_output(const SecBufferDesc *output, BOOL allocate);
SECURITY_STATUS lsa_put_token(SecBufferDesc *output, BOOL allocate, const BYTE *data, ULONG len);
/* Room for any package's token (Negotiate's maximum and some). */
#define LSA_TOKEN_ROOM (48256 + 64)
ULONG lsa_ntlm_message_type(const SecBufferDesc *input); /* 0 when not an NTLM message */
SECURITY_STATUS lsa_check_token(const struct lsa_package *package, BOOL server, BOOL first,
                                const SecBufferDesc *input);

/* lsa_attributes.c */
SECURITY_STATUS lsa_query_context(struct lsa_handle *ctx, ULONG attr, void *buffer, BOOL unicode);

/* lsa_messages.c */
SECURITY_STATUS lsa_make_signature(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq);
SECURITY_STATUS lsa_verify_signature(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop);
SECURITY_STATUS lsa_encrypt(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq);
SECURITY_STATUS lsa_decrypt(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop);

#endif /* LSA_PRIVATE_H */
