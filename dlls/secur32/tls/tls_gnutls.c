/*
 * The TLS engine over GnuTLS: library start-up, record framing, credentials and keys.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"

DEFAULT_DEBUG_CHANNEL(tls);

static INIT_ONCE startup_once = INIT_ONCE_STATIC_INIT;

static void log_gnutls(int level, const char *message)
{
    TRACE("gnutls(%d): %s", level, message);
}

/* GnuTLS reads the clock several times per handshake (session times, ticket ages, certificate
 * dates).  Wine's msvcrt time() asks for the time zone on every call, a system call in which glibc
 * checks /etc/localtime twice; seconds since 1970 in UTC need none of that. */
static time_t utc_seconds(time_t *out)
{
    FILETIME now;
    ULARGE_INTEGER ticks;
    time_t seconds;

    GetSystemTimeAsFileTime(&now);
    ticks.LowPart = now.dwLowDateTime;
    ticks.HighPart = now.dwHighDateTime;
    seconds = (ticks.QuadPart - 116444736000000000ull) / 10000000;   /* 100 ns units since 1601 */
    if (out) *out = seconds;
    return seconds;
}

static BOOL WINAPI startup(INIT_ONCE *once, void *param, void **context)
{
    int ret;

    if ((ret = gnutls_global_init()) < 0)
    {
        ERR("gnutls_global_init failed: %s\n", gnutls_strerror(ret));
        return FALSE;
    }
    gnutls_global_set_time_function(utc_seconds);
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

void tls_output_free(struct tls_output *out)
{
    if (out->data) HeapFree(GetProcessHeap(), 0, out->data);
    memset(out, 0, sizeof(*out));
}

void tls_output_wipe(struct tls_output *out)
{
    if (out->data) SecureZeroMemory(out->data, out->capacity);
    tls_output_free(out);
}

BOOL tls_output_append(struct tls_output *out, const void *data, SIZE_T size)
{
    if (out->size + size > out->capacity)
    {
        SIZE_T capacity = max(out->capacity * 2, out->size + size + 512);
        BYTE *grown = out->data ? HeapReAlloc(GetProcessHeap(), 0, out->data, capacity)
                                : HeapAlloc(GetProcessHeap(), 0, capacity);
        if (!grown) return FALSE;
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->size, data, size);
    out->size += size;
    return TRUE;
}

struct tls_credentials *tls_credentials_create(void)
{
    struct tls_credentials *creds;

    if (!tls_engine_startup()) return NULL;
    if (!(creds = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*creds)))) return NULL;
    InitializeSRWLock(&creds->priority_lock);
    if (gnutls_certificate_allocate_credentials(&creds->cert) < 0)
    {
        HeapFree(GetProcessHeap(), 0, creds);
        return NULL;
    }
    return creds;
}

void tls_credentials_free(struct tls_credentials *creds)
{
    unsigned i;

    if (!creds) return;
    for (i = 0; i < ARRAYSIZE(creds->priorities); i++)
        if (creds->priorities[i].priority) gnutls_priority_deinit(creds->priorities[i].priority);
    gnutls_certificate_free_credentials(creds->cert);
    HeapFree(GetProcessHeap(), 0, creds);
}

static gnutls_datum_t datum(const struct tls_blob *blob)
{
    gnutls_datum_t d = { (unsigned char *)blob->data, (unsigned int)blob->size };
    return d;
}

BOOL tls_credentials_set_certificate(struct tls_credentials *creds, const struct tls_blob *chain,
                                     unsigned count, const struct tls_signer *signer)
{
    gnutls_pcert_st certs[ARRAYSIZE(creds->chain)];
    gnutls_privkey_t key;
    const struct tls_signer *kept;
    unsigned i, imported = 0;
    int ret;

    if (!count || count > ARRAYSIZE(certs))
    {
        signer->release(signer->ctx);
        return FALSE;
    }
    if (!(key = tls_signer_key(signer, &kept))) return FALSE;
    for (; imported < count; imported++)
    {
        gnutls_datum_t der = datum(&chain[imported]);
        if (gnutls_pcert_import_x509_raw(&certs[imported], &der, GNUTLS_X509_FMT_DER, 0) < 0) break;
    }
    /* On success the credentials own the certificates and the key.  GnuTLS signs once to check
     * that the key is the certificate's. */
    if (imported == count && (ret = gnutls_certificate_set_key(creds->cert, NULL, 0, certs, count, key)) >= 0)
    {
        /* Shallow copies: what they point to belongs to the credentials now. */
        memcpy(creds->chain, certs, count * sizeof(*certs));
        creds->count = count;
        creds->key = key;
        creds->signer = kept;
        return TRUE;
    }
    if (imported == count) WARN("certificate and key rejected: %s\n", gnutls_strerror(ret));
    for (i = 0; i < imported; i++) gnutls_pcert_deinit(&certs[i]);
    gnutls_privkey_deinit(key);
    return FALSE;
}
