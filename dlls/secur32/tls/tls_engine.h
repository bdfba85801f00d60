/*
 * The TLS engine: the package's only door to GnuTLS.  Nothing outside dlls/secur32/tls/ includes
 * gnutls.h; the Schannel package sees these opaque types and calls, and maps their results to
 * SSPI status codes itself.
 *
 * Input is always whole TLS records (tls_record_span() tells how many bytes those are), so a
 * partial record is never swallowed by the engine and can be handed back to the caller whole.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TLS_ENGINE_H
#define TLS_ENGINE_H

#include <windows.h>
#include "tls_records.h"

struct tls_credentials;
struct tls_session;

/* Bytes the engine produced for the peer; grown by the engine, owned by whoever holds it. */
struct tls_output
{
    BYTE *data;
    SIZE_T size;
    SIZE_T capacity;
};

void tls_output_free(struct tls_output *out);
BOOL tls_output_append(struct tls_output *out, const void *data, SIZE_T size);
/* Wipes the bytes (they may be secret) and frees them. */
void tls_output_wipe(struct tls_output *out);

enum tls_result
{
    TLS_DONE,           /* handshake finished / record processed */
    TLS_AGAIN,          /* needs more records from the peer */
    TLS_CLOSED,         /* the peer sent close_notify */
    TLS_NO_DATA,        /* a record without application data (e.g. a TLS 1.3 ticket) was processed */
    TLS_RENEGOTIATE,    /* the peer asks for a new handshake (TLS 1.2): step tls_handshake again */
    TLS_FAILED,         /* see enum tls_error; an alert for the peer may be in the output */
    TLS_NEED_CERTIFICATE,   /* client: the server asks for a certificate and the credentials have none;
                             * the handshake waits for tls_session_answer_certificate */
};

enum tls_error
{
    TLS_ERR_NONE,
    TLS_ERR_INTERNAL,
    TLS_ERR_MEMORY,
    TLS_ERR_BAD_MESSAGE,        /* malformed or unexpected handshake message or record */
    TLS_ERR_DECRYPT,            /* a record failed authentication */
    TLS_ERR_NO_COMMON_ALG,      /* no protocol version or cipher suite in common */
    TLS_ERR_ALERT_RECEIVED,     /* the peer sent a fatal alert */
    TLS_ERR_CERTIFICATE,        /* a certificate problem during the handshake */
    TLS_ERR_UNEXPECTED_RECORD,  /* a record the protocol forbids there: the engine sent unexpected_message
                                 * and the connection is over */
};

enum tls_key_type { TLS_KEY_RSA, TLS_KEY_ECDSA };

struct tls_blob
{
    const BYTE *data;
    SIZE_T size;
};

/* The digest a signature covers; MD5_SHA1 is the 36-byte concatenation TLS 1.0 and 1.1 sign with
 * RSA (PKCS#1 v1.5 without a DigestInfo). */
enum tls_hash { TLS_HASH_MD5_SHA1, TLS_HASH_SHA1, TLS_HASH_SHA256, TLS_HASH_SHA384, TLS_HASH_SHA512 };

/* A private key that stays where it lives (a CryptoAPI or CNG provider): the engine has it sign
 * digests and never sees the key.  RSA signs with PKCS#1 v1.5, or PSS with a salt as long as the
 * digest; ECDSA returns r and s, each as long as the curve's order, big-endian. */
struct tls_signer
{
    enum tls_key_type type;
    ULONG bits;                 /* the RSA modulus, or the ECDSA curve: 256, 384 or 521 */
    void *ctx;
    /* Whether the key can sign with this digest and padding (PSS: RSA only). */
    BOOL (*supports)(void *ctx, enum tls_hash hash, BOOL pss);
    /* Signs DIGEST into SIG (room: *SIG_SIZE bytes), sets *SIG_SIZE. */
    BOOL (*sign)(void *ctx, enum tls_hash hash, BOOL pss, const BYTE *digest, ULONG digest_size,
                 BYTE *sig, ULONG *sig_size);
    void (*release)(void *ctx);
};

