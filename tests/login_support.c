/*
 * One side of an SSPI login in a test (login_support.h).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "login_support.h"

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
        side->status = AcceptSecurityContext(&side->cred, side->has_ctx ? &side->ctx : NULL, &in_desc, side->req,
                                             SECURITY_NATIVE_DREP, &side->ctx, &out_desc, &side->attrs, &expiry);
    else
        side->status = InitializeSecurityContextW(&side->cred, side->has_ctx ? &side->ctx : NULL,
                                                  (WCHAR *)side->target, side->req, 0, SECURITY_NATIVE_DREP,
                                                  in ? &in_desc : NULL, 0, &side->ctx, &out_desc, &side->attrs, &expiry);
    if (side->status == SEC_E_OK || side->status == SEC_I_CONTINUE_NEEDED) side->has_ctx = TRUE;
    side->token_size = out_buf.cbBuffer;
    return side->status;
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
