/*
 * The TLS engine over GnuTLS: library start-up and credentials.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gnutls/gnutls.h>

#include "tls_engine.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(tls);

struct tls_credentials
{
    gnutls_certificate_credentials_t cert;
};

static INIT_ONCE startup_once = INIT_ONCE_STATIC_INIT;

static void log_gnutls(int level, const char *message)
{
    TRACE("gnutls(%d): %s", level, message);
}

static BOOL WINAPI startup(INIT_ONCE *once, void *param, void **context)
{
    int ret;

    if ((ret = gnutls_global_init()) < 0)
    {
        ERR("gnutls_global_init failed: %s\n", gnutls_strerror(ret));
        return FALSE;
    }
    if (TRACE_ON())
    {
        gnutls_global_set_log_function(log_gnutls);
        gnutls_global_set_log_level(4);
    }
    TRACE("GnuTLS %s ready\n", gnutls_check_version(NULL));
    return TRUE;
}

BOOL tls_engine_startup(void)
{
    return InitOnceExecuteOnce(&startup_once, startup, NULL, NULL);
}

const char *tls_engine_version(void)
{
    return gnutls_check_version(NULL);
}

struct tls_credentials *tls_credentials_create(void)
{
    struct tls_credentials *creds;

    if (!tls_engine_startup()) return NULL;
    if (!(creds = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*creds)))) return NULL;
    if (gnutls_certificate_allocate_credentials(&creds->cert) < 0)
    {
        HeapFree(GetProcessHeap(), 0, creds);
        return NULL;
    }
    return creds;
}

void tls_credentials_free(struct tls_credentials *creds)
{
    if (!creds) return;
    gnutls_certificate_free_credentials(creds->cert);
    HeapFree(GetProcessHeap(), 0, creds);
}