/* The negotiated connection, in the engine's neutral terms. */
struct tls_info
{
    DWORD protocol;             /* the SP_PROT_* bit of this side */
    USHORT cipher_suite;        /* IANA number */
    const char *suite_name;     /* IANA name, e.g. "TLS_AES_256_GCM_SHA384" */
    USHORT wire_version;        /* 0x0301 .. 0x0304, DTLS 0xfeff and 0xfefd */
    const char *cipher_name;    /* "AES", "AES-GCM", "CHACHA20-POLY1305", ... (engine's spelling) */
    ULONG cipher_bits;
    const char *mac_name;       /* "SHA1", "SHA256", "SHA384", "AEAD" */
    ULONG mac_bits;
    const char *kx_name;        /* "ECDHE", "DHE", "RSA", "ECDHE" for TLS 1.3 */
    ULONG kx_bits;
    SIZE_T header_size;         /* record bytes before the data */
    SIZE_T trailer_size;        /* the most record bytes after the data */
    SIZE_T max_message;
    ULONG block_size;
};

/* Initialises the engine once per process, on first use (never from DllMain). */
BOOL tls_engine_startup(void);
const char *tls_engine_version(void);

struct tls_credentials *tls_credentials_create(void);
void tls_credentials_free(struct tls_credentials *creds);
/* Certificate chain (DER, leaf first) and the signer of its key, for a server or a client certificate.
 * The credentials own the signer from then on, even when this fails (it is released at once). */
BOOL tls_credentials_set_certificate(struct tls_credentials *creds, const struct tls_blob *chain,
                                     unsigned count, const struct tls_signer *signer);

/* What a session may negotiate, in the engine's neutral terms.  A zero mask means the engine's
 * defaults for that category; key exchange limits apply to TLS 1.2 and older (TLS 1.3 suites do
 * not name one). */
enum tls_cipher_bits { TLS_CIPHER_AES_128 = 1, TLS_CIPHER_AES_256 = 2, TLS_CIPHER_CHACHA20 = 4, TLS_CIPHER_3DES = 8 };
enum tls_mac_bits { TLS_MAC_SHA1 = 1, TLS_MAC_SHA256 = 2, TLS_MAC_SHA384 = 4 };
enum tls_kx_bits { TLS_KX_ECDHE = 1, TLS_KX_DHE = 2, TLS_KX_RSA = 4 };

struct tls_policy
{
    DWORD protocols;            /* SP_PROT_* bits (client or server forms), TLS and DTLS */
    DWORD ciphers;              /* tls_cipher_bits */
    DWORD macs;                 /* tls_mac_bits */
    DWORD kx;                   /* tls_kx_bits */
};

/* DATAGRAM: DTLS (the policy's DTLS versions, or DTLS 1.0 and 1.2 when it names none) with the
 * given path MTU; otherwise TLS. */
struct tls_session *tls_session_create(struct tls_credentials *creds, BOOL server, const struct tls_policy *policy,
                                       const char *server_name, BOOL datagram, USHORT mtu);
BOOL tls_session_set_mtu(struct tls_session *session, USHORT mtu);
void tls_session_free(struct tls_session *session);
/* ALPN: the protocols to offer (client) or accept in order of preference (server), in the wire
 * format (length-prefixed names).  FALSE for a malformed list. */
BOOL tls_session_set_alpn(struct tls_session *session, const BYTE *list, SIZE_T size);
/* The negotiated ALPN protocol, or an empty blob. */
struct tls_blob tls_session_alpn(struct tls_session *session);

/* One handshake step: consumes whole records from IN (*consumed says how many bytes), appends
 * what must be sent to OUT. */
enum tls_result tls_handshake(struct tls_session *session, const BYTE *in, SIZE_T size, SIZE_T *consumed,
                              struct tls_output *out);
