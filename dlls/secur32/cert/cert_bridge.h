/*
 * The certificate bridge: Windows certificate contexts and their keys, in the TLS engine's terms.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef CERT_BRIDGE_H
#define CERT_BRIDGE_H

#include <windows.h>
#include <wincrypt.h>

#include "tls/tls_engine.h"

struct cert_key
{
    struct tls_private_key key;     /* points into storage */
    BYTE *storage;
    SIZE_T storage_size;
};

/* Exports the private key that belongs to CERT.  FALSE when it has none, or none we can export. */
BOOL cert_export_private_key(PCCERT_CONTEXT cert, struct cert_key *key);
/* Wipes and frees the key material. */
void cert_free_private_key(struct cert_key *key);

/* A context for the chain's leaf in a memory store that holds the whole chain (cert_chain.c). */
PCCERT_CONTEXT cert_context_from_chain(const struct tls_blob *chain, unsigned count);

#endif /* CERT_BRIDGE_H */
