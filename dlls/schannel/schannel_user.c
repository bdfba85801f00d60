/*
 * SpUserModeInitialize: the user-mode table of the Schannel package (ntsecpkg.h's
 * SECPKG_USER_FUNCTION_TABLE), on the context handles of the LSA-mode table (schannel_lsa.c).
 * SealMessage and UnsealMessage are secur32's EncryptMessage and DecryptMessage; Schannel has no
 * signatures, and secur32 says so for MakeSignature and VerifySignature.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_lsa.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

NTSTATUS WINAPI SpUserModeInitialize(ULONG lsa_version, ULONG *package_version, SECPKG_USER_FUNCTION_TABLE **tables,
                                     ULONG *count);

static NTSTATUS NTAPI instance_init(ULONG version, SECPKG_DLL_FUNCTIONS *functions, void **user_functions)
{
    TRACE("%#lx %p\n", version, functions);
    return STATUS_SUCCESS;
}

/* The LSA-mode step never asks for a mapped context (host and package share the process): a
 * host that calls this anyway has nothing to unpack. */
static NTSTATUS NTAPI init_user_mode_context(LSA_SEC_HANDLE handle, SecBuffer *packed)
{
    return lsa_object_handle(handle, LSA_CTXT_MAGIC) ? STATUS_SUCCESS : SEC_E_INVALID_HANDLE;
}

static LSA_ENTRY(make_signature, LSA_CTXT_MAGIC, MakeSignature,
                 (LSA_SEC_HANDLE handle, ULONG qop, SecBufferDesc *message, ULONG seq), (sspi, qop, message, seq))
static LSA_ENTRY(verify_signature, LSA_CTXT_MAGIC, VerifySignature,
                 (LSA_SEC_HANDLE handle, SecBufferDesc *message, ULONG seq, ULONG *qop), (sspi, message, seq, qop))
static LSA_ENTRY(seal_message, LSA_CTXT_MAGIC, EncryptMessage,
                 (LSA_SEC_HANDLE handle, ULONG qop, SecBufferDesc *message, ULONG seq), (sspi, qop, message, seq))
static LSA_ENTRY(unseal_message, LSA_CTXT_MAGIC, DecryptMessage,
                 (LSA_SEC_HANDLE handle, SecBufferDesc *message, ULONG seq, ULONG *qop), (sspi, message, seq, qop))
static LSA_ENTRY(get_context_token, LSA_CTXT_MAGIC, QuerySecurityContextToken,
                 (LSA_SEC_HANDLE handle, HANDLE *token), (sspi, token))
static LSA_ENTRY(complete_auth_token, LSA_CTXT_MAGIC, CompleteAuthToken,
                 (LSA_SEC_HANDLE handle, SecBufferDesc *input), (sspi, input))

/* The context is one for both tables: the LSA-mode DeleteContext frees it. */
static NTSTATUS NTAPI delete_user_mode_context(LSA_SEC_HANDLE handle)
{
    return lsa_object_handle(handle, LSA_CTXT_MAGIC) ? STATUS_SUCCESS : SEC_E_INVALID_HANDLE;
}

static SECPKG_USER_FUNCTION_TABLE user_table =
{
    .InstanceInit = instance_init,
    .InitUserModeContext = init_user_mode_context,
    .MakeSignature = make_signature,
    .VerifySignature = verify_signature,
    .SealMessage = seal_message,
    .UnsealMessage = unseal_message,
    .GetContextToken = get_context_token,
    .QueryContextAttributes = schannel_query_context,
    .CompleteAuthToken = complete_auth_token,
    .DeleteUserModeContext = delete_user_mode_context,
};

NTSTATUS WINAPI SpUserModeInitialize(ULONG lsa_version, ULONG *package_version, SECPKG_USER_FUNCTION_TABLE **tables,
                                     ULONG *count)
{
    TRACE("%#lx %p %p %p\n", lsa_version, package_version, tables, count);
    return schannel_give_table(package_version, (void **)tables, count, &user_table);
}