enum tls_error tls_last_error(struct tls_session *session);
/* Moves to OUT what the engine had to send while decrypting (the answer to a TLS 1.3 KeyUpdate
 * that asked for one, the alert that ended the connection on an unexpected record). */
BOOL tls_take_pending(struct tls_session *session, struct tls_output *out);
/* A client whose caller sends nothing between its handshake and its first record (Wine's HTTP
 * stacks): the handshake's last flight (a TLS 1.3 client's Finished, a resumed TLS 1.2 client's
 * ChangeCipherSpec and Finished) is held, not output, and tls_encrypt writes it in front of the next
 * record; a KeyUpdate that asks for ours is answered in front of the next record too.  Before the
 * first step. */
void tls_session_defer(struct tls_session *session);
/* The room a deferring session's next record needs beyond the record itself: the held flight, and
 * a KeyUpdate answer under TLS 1.3. */
SIZE_T tls_session_deferred_room(struct tls_session *session);
/* The alert the handshake failure sent, or -1. */
int tls_last_alert(struct tls_session *session);

BOOL tls_get_info(struct tls_session *session, struct tls_info *info);

/* Checks the peer's certificates (DER, leaf first) during the handshake, as soon as they have arrived
 * (in TLS 1.3 with their CertificateVerify): 0 lets the handshake go on; a TLS alert number ends it
 * with that fatal alert (tls_last_error then says TLS_ERR_CERTIFICATE). */
typedef int (*tls_verify_peer)(void *context, const struct tls_blob *chain, unsigned count);
void tls_session_set_verify(struct tls_session *session, tls_verify_peer verify, void *context);

/* Server: asks the client for a certificate (it may send none).  Before the first step. */
void tls_session_request_certificate(struct tls_session *session);
/* Client credentials without a certificate: a session that waits (below) stops when the server asks
 * for one; others answer without one. */
void tls_credentials_wait_for_certificate(struct tls_credentials *creds);
/* Client: when the server asks for a certificate, the step ends with TLS_NEED_CERTIFICATE and the
 * handshake waits.  Before the first step. */
BOOL tls_session_wait_for_certificate(struct tls_session *session);
/* The CA names (DER Name) of the server's CertificateRequest; valid until the next step. */
unsigned tls_session_requested_issuers(struct tls_session *session, struct tls_blob *issuers, unsigned max);
/* Whether the key of CREDS' certificate can sign with an algorithm the server's request accepts. */
BOOL tls_session_certificate_usable(struct tls_session *session, struct tls_credentials *creds);
/* Answers TLS_NEED_CERTIFICATE: the certificate of CREDS, which must outlive the session (NULL, or
 * credentials without one: none).  The next tls_handshake goes on from there; a certificate whose
 * key cannot sign with what the server accepts fails it with TLS_ERR_NO_COMMON_ALG. */
void tls_session_answer_certificate(struct tls_session *session, struct tls_credentials *creds);

/* The peer's certificates as it sent them (DER, leaf first); the blobs live as long as the session. */
unsigned tls_session_peer_chain(struct tls_session *session, struct tls_blob *chain, unsigned max);
/* The TLS SignatureScheme code points this side accepts, in preference order. */
unsigned tls_session_signature_schemes(struct tls_session *session, WORD *out, unsigned max);
/* RFC 5929 channel binding data: tls-unique, or tls-server-end-point.  Appended to OUT. */
BOOL tls_session_channel_binding(struct tls_session *session, BOOL unique, struct tls_output *out);
/* RFC 5705 / RFC 8446 exporter: SIZE bytes for LABEL and an optional CONTEXT. */
BOOL tls_session_export_keying(struct tls_session *session, const char *label, SIZE_T label_size,
                               const BYTE *context, SIZE_T context_size, BYTE *out, SIZE_T size);

/* Reconnects.  The engine serializes sessions and recognises the tickets it issues and is offered;
 * where sessions are kept and whether one may be resumed is the caller's business (the package
 * keeps them in the session cache).  Secrets pass through STATE blobs: wipe copies of them. */
