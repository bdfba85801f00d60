/*
 * Inside the TLS engine: the GnuTLS objects behind the opaque types.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TLS_PRIVATE_H
#define TLS_PRIVATE_H

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/dtls.h>

#include "tls_engine.h"
#include "sspi_debug.h"

#define TLS_HEADER_SIZE 5
#define DTLS_HEADER_SIZE 13

struct tls_credentials
{
    gnutls_certificate_credentials_t cert;
};

BOOL tls_output_append(struct tls_output *out, const void *data, SIZE_T size);
BOOL tls_session_is_server(struct tls_session *session);
BOOL tls_session_is_datagram(struct tls_session *session);
gnutls_session_t tls_session_gnutls(struct tls_session *session);

#endif /* TLS_PRIVATE_H */
