/*
 * One side of an SSPI login in a test: its handles, the flags it asks for, its last token.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef LOGIN_SUPPORT_H
#define LOGIN_SUPPORT_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct login_side
{
    CredHandle cred;
    CtxtHandle ctx;
    BOOL has_ctx;
    SECURITY_STATUS status;
    const WCHAR *target;       /* the client's target name */
    ULONG req;                 /* ISC_REQ_* for a client, ASC_REQ_* for a server */
    BOOL sasl;                 /* steps through SaslInitializeSecurityContextW / SaslAcceptSecurityContext */
    ULONG attrs;               /* what the last step returned (ISC_RET_* or ASC_RET_*) */
    BYTE token[48256];         /* Negotiate's cbMaxToken */
    ULONG token_size;
};

/* Whether the hosted NTLM package is there (Wine's msv1_0 needs ntlm_auth). */
BOOL login_ntlm_present(void);
/* Fresh credentials of PACKAGE for a side that asks for confidentiality and integrity, as USER in
 * DOMAIN with PASSWORD (NULL USER: the default credentials), a client's targeting "localhost". */
SECURITY_STATUS login_acquire(struct login_side *side, const WCHAR *package, BOOL server, WCHAR *user,
                              WCHAR *domain, WCHAR *password);
/* Deletes the side's context, if it has one, for a new login on the same credentials. */
void login_drop_context(struct login_side *side);
/* Deletes the context and frees the credentials. */
void login_release(struct login_side *side);
/* One step: IN is the peer's last token (none on a client's first step).  A context that the
 * step creates is remembered; the side's token is what the step wrote. */
SECURITY_STATUS login_step(struct login_side *side, BOOL server, const BYTE *in, ULONG in_size);
/* Deletes both sides' contexts and credentials and frees the two (calloc'ed) sides. */
void login_end(struct login_side *client, struct login_side *server);
/* Whether the side's token holds NEEDLE anywhere (an OID, a message signature). */
BOOL login_token_has(const struct login_side *side, const void *needle, ULONG len);
/* Whether the calling thread has a token of its own (impersonates). */
BOOL login_thread_impersonates(void);
/* Impersonates the client of server context CTX and reverts, checking the thread's token before,
 * during and after: NULL when all went as it should, else what went wrong first. */
const char *login_impersonation_problem(CtxtHandle *ctx);
/* Whether TOKEN's user is the process's (under Wine every logon's: docs/windows-behaviour.md). */
BOOL login_token_is_own_user(HANDLE token);

#endif /* LOGIN_SUPPORT_H */
