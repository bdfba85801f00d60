/*
 * The SASL layer over the packages: the profiles (GSSAPI is Kerberos, GSS-SPNEGO is Negotiate),
 * and the SASL state of the contexts made through SaslInitializeSecurityContext and
 * SaslAcceptSecurityContext, kept beside the front end's handle table under the same handles.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SASL_PRIVATE_H
#define SASL_PRIVATE_H

#include "sspi_private.h"
#include "lsa/lsa_private.h"

#define SASL_DEFAULT_SIZE 0xffff
#define SASL_MAX_AUTHZ 1024        /* the longest authorization id taken */

/* RFC 4752's security layers, as the first byte of the wrapped layer messages. */
#define SASL_LAYER_NONE         1
#define SASL_LAYER_INTEGRITY    2
#define SASL_LAYER_CONFIDENTIAL 4

struct sasl_profile
{
    const WCHAR *name;          /* the SASL mechanism */
    const WCHAR *package;       /* the package under it */
    BOOL layers;                /* RFC 4752's wrapped security-layer exchange after the login */
};

/* sasl_profiles.c */
const struct sasl_profile *sasl_profile_of_package(const WCHAR *package);

enum sasl_phase
{
    SASL_LOGIN,                 /* the package's own tokens */
    SASL_SERVER_OFFER,          /* the server's login is done; it offers layers on the next step */
    SASL_CLIENT_CHOOSE,         /* the client's login is done; the next input is the server's offer */
    SASL_SERVER_CHECK,          /* the server waits for the client's choice */
    SASL_DONE,
};

struct sasl_context
{
    struct sasl_context *next;
    SRWLOCK lock;               /* held by the call that uses the context */
    CtxtHandle handle;
    const struct sasl_profile *profile;
    BOOL server;
    enum sasl_phase phase;
    ULONG attrs;                /* the context's ISC_RET_ or ASC_RET_ flags at the end of the login */
    ULONG send_size, recv_size;
    ULONG authz_processing;     /* Sasl_AuthZIDProcessed or Sasl_AuthZIDForbidden */
    BYTE *authz;                /* the authorization id: the client's to send, what the server got */
    ULONG authz_size;
    ULONG wrap_token_size;      /* the size of the package's token on a wrapped layer message */
};

/* sasl_contexts.c: a found context stays locked until sasl_context_put. */
struct sasl_context *sasl_context_get(const CtxtHandle *handle);
void sasl_context_put(struct sasl_context *ctx);

/* sasl_layers.c: RFC 4752's wrapped layer messages, after the package's login. */
SECURITY_STATUS sasl_layer_step(struct sasl_context *ctx, const SecBufferDesc *input,
                                SecBufferDesc *output, BOOL allocate);

#endif /* SASL_PRIVATE_H */
