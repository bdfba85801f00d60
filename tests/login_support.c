/*
 * One side of an SSPI login in a test (login_support.h).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include "login_support.h"

BOOL login_ntlm_present(void)
{
    SecPkgInfoW *info;

    if (QuerySecurityPackageInfoW((WCHAR *)L"NTLM", &info)) return FALSE;
    FreeContextBuffer(info);
    return TRUE;
}

SECURITY_STATUS login_acquire(struct login_side *side, const WCHAR *package, BOOL server, WCHAR *user,
                              WCHAR *domain, WCHAR *password)
{
    SEC_WINNT_AUTH_IDENTITY_W id = { (unsigned short *)user, user ? lstrlenW(user) : 0, (unsigned short *)domain,
                                     domain ? lstrlenW(domain) : 0, (unsigned short *)password,
                                     password ? lstrlenW(password) : 0, SEC_WINNT_AUTH_IDENTITY_UNICODE };
    TimeStamp expiry;

    memset(side, 0, sizeof(*side));
    side->target = L"localhost";
    side->req = server ? ASC_REQ_CONFIDENTIALITY | ASC_REQ_INTEGRITY : ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY;
    return AcquireCredentialsHandleW(NULL, (WCHAR *)package, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                     NULL, user ? &id : NULL, NULL, NULL, &side->cred, &expiry);
}

void login_drop_context(struct login_side *side)
{
    if (side->has_ctx) DeleteSecurityContext(&side->ctx);
    side->has_ctx = FALSE;
}

void login_release(struct login_side *side)
{
    login_drop_context(side);
    FreeCredentialsHandle(&side->cred);
}

SECURITY_STATUS login_step(struct login_side *side, BOOL server, const BYTE *in, ULONG in_size)
{
    SecBuffer in_buf = { in_size, SECBUFFER_TOKEN, (void *)in }, out_buf;
    SecBufferDesc in_desc = { SECBUFFER_VERSION, 1, &in_buf }, out_desc = { SECBUFFER_VERSION, 1, &out_buf };
    TimeStamp expiry;

    out_buf.BufferType = SECBUFFER_TOKEN;
    out_buf.cbBuffer = sizeof(side->token);
    out_buf.pvBuffer = side->token;
    side->attrs = ~0u; /* what the step leaves unwritten shows */
    if (server)
        side->status = (side->sasl ? SaslAcceptSecurityContext : AcceptSecurityContext)
                       (&side->cred, side->has_ctx ? &side->ctx : NULL, &in_desc, side->req,
                        SECURITY_NATIVE_DREP, &side->ctx, &out_desc, &side->attrs, &expiry);
    else
        side->status = (side->sasl ? SaslInitializeSecurityContextW : InitializeSecurityContextW)
                       (&side->cred, side->has_ctx ? &side->ctx : NULL, (WCHAR *)side->target, side->req, 0,
                        SECURITY_NATIVE_DREP, in ? &in_desc : NULL, 0, &side->ctx, &out_desc, &side->attrs, &expiry);
    if (side->status == SEC_E_OK || side->status == SEC_I_CONTINUE_NEEDED) side->has_ctx = TRUE;
    side->token_size = out_buf.cbBuffer;
    return side->status;
}

void login_end(struct login_side *client, struct login_side *server)
{
    if (client->has_ctx) DeleteSecurityContext(&client->ctx);
    if (server->has_ctx) DeleteSecurityContext(&server->ctx);
    FreeCredentialsHandle(&client->cred);
    FreeCredentialsHandle(&server->cred);
    free(client);
    free(server);
}

BOOL login_token_has(const struct login_side *side, const void *needle, ULONG len)
{
    ULONG i;

    for (i = 0; i + len <= side->token_size; i++) if (!memcmp(side->token + i, needle, len)) return TRUE;
    return FALSE;
}

BOOL login_thread_impersonates(void)
{
    HANDLE token;

    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token)) return FALSE;
    CloseHandle(token);
    return TRUE;
}

const char *login_impersonation_problem(CtxtHandle *ctx)
{
    if (login_thread_impersonates()) return "the thread impersonates already";
    if (ImpersonateSecurityContext(ctx) != SEC_E_OK) return "ImpersonateSecurityContext failed";
    if (!login_thread_impersonates()) return "the thread has no token";
    if (RevertSecurityContext(ctx) != SEC_E_OK) return "RevertSecurityContext failed";
    if (login_thread_impersonates()) return "the thread still impersonates";
    return NULL;
}

BOOL login_token_is_own_user(HANDLE token)
{
    BYTE buf[256], own_buf[256];
    TOKEN_USER *user = (TOKEN_USER *)buf, *own = (TOKEN_USER *)own_buf;
    HANDLE process;
    DWORD size;
    BOOL done;

    if (!GetTokenInformation(token, TokenUser, user, sizeof(buf), &size)) return FALSE;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &process)) return FALSE;
    done = GetTokenInformation(process, TokenUser, own, sizeof(own_buf), &size);
    CloseHandle(process);
    return done && EqualSid(user->User.Sid, own->User.Sid);
}
