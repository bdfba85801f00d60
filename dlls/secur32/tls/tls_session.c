/*
 * The TLS engine over GnuTLS: sessions, handshake steps, records and alerts.
 *
 * GnuTLS reads and writes through callbacks over memory: the records of the current call are
 * offered to it, and what it sends is collected in the caller's tls_output.
 *
 * One thread may send (EncryptMessage) while another receives (DecryptMessage) on the same
 * session, as GnuTLS allows: the receive side (input) and the send side (output) have their own
 * state and lock, taken in that order when a call needs both (handshake steps).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include "tls_private.h"
#include <schannel.h>

DEFAULT_DEBUG_CHANNEL(tls);

struct tls_session
{
    gnutls_session_t s;
    gnutls_priority_t priority;     /* the credentials' */
    gnutls_priority_t own_priority; /* or its own, when theirs was made from another string */
    LONG recv_lock;             /* guards the input fields and gnutls_record_recv */
    LONG send_lock;             /* guards the output fields and gnutls_record_send */
    BOOL server;
    BOOL datagram;
    const BYTE *in;             /* the records of the current call */
    SIZE_T in_size, in_pos;
    struct tls_output *out;     /* where sent bytes go during the current call */
    struct tls_segment *segments;   /* or there, during tls_encrypt */
    struct tls_output pending;  /* sent while decrypting (a KeyUpdate answer), for the next step; or, when
                                 * DEFER, the handshake's last flight, for the next record */
    BOOL defer;                 /* what goes out between records waits for the next record */
    BOOL established;           /* the handshake has finished */
    BOOL aborted;               /* a record was refused: the connection is over */
    BOOL gnutls_writes;         /* an alert or error went by: only GnuTLS knows what it may still send */
    LONG key_update_in;         /* a KeyUpdate of the peer's came in and GnuTLS may owe the answer */
    BOOL handshake_in;          /* a handshake message came with the current record */
    enum tls_error error;
    int alert;
    struct tls_resume resume;   /* reconnects (tls_resume.c) */
    tls_verify_peer verify;     /* the package's check of the peer's certificates, or NULL */
    void *verify_context;
    int verify_alert;           /* the alert that check chose, or 0 */
    struct tls_cert_wait *cert_wait;    /* a client that can wait for its certificate (tls_clientauth.c) */
    struct tls_sealer sealer;   /* records sealed in place (tls_record_seal.c) */
};

static ssize_t pull(gnutls_transport_ptr_t ptr, void *buffer, size_t size)
{
    struct tls_session *session = ptr;
    SIZE_T avail = session->in_size - session->in_pos;

    if (!avail)
    {
        gnutls_transport_set_errno(session->s, EAGAIN);
        return -1;
    }
    if (size > avail) size = avail;
    memcpy(buffer, session->in + session->in_pos, size);
    session->in_pos += size;
    return size;
}

static BOOL scatter(struct tls_segment *segments, const BYTE *data, SIZE_T size)
{
    int i;

    for (i = 0; i < 3 && size; i++)
    {
        SIZE_T n = min(size, segments[i].capacity - segments[i].used);
        memcpy(segments[i].data + segments[i].used, data, n);
        segments[i].used += n;
        data += n;
        size -= n;
    }
    return !size;
}

static ssize_t push(gnutls_transport_ptr_t ptr, const void *data, size_t size)
{
    struct tls_session *session = ptr;

    if (session->segments)
    {
        if (scatter(session->segments, data, size)) return size;
        gnutls_transport_set_errno(session->s, ENOBUFS);
        return -1;
    }

    if (!tls_output_append(session->out ? session->out : &session->pending, data, size))
    {
        gnutls_transport_set_errno(session->s, ENOMEM);
        return -1;
    }
    return size;
}

/* DTLS waits for the peer's next flight with a timeout, and retransmits its own when it expires.
 * Over memory the caller keeps the timer (as with Windows' Schannel): a call without records is
 * the timeout, while a call with records never times out, even once they are used up (reading on
 * then finds nothing, and the step ends). */
static int pull_timeout(gnutls_transport_ptr_t ptr, unsigned int ms)
{
    struct tls_session *session = ptr;
    return session->in_size != 0;
}

