/*
 * The client's token on a hosted package's server context (QuerySecurityContextToken,
 * ImpersonateSecurityContext, RevertSecurityContext) and CompleteAuthToken.
 *
 * A package that has SpGetContextToken or SpCompleteAuthToken in its user-mode table answers
 * itself.  Wine's msv1_0 and kerberos have neither: their server contexts end with the logon
 * accepted and no token, which Windows' LSA would have made (docs/windows-behaviour.md).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

/* Under Wine every account a package accepts is the prefix's one user, and the process token is
 * the only token for it (Wine cannot make tokens for other accounts).  Anywhere else a logon
 * without a package token has none to give. */
static BOOL process_token_is_everyone(void)
{
    return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != NULL;
}

/* Whether the context can give a token, and the attributes of its last step (read under the
 * context's lock: another thread may be stepping it). */
static BOOL has_token(struct lsa_handle *ctx, ULONG *attrs)
{
    const SECPKG_USER_FUNCTION_TABLE *user = ctx->package->user;
    BOOL logged_on;

    if (user && user->GetContextToken) return TRUE;
    AcquireSRWLockShared(&ctx->lock);
    logged_on = ctx->server && ctx->complete;
    if (attrs) *attrs = ctx->attrs;
    ReleaseSRWLockShared(&ctx->lock);
    return logged_on && process_token_is_everyone();
}

/* What Windows hands a server: an impersonation token, of identification level when the client
 * asked for ISC_REQ_IDENTIFY. */
static SECURITY_STATUS process_token(ULONG attrs, HANDLE *token)
{
    SECURITY_IMPERSONATION_LEVEL level = attrs & ASC_RET_IDENTIFY ? SecurityIdentification : SecurityImpersonation;
    HANDLE process;
    BOOL done;

    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE | TOKEN_QUERY, &process)) return SEC_E_INTERNAL_ERROR;
    done = DuplicateTokenEx(process, TOKEN_ALL_ACCESS, NULL, level, TokenImpersonation, token);
    CloseHandle(process);
    return done ? SEC_E_OK : SEC_E_INTERNAL_ERROR;
}

/* The package's token stays the package's; the caller gets its own handle to it. */
static SECURITY_STATUS package_token(struct lsa_handle *ctx, HANDLE *token)
{
    HANDLE own;
    SECURITY_STATUS status;

    AcquireSRWLockShared(&ctx->lock);
    status = ctx->package->user->GetContextToken(ctx->handle, &own);
    if (status == SEC_E_OK &&
        !DuplicateHandle(GetCurrentProcess(), own, GetCurrentProcess(), token, 0, FALSE, DUPLICATE_SAME_ACCESS))
        status = SEC_E_INTERNAL_ERROR;
    ReleaseSRWLockShared(&ctx->lock);
    return status;
}

SECURITY_STATUS lsa_context_token(void *object, HANDLE *token)
{
    struct lsa_handle *ctx = object;
    const SECPKG_USER_FUNCTION_TABLE *user = ctx->package->user;
    ULONG attrs = 0;

    if (!token) return SEC_E_INVALID_PARAMETER;
    if (!has_token(ctx, &attrs)) return SEC_E_NO_IMPERSONATION;
    if (user && user->GetContextToken) return package_token(ctx, token);
    return process_token(attrs, token);
}

SECURITY_STATUS lsa_impersonate(void *object)
{
    struct lsa_handle *ctx = object;
    SECURITY_STATUS status;
    HANDLE token;
    BOOL done;

    if ((status = lsa_context_token(ctx, &token))) return status;
    done = SetThreadToken(NULL, token);
    TRACE("impersonating: %d\n", done);
    CloseHandle(token);
    return done ? SEC_E_OK : SEC_E_NO_IMPERSONATION;
}

SECURITY_STATUS lsa_revert(void *object)
{
    struct lsa_handle *ctx = object;
    if (!has_token(ctx, NULL)) return SEC_E_NO_IMPERSONATION;
    return RevertToSelf() ? SEC_E_OK : SEC_E_INTERNAL_ERROR;
}

/* The packages here never ask for completion (SEC_I_COMPLETE_NEEDED): there is nothing to do. */
SECURITY_STATUS lsa_complete_token(void *object, SecBufferDesc *token)
{
    struct lsa_handle *ctx = object;
    const SECPKG_USER_FUNCTION_TABLE *user = ctx->package->user;
    SECURITY_STATUS status;

    if (!token) return SEC_E_INVALID_TOKEN;
    if (!user || !user->CompleteAuthToken) return SEC_E_OK;
    AcquireSRWLockExclusive(&ctx->lock);
    status = user->CompleteAuthToken(ctx->handle, token);
    ReleaseSRWLockExclusive(&ctx->lock);
    return status;
}
