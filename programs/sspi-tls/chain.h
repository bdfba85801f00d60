/*
 * sspi-tls: the certificates the peer sent, and the tool's own validation of them.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_CHAIN_H
#define SSPI_TLS_CHAIN_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define CHAIN_MAX 8

struct peer_chain
{
    SECURITY_STATUS status;     /* of QueryContextAttributes(REMOTE_CERT_CONTEXT) */
    unsigned count;             /* the leaf first, then the other certificates the peer sent */
    char subject[CHAIN_MAX][256];
    char issuer[CHAIN_MAX][256];
    LONG validation;            /* 0 when valid, else a CERT_E_ / TRUST_E_ code ... */
    DWORD trust_errors;         /* ... and the chain's CERT_TRUST_ error bits */
};

/* NAME: the server name to check (client side), or NULL for a client's certificate. */
void chain_inspect(CtxtHandle *ctx, const char *name, struct peer_chain *chain);

#endif