/* A side's lock, taken per record: one exchange to take it, a plain release store to give it back.
 * Two calls on one side of one context at once are rare (the caller's own threads racing, or a
 * handshake step against a query), so a waiter only spins and yields. */
static void side_lock(LONG *lock)
{
    unsigned spins = 0;

    while (InterlockedExchange(lock, 1))
        while (__atomic_load_n(lock, __ATOMIC_RELAXED))
            if (++spins < 64) YieldProcessor();
            else SwitchToThread();
}

static void side_unlock(LONG *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static void begin_recv(struct tls_session *session, const BYTE *in, SIZE_T size)
{
    side_lock(&session->recv_lock);
    session->in = in;
    session->in_size = size;
    session->in_pos = 0;
}

static void end_recv(struct tls_session *session)
{
    session->in = NULL;
    session->in_size = session->in_pos = 0;
    side_unlock(&session->recv_lock);
}

/* OUT (or SEGMENTS) collects what is sent; with neither, it goes to the pending output. */
static void begin_send(struct tls_session *session, struct tls_output *out, struct tls_segment *segments)
{
    side_lock(&session->send_lock);
    session->out = out;
    session->segments = segments;
}

static void end_send(struct tls_session *session)
{
    session->out = NULL;
    session->segments = NULL;
    side_unlock(&session->send_lock);
}

struct tls_resume *tls_session_resume_state(struct tls_session *session)
{
    return &session->resume;
}

void tls_session_lock_recv(struct tls_session *session, BOOL lock)
{
    if (lock) side_lock(&session->recv_lock);
    else side_unlock(&session->recv_lock);
}

struct tls_cert_wait **tls_session_cert_wait(struct tls_session *session)
{
    return &session->cert_wait;
}

/* Every handshake message, both ways, passes here: the one hook GnuTLS allows per session. */
static int handshake_hook(gnutls_session_t s, unsigned type, unsigned when, unsigned incoming,
                          const gnutls_datum_t *msg)
{
    struct tls_session *session = gnutls_session_get_ptr(s);

    if (incoming) session->handshake_in = TRUE;
    if (incoming && type == GNUTLS_HANDSHAKE_KEY_UPDATE && when == GNUTLS_HOOK_PRE)
        InterlockedExchange(&session->key_update_in, 1);
    return tls_resume_hook(session, type, when == GNUTLS_HOOK_POST, incoming, msg);
}

struct priority_name
{
    DWORD mask;
    const char *name;
};

/* Appends TEXT at *LEN, as far as it fits.  Every context builds its string (to find the
 * credentials' priority for it): strncat would measure the whole string again per name. */
static void append(char *prio, SIZE_T size, SIZE_T *len, const char *text)
{
    SIZE_T n = min(strlen(text), size - 1 - *len);

    memcpy(prio + *len, text, n);
    *len += n;
    prio[*len] = 0;
}

/* Appends ":+NAME" for each entry whose bit is set in MASK, after RESET (e.g. "-CIPHER-ALL"). */
static void append_names(char *prio, SIZE_T size, SIZE_T *len, const char *reset, const struct priority_name *names,
                         unsigned count, DWORD mask)
{
    unsigned i;

    append(prio, size, len, reset);
    for (i = 0; i < count; i++)
    {
        if (!(mask & names[i].mask)) continue;
        append(prio, size, len, ":+");
        append(prio, size, len, names[i].name);
    }
}

/* The policy as a GnuTLS priority string: NORMAL, narrowed where the policy names a set. */
static void build_priority(char *prio, SIZE_T size, const struct tls_policy *policy, BOOL datagram)
{
    DWORD protocols = policy->protocols & (datagram ? SP_PROT_DTLS1_X : ~SP_PROT_DTLS1_X);
    static const struct priority_name versions[] =
    {
        { SP_PROT_TLS1_3, "VERS-TLS1.3" }, { SP_PROT_TLS1_2, "VERS-TLS1.2" },
        { SP_PROT_TLS1_1, "VERS-TLS1.1" }, { SP_PROT_TLS1_0, "VERS-TLS1.0" },
        { SP_PROT_DTLS1_2, "VERS-DTLS1.2" }, { SP_PROT_DTLS1_0, "VERS-DTLS1.0" },
    };
    static const struct priority_name ciphers[] =
    {
        { TLS_CIPHER_AES_256, "AES-256-GCM" }, { TLS_CIPHER_CHACHA20, "CHACHA20-POLY1305" },
        { TLS_CIPHER_AES_128, "AES-128-GCM" }, { TLS_CIPHER_AES_256, "AES-256-CCM" },
        { TLS_CIPHER_AES_128, "AES-128-CCM" }, { TLS_CIPHER_AES_256, "AES-256-CBC" },
        { TLS_CIPHER_AES_128, "AES-128-CBC" }, { TLS_CIPHER_3DES, "3DES-CBC" },
    };
    static const struct priority_name macs[] =
    {
        { ~0u, "AEAD" }, { TLS_MAC_SHA384, "SHA384" }, { TLS_MAC_SHA256, "SHA256" }, { TLS_MAC_SHA1, "SHA1" },
    };
    static const struct priority_name kx[] =
    {
        { TLS_KX_ECDHE, "ECDHE-ECDSA" }, { TLS_KX_ECDHE, "ECDHE-RSA" }, { TLS_KX_DHE, "DHE-RSA" }, { TLS_KX_RSA, "RSA" },
    };

    SIZE_T len = 0;

    append(prio, size, &len, "NORMAL");
    if (datagram && !protocols) protocols = SP_PROT_DTLS1_X;
    append_names(prio, size, &len, ":-VERS-ALL", versions, ARRAYSIZE(versions), protocols);
    if (policy->ciphers) append_names(prio, size, &len, ":-CIPHER-ALL", ciphers, ARRAYSIZE(ciphers), policy->ciphers);
    if (policy->macs) append_names(prio, size, &len, ":-MAC-ALL", macs, ARRAYSIZE(macs), policy->macs);
    if (policy->kx) append_names(prio, size, &len, ":-KX-ALL", kx, ARRAYSIZE(kx), policy->kx);
}

/* The credentials' priority for PRIO (made on first use); a string other than the one they keep gets
 * a priority of the session's own. */
static int session_priority(struct tls_session *session, struct tls_credentials *creds, const char *prio)
{
    typeof(creds->priorities[0]) *slot = &creds->priorities[session->datagram];
    const char *err_pos;
    int ret = 0;

    AcquireSRWLockShared(&creds->priority_lock);
    if (slot->priority && !strcmp(slot->string, prio)) session->priority = slot->priority;
    ReleaseSRWLockShared(&creds->priority_lock);
    if (session->priority) return 0;

    AcquireSRWLockExclusive(&creds->priority_lock);
    if (!slot->priority && (ret = gnutls_priority_init(&slot->priority, prio, &err_pos)) >= 0)
        lstrcpynA(slot->string, prio, sizeof(slot->string));
    if (slot->priority && !strcmp(slot->string, prio)) session->priority = slot->priority;
    ReleaseSRWLockExclusive(&creds->priority_lock);
    if (session->priority || ret < 0) return ret;
    if ((ret = gnutls_priority_init(&session->own_priority, prio, &err_pos)) >= 0) session->priority = session->own_priority;
    return ret;
}

struct tls_session *tls_session_create(struct tls_credentials *creds, BOOL server, const struct tls_policy *policy,
                                       const char *server_name, BOOL datagram, USHORT mtu)
{
    struct tls_session *session;
    char prio[512];
    int ret;

    if (!tls_engine_startup()) return NULL;
    if (!(session = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*session)))) return NULL;
    session->server = server;
    session->datagram = datagram;
    session->alert = -1;
    /* No KeyUpdate of our own (GnuTLS's after 2^24 TLS 1.3 records): EncryptMessage writes one record
     * into a trailer of fixed size, with no room for a second one in front. */
    if ((ret = gnutls_init(&session->s, (server ? GNUTLS_SERVER : GNUTLS_CLIENT) | GNUTLS_NONBLOCK |
                                        GNUTLS_NO_AUTO_REKEY | (datagram ? GNUTLS_DATAGRAM : 0))) < 0)
    {
        WARN("gnutls_init failed: %s\n", gnutls_strerror(ret));
        HeapFree(GetProcessHeap(), 0, session);
        return NULL;
    }
    build_priority(prio, sizeof(prio), policy, datagram);
    if ((ret = session_priority(session, creds, prio)) < 0 ||
        (ret = gnutls_priority_set(session->s, session->priority)) < 0 ||
        (ret = gnutls_credentials_set(session->s, GNUTLS_CRD_CERTIFICATE, creds->cert)) < 0)
    {
        WARN("session setup failed (%s): %s\n", prio, gnutls_strerror(ret));
        tls_session_free(session);
        return NULL;
    }
    if (!server && server_name && *server_name)
        gnutls_server_name_set(session->s, GNUTLS_NAME_DNS, server_name, strlen(server_name));
    gnutls_transport_set_ptr(session->s, session);
    gnutls_session_set_ptr(session->s, session);
    gnutls_handshake_set_hook_function(session->s, GNUTLS_HANDSHAKE_ANY, GNUTLS_HOOK_BOTH, handshake_hook);
    gnutls_transport_set_pull_function(session->s, pull);
    gnutls_transport_set_push_function(session->s, push);
    if (datagram)
    {
        gnutls_transport_set_pull_timeout_function(session->s, pull_timeout);
        if (mtu) gnutls_dtls_set_mtu(session->s, mtu);
        /* A timeout (see pull_timeout) retransmits at once; GnuTLS's total limit stays. */
        gnutls_dtls_set_timeouts(session->s, 0, 60000);
    }
    TRACE("%s session %p, priority %s\n", server ? "server" : "client", session, prio);
    return session;
}

