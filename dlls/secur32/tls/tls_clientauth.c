/*
 * Client authentication in the TLS engine: a server asks for the client's certificate; a client
 * without one stops its handshake when asked, until the caller answers.
 *
 * GnuTLS asks for the client's certificate from inside gnutls_handshake and cannot be resumed once
 * that call fails, so a client that may have to wait runs gnutls_handshake on a fiber of its own:
 * the certificate callback switches back to the caller, whose step ends with TLS_NEED_CERTIFICATE,
 * and the next step switches into the fiber again with the answer.  A finished handshake gives its
 * fiber back to a small pool rather than deleting it, so that a client creates no fiber (and maps no
 * stack) per handshake.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"

DEFAULT_DEBUG_CHANNEL(tls);

/* Committed at first; the stack reserve is the process's default. */
#define FIBER_STACK_COMMIT (64 * 1024)
#define IDLE_FIBERS 4

/* A fiber that runs gnutls_handshake for whichever session's wait it is lent to. */
struct handshake_fiber
{
    void *fiber;
    struct tls_cert_wait *wait;
};

static SRWLOCK idle_lock = SRWLOCK_INIT;
static struct handshake_fiber *idle_fibers[IDLE_FIBERS];
static unsigned idle_count;

struct tls_cert_wait
{
    struct tls_session *session;
    struct handshake_fiber *fiber;  /* runs gnutls_handshake, while lent to this wait */
    void *caller;               /* the fiber of the step that switched to it */
    int ret;                    /* what gnutls_handshake returned */
    BOOL waiting;               /* stopped in the certificate callback */
    BOOL abort;                 /* the session goes away: fail the handshake */
    BOOL hello_sent;            /* the first call, which writes the ClientHello, has run */
    struct tls_credentials *answer;     /* the caller's certificate, or NULL for none */
    BYTE *issuers;              /* the CertificateRequest's CA names, one after another */
    unsigned issuer_count;
    SIZE_T issuer_sizes[64];
};

void tls_session_request_certificate(struct tls_session *session)
{
    /* GNUTLS_CERT_REQUEST, not REQUIRE: a client that sends none is the caller's to judge, as with
     * Windows.  The CertificateRequest names no CAs. */
    TRACE("%p\n", session);
    gnutls_certificate_server_set_request(tls_session_gnutls(session), GNUTLS_CERT_REQUEST);
}

static void keep_issuers(struct tls_cert_wait *wait, const gnutls_datum_t *names, unsigned count)
{
    SIZE_T size = 0, pos = 0;
    unsigned i;

    HeapFree(GetProcessHeap(), 0, wait->issuers);
    wait->issuers = NULL;
    wait->issuer_count = 0;
    count = min(count, ARRAYSIZE(wait->issuer_sizes));
    for (i = 0; i < count; i++) size += names[i].size;
    if (!count || !(wait->issuers = HeapAlloc(GetProcessHeap(), 0, size))) return;
    for (i = 0; i < count; i++)
    {
        memcpy(wait->issuers + pos, names[i].data, names[i].size);
        wait->issuer_sizes[i] = names[i].size;
        pos += names[i].size;
    }
    wait->issuer_count = count;
}

/* Whether the key of CREDS can sign with one of the algorithms the server's CertificateRequest
 * accepts (TLS 1.3 with RSA: PSS).  GnuTLS would leave such a certificate out without a word. */
static BOOL usable(gnutls_session_t s, const struct tls_credentials *creds)
{
    BOOL tls13 = gnutls_protocol_get_version(s) == GNUTLS_TLS1_3;
    gnutls_sign_algorithm_t algo;
    unsigned i;

    for (i = 0; !gnutls_sign_algorithm_get_requested(s, i, &algo); i++)
    {
        /* TLS 1.3 signs with RSA through PSS only; PKCS#1 entries name certificate signatures. */
        if (tls13 && gnutls_sign_get_pk_algorithm(algo) == GNUTLS_PK_RSA) continue;
        if (tls_signer_supports(creds->signer, algo)) return TRUE;
    }
    return !i;
}

BOOL tls_session_certificate_usable(struct tls_session *session, struct tls_credentials *creds)
{
    return creds->count && usable(tls_session_gnutls(session), creds);
}

/* mingw-w64's inline GetCurrentFiber reads the TEB at a constant address, which GCC 12 takes for an
 * out-of-bounds access. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
static void *current_fiber(void)
{
    return GetCurrentFiber();
}
#pragma GCC diagnostic pop

/* GnuTLS asks which certificate the client sends (on the handshake fiber, when waiting is enabled). */
static int retrieve(gnutls_session_t s, const struct gnutls_cert_retr_st *info, gnutls_pcert_st **certs,
                    unsigned int *count, gnutls_ocsp_data_st **ocsp, unsigned int *ocsp_count,
                    gnutls_privkey_t *key, unsigned int *flags)
{
    struct tls_session *session = gnutls_session_get_ptr(s);
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);

    *count = 0;
    *ocsp_count = 0;
    *flags = 0;
    /* Only the handshake fiber can wait; on the caller's own stack the answer is "none". */
    if (!wait || !wait->fiber || !IsThreadAFiber() || current_fiber() != wait->fiber->fiber) return 0;
    keep_issuers(wait, info->req_ca_rdn, info->nreqs);
    TRACE("%p: the server asks for a certificate (%u CA names); waiting for the caller\n", session, info->nreqs);
    wait->waiting = TRUE;
    wait->answer = NULL;
    SwitchToFiber(wait->caller);
    /* The next step brings the answer. */
    wait->waiting = FALSE;
    if (wait->abort) return -1;
    if (wait->answer && wait->answer->count && !usable(s, wait->answer))
    {
        WARN("%p: the certificate's key cannot sign with what the server accepts\n", session);
        return -1;
    }
    if (wait->answer && wait->answer->count)
    {
        *certs = wait->answer->chain;
        *count = wait->answer->count;
        *key = wait->answer->key;
    }
    TRACE("%p: going on with %u certificates\n", session, *count);
    return 0;
}