struct tls_resumption
{
    void *ctx;
    /* Client: the session can be resumed from STATE (at the end of a TLS 1.2 handshake, and with
     * each TLS 1.3 ticket, which arrive after it). */
    void (*client_state)(void *ctx, const struct tls_blob *state);
    /* Server, TLS 1.2 and older: the session cache by session ID.  FETCH appends the state. */
    void (*store)(void *ctx, const struct tls_blob *id, const struct tls_blob *state);
    BOOL (*fetch)(void *ctx, const struct tls_blob *id, struct tls_output *state);
    void (*remove)(void *ctx, const struct tls_blob *id);
    /* Server: a ticket (TLS 1.2 session ticket, TLS 1.3 PSK identity), known by its SHA-256, was
     * issued, or is offered by a client; a ticket not accepted gets the client a full handshake. */
    void (*ticket_issued)(void *ctx, const struct tls_blob *ticket);
    BOOL (*ticket_accepted)(void *ctx, const struct tls_blob *ticket);
};

/* Makes the session resumable: a client resumes STATE (or none), a server issues tickets and looks
 * up session IDs.  LIFETIME: how long the peer may resume it, in seconds.  Before the first step. */
BOOL tls_session_set_resumption(struct tls_session *session, const struct tls_resumption *resumption,
                                ULONG lifetime, const struct tls_blob *state);
/* Client: the state to resume this session from later; FALSE when there is none (yet). */
BOOL tls_session_state(struct tls_session *session, struct tls_output *out);
BOOL tls_session_resumed(struct tls_session *session);
/* The session ID of the ServerHello (TLS 1.3: the legacy_session_id echoed), valid while connected. */
struct tls_blob tls_session_id(struct tls_session *session);
/* TLS 1.2 and older: the 48-byte master secret.  FALSE under TLS 1.3, which has none. */
BOOL tls_session_master_secret(struct tls_session *session, BYTE *out, SIZE_T size);
/* Wipes the process's ticket keys; at unload. */
void tls_engine_shutdown(void);
/* The allocator of the libraries in the DLL (tls_malloc.c): its thread slot, at load; a thread's
 * cached blocks back to the heap as the thread ends; at unload, the current thread's and the slot. */
void tls_malloc_startup(void);
void tls_malloc_thread_exit(void);
void tls_malloc_shutdown(void);

/* Where an encrypted record goes: filled in order, each part up to its capacity (the record's
 * header, its data, its trailer, as Windows lays them out), so no copy is made on the way. */
struct tls_segment
{
    BYTE *data;
    SIZE_T capacity;
    SIZE_T used;
};

/* Encrypts SIZE bytes (at most max_message) as one record written across the three segments; where
 * DATA lies in them as the record's data, it is sealed there, in place.  A deferring session writes
 * what it holds first (DATA must lie past tls_session_deferred_room() and the record's header, where
 * those bytes cannot reach it), and TLS_AGAIN says the segments cannot hold all of it (nothing is
 * written then). */
enum tls_result tls_encrypt(struct tls_session *session, BYTE *data, SIZE_T size, struct tls_segment segments[3]);
/* Decrypts the one whole record at RECORD; the plaintext goes to PLAIN (room: RECORD's size).  A
 * record type the protocol forbids after the handshake fails with TLS_ERR_UNEXPECTED_RECORD, its
 * alert pending; so does every later record. */
enum tls_result tls_decrypt(struct tls_session *session, const BYTE *record, SIZE_T size, BYTE *plain,
                            SIZE_T *plain_size);
/* Appends a close_notify alert, or another alert, to OUT; after TLS_ERR_UNEXPECTED_RECORD, the
 * pending alert that ended the connection instead. */
BOOL tls_close(struct tls_session *session, struct tls_output *out);
BOOL tls_send_alert(struct tls_session *session, BOOL fatal, BYTE number, struct tls_output *out);

#endif /* TLS_ENGINE_H */