void tls_session_free(struct tls_session *session)
{
    if (!session) return;
    tls_clientauth_free(session);
    gnutls_deinit(session->s);
    if (session->own_priority) gnutls_priority_deinit(session->own_priority);
    tls_output_wipe(&session->pending);
    tls_sealer_free(&session->sealer);
    HeapFree(GetProcessHeap(), 0, session);
}

static enum tls_error map_error(int ret)
{
    switch (ret)
    {
    case GNUTLS_E_MEMORY_ERROR:
        return TLS_ERR_MEMORY;
    case GNUTLS_E_DECRYPTION_FAILED:
        return TLS_ERR_DECRYPT;
    case GNUTLS_E_FATAL_ALERT_RECEIVED:
        return TLS_ERR_ALERT_RECEIVED;
    case GNUTLS_E_NO_CIPHER_SUITES:
    case GNUTLS_E_UNKNOWN_CIPHER_SUITE:
    case GNUTLS_E_UNSUPPORTED_VERSION_PACKET:
    case GNUTLS_E_INSUFFICIENT_CREDENTIALS:
    case GNUTLS_E_NO_COMMON_KEY_SHARE:
    case GNUTLS_E_NO_PRIORITIES_WERE_SET:
    case GNUTLS_E_USER_ERROR:       /* the client certificate's key cannot sign (tls_clientauth.c) */
        return TLS_ERR_NO_COMMON_ALG;
    case GNUTLS_E_CERTIFICATE_ERROR:
    case GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR:
    case GNUTLS_E_NO_CERTIFICATE_FOUND:
        return TLS_ERR_CERTIFICATE;
    case GNUTLS_E_INTERNAL_ERROR:
        return TLS_ERR_INTERNAL;
    default:
        return TLS_ERR_BAD_MESSAGE;
    }
}

