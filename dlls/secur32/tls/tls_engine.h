/*
 * The TLS engine: the package's only door to GnuTLS.  Nothing outside dlls/secur32/tls/ includes
 * gnutls.h; the Schannel package sees these opaque types and calls.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TLS_ENGINE_H
#define TLS_ENGINE_H

#include <windows.h>

struct tls_credentials;

/* Initialises the engine once per process, on first use (never from DllMain). */
BOOL tls_engine_startup(void);
const char *tls_engine_version(void);

struct tls_credentials *tls_credentials_create(void);
void tls_credentials_free(struct tls_credentials *creds);

#endif /* TLS_ENGINE_H */
