/*
 * A test PKI made with CryptoAPI on the spot: certificates with their own RSA keys, signed by a
 * chosen issuer, with chosen validity, usage and names; and a trusted root installed for the run.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef PKI_SUPPORT_H
#define PKI_SUPPORT_H

#include <windows.h>
#include <wincrypt.h>

struct pki_spec
{
    const char *subject;        /* the CN; a leaf also gets it as its DNS name */
    PCCERT_CONTEXT issuer;      /* signs the certificate; NULL: self-signed */
    BOOL ca;                    /* basic constraints CA */
    int from_days, to_days;     /* validity, in days from now */
    const char *usage;          /* the one extended key usage OID, or NULL for none */
};

/* The certificate in a memory store of its own, its exportable key in a fresh CryptoAPI container
 * (free_test_certificate deletes it). */
PCCERT_CONTEXT make_pki_certificate(const struct pki_spec *spec);
/* Adds CERT to the store of LEAF (a server sends what its chain engine finds there). */
BOOL add_to_own_store(PCCERT_CONTEXT leaf, PCCERT_CONTEXT cert);

/* LocalMachine\Root (CurrentUser\Root would ask the user on Windows): FALSE when the store cannot
 * be written (not an administrator). */
BOOL install_root(PCCERT_CONTEXT root);
void remove_root(PCCERT_CONTEXT root);

#endif /* PKI_SUPPORT_H */