/* Records why a step failed and, unless the peer ended it with an alert, tells the peer. */
static enum tls_result fail(struct tls_session *session, int ret)
{
    int level;

    session->error = map_error(ret);
    session->gnutls_writes = TRUE;
    WARN("%s\n", gnutls_strerror(ret));
    if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
    {
        session->alert = gnutls_alert_get(session->s);
        return TLS_FAILED;
    }
    if (ret == GNUTLS_E_CERTIFICATE_ERROR && session->verify_alert) session->alert = session->verify_alert;
    else session->alert = gnutls_error_to_alert(ret, &level);
    gnutls_alert_send(session->s, GNUTLS_AL_FATAL, session->alert);
    return TLS_FAILED;
}

/* GnuTLS asks once the peer's certificates are in; the package's check decides, and its alert is the
 * one fail() sends. */
static int verify_callback(gnutls_session_t s)
{
    struct tls_session *session = gnutls_session_get_ptr(s);
    struct tls_blob chain[16];
    unsigned count = tls_session_peer_chain(session, chain, ARRAYSIZE(chain));

    session->verify_alert = session->verify(session->verify_context, chain, count);
    return session->verify_alert ? -1 : 0;
}

void tls_session_set_verify(struct tls_session *session, tls_verify_peer verify, void *context)
{
    session->verify = verify;
    session->verify_context = context;
    gnutls_session_set_verify_function(session->s, verify_callback);
}

