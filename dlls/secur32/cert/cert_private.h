/*
 * Inside the certificate bridge: the signers of keys in CryptoAPI providers and in CNG.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef CERT_PRIVATE_H
#define CERT_PRIVATE_H

#include <ncrypt.h>

/* A signer over the CryptoAPI key of SPEC in PROV (released with the signer when RELEASE); AES, when
 * not 0, is the same key opened in a provider that also hashes with SHA-2 (always released). */
BOOL cert_capi_signer(HCRYPTPROV prov, BOOL release, HCRYPTPROV aes, DWORD spec, ULONG bits, struct tls_signer *out);
/* A signer over a CNG key (freed with the signer when RELEASE), PKCS1_KEY (or 0) a second handle of it
 * for PKCS#1 v1.5 signatures, and FALLBACK (or NULL) the same key elsewhere, for what CNG refuses.
 * The signer owns FALLBACK, even when this fails. */
BOOL cert_cng_signer(NCRYPT_KEY_HANDLE key, NCRYPT_KEY_HANDLE pkcs1_key, BOOL release, const struct tls_signer *fallback,
                     struct tls_signer *out);

#endif /* CERT_PRIVATE_H */