void tls_credentials_wait_for_certificate(struct tls_credentials *creds)
{
    gnutls_certificate_set_retrieve_function3(creds->cert, retrieve);
}

static void CALLBACK run_handshakes(void *param)
{
    struct handshake_fiber *hf = param;

    for (;;)
    {
        struct tls_cert_wait *wait = hf->wait;
        wait->ret = gnutls_handshake(tls_session_gnutls(wait->session));
        SwitchToFiber(wait->caller);
    }
}

/* An idle fiber from the pool, or a new one, lent to WAIT. */
static struct handshake_fiber *lend_fiber(struct tls_cert_wait *wait)
{
    struct handshake_fiber *hf = NULL;

    AcquireSRWLockExclusive(&idle_lock);
    if (idle_count) hf = idle_fibers[--idle_count];
    ReleaseSRWLockExclusive(&idle_lock);
    if (!hf)
    {
        if (!(hf = HeapAlloc(GetProcessHeap(), 0, sizeof(*hf)))) return NULL;
        if (!(hf->fiber = CreateFiberEx(FIBER_STACK_COMMIT, 0, FIBER_FLAG_FLOAT_SWITCH, run_handshakes, hf)))
        {
            HeapFree(GetProcessHeap(), 0, hf);
            return NULL;
        }
    }
    hf->wait = wait;
    return hf;
}

/* Back to the pool once its gnutls_handshake has returned; deleted when the pool is full. */
static void return_fiber(struct handshake_fiber *hf)
{
    hf->wait = NULL;
    AcquireSRWLockExclusive(&idle_lock);
    if (idle_count < IDLE_FIBERS)
    {
        idle_fibers[idle_count++] = hf;
        hf = NULL;
    }
    ReleaseSRWLockExclusive(&idle_lock);
    if (!hf) return;
    DeleteFiber(hf->fiber);
    HeapFree(GetProcessHeap(), 0, hf);
}

BOOL tls_session_wait_for_certificate(struct tls_session *session)
{
    struct tls_cert_wait **wait = tls_session_cert_wait(session);

    if (!(*wait = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(**wait)))) return FALSE;
    (*wait)->session = session;
    return TRUE;
}

/* Switches to the handshake fiber until it returns or waits; the calling thread becomes a fiber for
 * the while if it is not one. */
static void enter_fiber(struct tls_cert_wait *wait)
{
    BOOL converted = FALSE;

    if (!IsThreadAFiber())
    {
        if (!ConvertThreadToFiber(NULL)) return;
        converted = TRUE;
    }
    wait->caller = current_fiber();
    SwitchToFiber(wait->fiber->fiber);
    if (converted) ConvertFiberToThread();
}

int tls_clientauth_handshake(struct tls_session *session)
{
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);

    /* The first call only writes the ClientHello: no CertificateRequest can reach it, so it runs on
     * the caller's stack, without a fiber switch or a thread conversion. */
    if (!wait || !wait->hello_sent)
    {
        if (wait) wait->hello_sent = TRUE;
        return gnutls_handshake(tls_session_gnutls(session));
    }
    if (!wait->fiber && !(wait->fiber = lend_fiber(wait)))
    {
        WARN("no fiber (%lu): the handshake cannot wait for a certificate\n", GetLastError());
        return gnutls_handshake(tls_session_gnutls(session));
    }
    wait->ret = GNUTLS_E_INTERNAL_ERROR;
    enter_fiber(wait);
    if (wait->waiting) return GNUTLS_E_AGAIN;
    if (!wait->ret)
    {
        /* Finished: the fiber is not needed until a renegotiation. */
        return_fiber(wait->fiber);
        wait->fiber = NULL;
    }
    return wait->ret;
}

BOOL tls_clientauth_waiting(struct tls_session *session)
{
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);
    return wait && wait->waiting;
}

unsigned tls_session_requested_issuers(struct tls_session *session, struct tls_blob *issuers, unsigned max)
{
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);
    SIZE_T pos = 0;
    unsigned i;

    if (!wait) return 0;
    for (i = 0; i < wait->issuer_count && i < max; i++)
    {
        issuers[i].data = wait->issuers + pos;
        issuers[i].size = wait->issuer_sizes[i];
        pos += wait->issuer_sizes[i];
    }
    return wait->issuer_count;
}

void tls_session_answer_certificate(struct tls_session *session, struct tls_credentials *creds)
{
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);

    if (wait && wait->waiting) wait->answer = creds;
}

void tls_clientauth_free(struct tls_session *session)
{
    struct tls_cert_wait *wait = *tls_session_cert_wait(session);

    if (!wait) return;
    /* A handshake stopped inside GnuTLS is failed, so that its call unwinds before the fiber goes. */
    if (wait->waiting)
    {
        wait->abort = TRUE;
        enter_fiber(wait);
    }
    if (wait->fiber) return_fiber(wait->fiber);
    HeapFree(GetProcessHeap(), 0, wait->issuers);
    HeapFree(GetProcessHeap(), 0, wait);
}