/* The record rules of tls_records.c, on the whole records of a step before GnuTLS sees them.  DTLS
 * drops bad records itself. */
static BOOL records_allowed(struct tls_session *session, const BYTE *data, SIZE_T size, BOOL handshake)
{
    if (session->datagram || (handshake && session->established)) return TRUE;
    return tls_record_types_allowed(data, size, handshake, gnutls_protocol_get_version(session->s) == GNUTLS_TLS1_3);
}

/* Ends the connection over a record records_allowed() refused, with the alert RFC 8446 and RFC 5246
 * ask for, pending until the caller's next step (or its close) hands it out. */
static enum tls_result refuse_record(struct tls_session *session, BYTE type)
{
    WARN("record of type %u refused\n", type);
    session->error = TLS_ERR_UNEXPECTED_RECORD;
    session->alert = GNUTLS_A_UNEXPECTED_MESSAGE;
    session->aborted = session->gnutls_writes = TRUE;
    begin_send(session, NULL, NULL);
    gnutls_alert_send(session->s, GNUTLS_AL_FATAL, GNUTLS_A_UNEXPECTED_MESSAGE);
    end_send(session);
    return TLS_FAILED;
}

/* The last flight of a handshake waits in the pending output for the next record. */
static BOOL hold_output(struct tls_session *session, struct tls_output *out)
{
    if (!out->size) return TRUE;
    if (!tls_output_append(&session->pending, out->data, out->size)) return FALSE;
    tls_output_wipe(out);
    return TRUE;
}

void tls_session_defer(struct tls_session *session)
{
    session->defer = TRUE;
}

SIZE_T tls_session_deferred_room(struct tls_session *session)
{
    /* A KeyUpdate record: the record overhead and the 5-byte message (RFC 8446 4.6.3). */
    SIZE_T key_update = gnutls_protocol_get_version(session->s) == GNUTLS_TLS1_3
                        ? gnutls_record_overhead_size(session->s) + 5 : 0;
    SIZE_T room;

    side_lock(&session->send_lock);
    room = session->pending.size + key_update;
    side_unlock(&session->send_lock);
    return room;
}

enum tls_result tls_handshake(struct tls_session *session, const BYTE *in, SIZE_T size, SIZE_T *consumed,
                              struct tls_output *out)
{
    enum tls_result result;
    int ret;

    begin_recv(session, in, size);
    begin_send(session, out, NULL);
    /* A forbidden record fails the step as GnuTLS's own refusals do, with unexpected_message. */
    if (!records_allowed(session, in, size, TRUE)) ret = GNUTLS_E_UNEXPECTED_PACKET;
    else
        do ret = tls_clientauth_handshake(session);
        while (ret == GNUTLS_E_WARNING_ALERT_RECEIVED || ret == GNUTLS_E_GOT_APPLICATION_DATA);

    if (tls_clientauth_waiting(session)) result = TLS_NEED_CERTIFICATE;
    else if (!ret)
    {
        session->established = TRUE;
        result = TLS_DONE;
        if (!session->server) tls_resume_report(session, TRUE);
        if (session->defer && !hold_output(session, out)) result = fail(session, GNUTLS_E_MEMORY_ERROR);
    }
    else if (ret == GNUTLS_E_AGAIN || ret == GNUTLS_E_INTERRUPTED) result = TLS_AGAIN;
    else result = fail(session, ret);
    *consumed = session->in_pos;
    end_send(session);
    end_recv(session);
    TRACE("%p: consumed %Iu of %Iu, sent %Iu, result %d\n", session, *consumed, size, out->size, result);
    return result;
}

