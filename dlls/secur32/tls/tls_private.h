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

struct tls_credentials
{
    gnutls_certificate_credentials_t cert;
    /* The certificate set, as the credentials hold it, for a client's certificate callback. */
    gnutls_pcert_st chain[16];
    unsigned count;
    gnutls_privkey_t key;
    const struct tls_signer *signer;    /* the key's, owned by KEY */
    /* The sessions' priorities, parsed once per credential: one for TLS, one for DTLS (the policy
     * is the credential's), each with the string it was made from. */
    SRWLOCK priority_lock;
    struct { char string[512]; gnutls_priority_t priority; } priorities[2];
};

/* tls_resume.c: the reconnect state of a session, and what its handshake hook and steps tell it. */
struct tls_resume
{
    struct tls_resumption callbacks;    /* all NULL: not resumable */
    BOOL ticket_arrived;                /* client: a NewSessionTicket came with the current record */
    BYTE id[32];                        /* the session ID of the ServerHello, as on the wire */
    BYTE id_size;
    BYTE ticket_key;                    /* server: which of the process's ticket keys it uses */
};

struct tls_resume *tls_session_resume_state(struct tls_session *session);
/* Takes or releases the receive side's lock, for a call that reads the session's state. */
void tls_session_lock_recv(struct tls_session *session, BOOL lock);
int tls_resume_hook(struct tls_session *session, unsigned type, BOOL post, BOOL incoming, const gnutls_datum_t *msg);
/* Client: after a finished handshake and after each record, hands over a new resumable state. */
void tls_resume_report(struct tls_session *session, BOOL handshake_done);
/* tls_clientauth.c: a client handshake that can wait for the caller's certificate. */
struct tls_cert_wait;
struct tls_cert_wait **tls_session_cert_wait(struct tls_session *session);
/* gnutls_handshake, on the session's fiber when it may wait; GNUTLS_E_AGAIN while it waits. */
int tls_clientauth_handshake(struct tls_session *session);
BOOL tls_clientauth_waiting(struct tls_session *session);
void tls_clientauth_free(struct tls_session *session);
/* tls_signer.c: a GnuTLS key that signs through a copy of SIGNER (*KEPT), which it owns (released even
 * on failure). */
gnutls_privkey_t tls_signer_key(const struct tls_signer *signer, const struct tls_signer **kept);
BOOL tls_signer_supports(const struct tls_signer *signer, gnutls_sign_algorithm_t algo);
/* tls_record_seal.c: application-data records sealed where they lie (TLS 1.2 and 1.3, AEAD ciphers),
 * with the cipher for the session's current write key. */
struct tls_sealer
{
    gnutls_aead_cipher_hd_t aead;
    gnutls_cipher_algorithm_t cipher;
    BYTE key[32];
    unsigned key_size;
};
/* Seals the SIZE bytes at PLAIN as one record at RECORD (ROOM bytes), PLAIN being where the record's
 * data goes (after the header and any explicit nonce; anything for an empty record): the record's
 * size, 0 when GnuTLS must write this one (nothing is written then), or a GnuTLS error. */
SSIZE_T tls_seal_record(struct tls_sealer *sealer, gnutls_session_t s, BYTE *record, SIZE_T room, BYTE *plain,
                        SIZE_T size);
/* Wipes the key and lets the cipher go. */
void tls_sealer_free(struct tls_sealer *sealer);
BOOL tls_session_is_server(struct tls_session *session);
BOOL tls_session_is_datagram(struct tls_session *session);
gnutls_session_t tls_session_gnutls(struct tls_session *session);

#endif /* TLS_PRIVATE_H */
