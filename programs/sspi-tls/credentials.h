/*
 * sspi-tls: the credentials handle: protocol versions, validation mode, and a certificate from a
 * PFX file or a system store.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_CREDENTIALS_H
#define SSPI_TLS_CREDENTIALS_H

#define SECURITY_WIN32
#include <windows.h>
#include <wincrypt.h>
#include <sspi.h>

#include "options.h"

struct credentials
{
    CredHandle handle;
    PCCERT_CONTEXT cert;        /* ours, or NULL */
    BOOL key_imported;          /* the PFX's key container is ours to delete */
};

/* FALSE after error_set. */
BOOL credentials_acquire(const struct options *opts, struct credentials *creds);
void credentials_free(struct credentials *creds);

#endif