BOOL tls_take_pending(struct tls_session *session, struct tls_output *out)
{
    BOOL ok;

    side_lock(&session->send_lock);
    ok = tls_output_append(out, session->pending.data, session->pending.size);
    session->pending.size = 0;
    side_unlock(&session->send_lock);
    return ok;
}

enum tls_error tls_last_error(struct tls_session *session)
{
    return session->error;
}

int tls_last_alert(struct tls_session *session)
{
    return session->alert;
}

static SIZE_T segments_room(const struct tls_segment segments[3])
{
    return segments[0].capacity - segments[0].used + segments[1].capacity - segments[1].used +
           segments[2].capacity - segments[2].used;
}

/* Whether GnuTLS may owe something that must go before the next record, or refuse it: then only
 * GnuTLS may write it.  The receive side sets these while the send side reads them. */
static BOOL gnutls_may_owe(struct tls_session *session)
{
    return __atomic_load_n(&session->gnutls_writes, __ATOMIC_ACQUIRE) ||
           __atomic_load_n(&session->key_update_in, __ATOMIC_ACQUIRE);
}

/* An empty DATA buffer is an empty record, as on Windows; GnuTLS sends none itself. */
static ssize_t send_empty(struct tls_session *session)
{
    BYTE record[TLS_HEADER_SIZE + 64];
    SSIZE_T size;

    if (gnutls_may_owe(session)) return GNUTLS_E_INVALID_SESSION;
    if (!(size = tls_seal_record(&session->sealer, session->s, record, sizeof(record), NULL, 0)))
    {
        FIXME("empty record with %s over %s\n", gnutls_cipher_get_name(gnutls_cipher_get(session->s)),
              gnutls_protocol_get_name(gnutls_protocol_get_version(session->s)));
        return GNUTLS_E_INVALID_REQUEST;
    }
    if (size < 0) return size;
    return push(session, record, size) == size ? 0 : GNUTLS_E_PUSH_ERROR;
}

/* The record is sealed where the caller's data lies when the segments are one block from the
 * record's start (curl's and .NET's layout) and GnuTLS owes nothing: a deferring session may owe a
 * KeyUpdate that only GnuTLS knows of.  Otherwise GnuTLS writes it, and push() copies it. */
static ssize_t send_data(struct tls_session *session, BYTE *data, SIZE_T size, struct tls_segment *block)
{
    SSIZE_T sealed = 0;

    if (!session->defer && !session->datagram && !gnutls_may_owe(session))
        sealed = tls_seal_record(&session->sealer, session->s, block->data + block->used,
                                 block->capacity - block->used, data, size);
    if (!sealed) return gnutls_record_send(session->s, data, size);
    if (sealed < 0) return sealed;
    block->used += sealed;
    return size;
}

enum tls_result tls_encrypt(struct tls_session *session, BYTE *data, SIZE_T size, struct tls_segment segments[3])
{
    SIZE_T deferred = session->defer ? tls_session_deferred_room(session) : 0;
    ssize_t ret;

    /* Deferred bytes go first; GnuTLS writes a KeyUpdate it owes in front of the record itself.  All
     * of it must fit, or nothing is written. */
    if (deferred && segments_room(segments) < deferred + size + gnutls_record_overhead_size(session->s))
        return TLS_AGAIN;
    begin_send(session, NULL, segments);
    if (session->defer && session->pending.size)
    {
        scatter(segments, session->pending.data, session->pending.size);
        tls_output_wipe(&session->pending);
    }
    ret = size ? send_data(session, data, size, segments) : send_empty(session);
    end_send(session);
    if (ret == (ssize_t)size) return TLS_DONE;
    session->error = ret < 0 ? map_error(ret) : TLS_ERR_INTERNAL;
    session->gnutls_writes = TRUE;
    return TLS_FAILED;
}

