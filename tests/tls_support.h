/*
 * In-process TLS peers for the tests: a certificate made on the spot, credentials, and a loop that
 * carries tokens between a client and a server context over memory.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TLS_SUPPORT_H
#define TLS_SUPPORT_H

#define SECURITY_WIN32
#include <windows.h>
#include <wincrypt.h>
#include <sspi.h>
#include <schannel.h>

#define CLIENT_REQ (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | \
                    ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)
#define SERVER_REQ (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | \
                    ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM | ASC_REQ_EXTENDED_ERROR)

/* Each side's SP_PROT bits; the SDK's SP_PROT_CLIENTS / SP_PROT_SERVERS predate TLS 1.1. */
#define CLIENT_PROTOCOLS (SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT)
#define SERVER_PROTOCOLS (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3_SERVER)

struct peer
{
    BOOL server;
    ULONG extra_req;            /* ISC_REQ_ / ASC_REQ_ flags beyond CLIENT_REQ / SERVER_REQ */
    CredHandle cred;
    CtxtHandle ctx;
    BOOL has_ctx;
    ULONG attrs;
    TimeStamp expiry;
    SECURITY_STATUS status;     /* of the last step */
    const void *alpn;           /* a SEC_APPLICATION_PROTOCOLS for the first step, or NULL */
    ULONG alpn_size;
    BYTE in[32768];             /* bytes received and not yet consumed */
    SIZE_T in_size;
};

/* A self-signed RSA 2048 certificate whose exportable key lives in a fresh CryptoAPI container. */
PCCERT_CONTEXT make_test_certificate(const char *subject);
void free_test_certificate(PCCERT_CONTEXT cert);
/* The certificate with a private key from a PFX (PFXImportCertStore with FLAGS). */
PCCERT_CONTEXT import_pfx(const BYTE *data, DWORD size, const WCHAR *password, DWORD flags);

/* PROTOCOLS: SP_PROT_* bits, 0 for the defaults.  Clients validate nothing (the test certificates
 * are self-signed): SCH_CRED_MANUAL_CRED_VALIDATION. */
SECURITY_STATUS acquire_peer(struct peer *peer, BOOL server, DWORD protocols, PCCERT_CONTEXT cert);
/* A client with the credential flags FLAGS (SCH_CRED_*). */
SECURITY_STATUS acquire_client(struct peer *peer, DWORD protocols, DWORD flags);
/* A server with the credential flags FLAGS (SCH_CRED_*). */
SECURITY_STATUS acquire_server(struct peer *peer, DWORD protocols, DWORD flags, PCCERT_CONTEXT cert);
void release_peer(struct peer *peer);

/* One ISC or ASC call of PEER with these buffers (a client's TARGET name). */
SECURITY_STATUS step_context(struct peer *peer, const char *target, SecBufferDesc *in, SecBufferDesc *out);
/* One ISC or ASC step over what the peer has received; appends its output to OTHER's input. */
SECURITY_STATUS step_peer(struct peer *peer, struct peer *other, const char *target);
/* Steps both sides until neither continues; TRUE when both reached SEC_E_OK. */
BOOL run_handshake(struct peer *client, struct peer *server, const char *target);
/* The same after the client's first step. */
BOOL finish_handshake(struct peer *client, struct peer *server, const char *target);

/* Credentials for PROTOCOL (SP_PROT_* bits of both sides), the handshake to "localhost" with the
 * server certificate CERT, and the TLS 1.3 tickets read by the client. */
BOOL connect_peers(struct peer *client, struct peer *server, DWORD protocol, PCCERT_CONTEXT cert);

/* Deletes both contexts and runs a new handshake on the same credentials (a reconnect when the
 * client's cache holds the session), then the client reads any TLS 1.3 tickets. */
BOOL reconnect_peers(struct peer *client, struct peer *server);

/* Builds a SEC_APPLICATION_PROTOCOLS with one ALPN list from NAMES (NULL-terminated) into BUFFER;
 * returns its size. */
ULONG make_alpn(BYTE *buffer, const char *const *names);

/* DecryptMessage as curl calls it: [DATA, EMPTY, EMPTY, EMPTY] over the peer's received bytes. */
SECURITY_STATUS decrypt_received(struct peer *peer, SecBuffer bufs[4]);

/* Decrypts every whole record PEER has received, as a client's read loop does: after
 * SEC_I_RENEGOTIATE (a TLS 1.3 ticket or key update) it steps the context once, sending any answer
 * to OTHER.  Plaintext is dropped.  Returns the last status. */
SECURITY_STATUS receive_records(struct peer *peer, struct peer *other, const char *target);

/* Encrypts one message from FROM and appends the record to TO's input. */
SECURITY_STATUS send_message(struct peer *from, struct peer *to, const void *data, SIZE_T size);

#endif /* TLS_SUPPORT_H */