enum tls_result tls_decrypt(struct tls_session *session, const BYTE *record, SIZE_T size, BYTE *plain,
                            SIZE_T *plain_size)
{
    enum tls_result result;
    ssize_t ret;

    *plain_size = 0;
    if (session->aborted) return TLS_FAILED;
    if (!records_allowed(session, record, size, FALSE)) return refuse_record(session, record[0]);
    begin_recv(session, record, size);
    session->handshake_in = FALSE;
    ret = gnutls_record_recv(session->s, plain, size);
    if (session->resume.ticket_arrived) tls_resume_report(session, FALSE);
    end_recv(session);

    if (ret > 0)
    {
        *plain_size = ret;
        result = TLS_DONE;
    }
    else if (!ret) result = TLS_CLOSED;
    /* GnuTLS reads on past an empty application-data record (RFC 8446 5.4 allows one under TLS 1.3,
     * RFC 5246 6.2.1 under older versions): it is data, of none, as Windows sends for an empty
     * EncryptMessage.  DTLS drops a record that fails to authenticate the same way: not data. */
    else if (ret == GNUTLS_E_AGAIN && !session->datagram && record[0] == RECORD_APPLICATION_DATA &&
             !session->handshake_in)
        result = TLS_DONE;
    else if (ret == GNUTLS_E_REHANDSHAKE) result = TLS_RENEGOTIATE;
    else if (ret == GNUTLS_E_AGAIN || ret == GNUTLS_E_INTERRUPTED || ret == GNUTLS_E_WARNING_ALERT_RECEIVED)
    {
        /* A KeyUpdate that asks for ours makes GnuTLS send one before its next record.  Running the
         * send path with no data sends exactly that (an empty send is refused after it), into the
         * pending output the caller's next ISC/ASC step hands out, so EncryptMessage keeps making
         * one record per call.  A deferring session leaves it to GnuTLS's next record, which also
         * answers several requests with one KeyUpdate, as RFC 8446 4.6.3 allows. */
        if (!session->defer)
        {
            begin_send(session, NULL, NULL);
            /* Refused as empty only once nothing is owed (lib/record.c). */
            if (gnutls_record_send(session->s, "", 0) == GNUTLS_E_INVALID_REQUEST)
                InterlockedExchange(&session->key_update_in, 0);
            end_send(session);
        }
        result = TLS_NO_DATA;
    }
    else
    {
        session->error = map_error(ret);
        session->gnutls_writes = TRUE;
        if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED) session->alert = gnutls_alert_get(session->s);
        WARN("%s\n", gnutls_strerror(ret));
        result = TLS_FAILED;
    }
    return result;
}

/* Before the handshake has agreed on anything, an alert is a plaintext record of version 3.1. */
static BOOL plain_alert(struct tls_output *out, BYTE level, BYTE number)
{
    const BYTE record[] = { 0x15, 0x03, 0x01, 0x00, 0x02, level, number };
    return tls_output_append(out, record, sizeof(record));
}

/* A deferring session's held bytes go before anything else it sends. */
static BOOL send_held(struct tls_session *session, struct tls_output *out)
{
    if (!session->defer || !session->pending.size) return TRUE;
    if (!tls_output_append(out, session->pending.data, session->pending.size)) return FALSE;
    tls_output_wipe(&session->pending);
    return TRUE;
}

BOOL tls_close(struct tls_session *session, struct tls_output *out)
{
    int ret;

    if (session->aborted) return tls_take_pending(session, out);
    if (!session->established) return plain_alert(out, GNUTLS_AL_WARNING, GNUTLS_A_CLOSE_NOTIFY);
    begin_send(session, out, NULL);
    session->gnutls_writes = TRUE;
    ret = send_held(session, out) ? gnutls_bye(session->s, GNUTLS_SHUT_WR) : GNUTLS_E_MEMORY_ERROR;
    end_send(session);
    return ret == GNUTLS_E_SUCCESS;
}

BOOL tls_send_alert(struct tls_session *session, BOOL fatal, BYTE number, struct tls_output *out)
{
    int ret;

    if (session->aborted) return tls_take_pending(session, out);
    if (!session->established) return plain_alert(out, fatal ? GNUTLS_AL_FATAL : GNUTLS_AL_WARNING, number);
    begin_send(session, out, NULL);
    session->gnutls_writes = TRUE;
    ret = send_held(session, out) ? gnutls_alert_send(session->s, fatal ? GNUTLS_AL_FATAL : GNUTLS_AL_WARNING, number)
                                   : GNUTLS_E_MEMORY_ERROR;
    end_send(session);
    return ret == GNUTLS_E_SUCCESS;
}

BOOL tls_session_is_server(struct tls_session *session)
{
    return session->server;
}

gnutls_session_t tls_session_gnutls(struct tls_session *session)
{
    return session->s;
}

BOOL tls_session_set_alpn(struct tls_session *session, const BYTE *list, SIZE_T size)
{
    gnutls_datum_t names[16];
    unsigned count = 0;
    SIZE_T pos = 0;

    while (pos < size)
    {
        BYTE len = list[pos];
        if (!len || pos + 1 + len > size || count == ARRAYSIZE(names)) return FALSE;
        names[count].data = (unsigned char *)list + pos + 1;
        names[count++].size = len;
        pos += 1 + len;
    }
    if (!count) return TRUE;
    return gnutls_alpn_set_protocols(session->s, names, count, session->server ? GNUTLS_ALPN_SERVER_PRECEDENCE : 0) >= 0;
}

struct tls_blob tls_session_alpn(struct tls_session *session)
{
    struct tls_blob blob = { NULL, 0 };
    gnutls_datum_t selected;

    if (!gnutls_alpn_get_selected_protocol(session->s, &selected))
    {
        blob.data = selected.data;
        blob.size = selected.size;
    }
    return blob;
}

/* TLS SignatureScheme code points of the signature algorithms GnuTLS can use. */
static const struct { gnutls_sign_algorithm_t sign; WORD scheme; } schemes[] =
{
    { GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, 0x0804 }, { GNUTLS_SIGN_RSA_PSS_RSAE_SHA384, 0x0805 },
    { GNUTLS_SIGN_RSA_PSS_RSAE_SHA512, 0x0806 }, { GNUTLS_SIGN_RSA_PSS_SHA256, 0x0809 },
    { GNUTLS_SIGN_RSA_PSS_SHA384, 0x080a }, { GNUTLS_SIGN_RSA_PSS_SHA512, 0x080b },
    { GNUTLS_SIGN_RSA_SHA256, 0x0401 }, { GNUTLS_SIGN_RSA_SHA384, 0x0501 }, { GNUTLS_SIGN_RSA_SHA512, 0x0601 },
    { GNUTLS_SIGN_RSA_SHA1, 0x0201 }, { GNUTLS_SIGN_ECDSA_SECP256R1_SHA256, 0x0403 },
    { GNUTLS_SIGN_ECDSA_SECP384R1_SHA384, 0x0503 }, { GNUTLS_SIGN_ECDSA_SECP521R1_SHA512, 0x0603 },
    { GNUTLS_SIGN_ECDSA_SHA256, 0x0403 }, { GNUTLS_SIGN_ECDSA_SHA384, 0x0503 }, { GNUTLS_SIGN_ECDSA_SHA512, 0x0603 },
    { GNUTLS_SIGN_ECDSA_SHA1, 0x0203 }, { GNUTLS_SIGN_EDDSA_ED25519, 0x0807 }, { GNUTLS_SIGN_EDDSA_ED448, 0x0808 },
};

unsigned tls_session_signature_schemes(struct tls_session *session, WORD *out, unsigned max)
{
    const unsigned int *list;
    unsigned count = 0, i, j, k;
    int n = gnutls_priority_sign_list(session->priority, &list);

    for (i = 0; i < (unsigned)max(n, 0) && count < max; i++)
        for (j = 0; j < ARRAYSIZE(schemes); j++)
        {
            if (schemes[j].sign != list[i]) continue;
            for (k = 0; k < count; k++) if (out[k] == schemes[j].scheme) break;
            if (k == count) out[count++] = schemes[j].scheme;
        }
    return count;
}

BOOL tls_session_is_datagram(struct tls_session *session)
{
    return session->datagram;
}

BOOL tls_session_set_mtu(struct tls_session *session, USHORT mtu)
{
    if (!session->datagram || mtu < 256) return FALSE;
    gnutls_dtls_set_mtu(session->s, mtu);
    return TRUE;
}
