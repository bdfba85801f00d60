/*
 * Inside the Schannel package: credentials, contexts, and the helpers its files share.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SCHANNEL_PRIVATE_H
#define SCHANNEL_PRIVATE_H

#include "schannel_package.h"
#include <schannel.h>

#include "tls/tls_engine.h"

/* The fields of SCHANNEL_CRED (v3, v4) and SCH_CREDENTIALS (v5) that the package reads. */
struct schan_cred_params
{
    DWORD version;
    DWORD flags;
    DWORD cert_count;
    PCCERT_CONTEXT *certs;
    DWORD enabled_protocols;        /* v3/v4: grbitEnabledProtocols, 0 = defaults */
    DWORD disabled_protocols;       /* v5: TLS_PARAMETERS.grbitDisabledProtocols */
    DWORD min_strength, max_strength;
    DWORD session_lifespan;         /* dwSessionLifespan, ms */
    DWORD alg_count;
    const ALG_ID *algs;
    DWORD disabled_crypto_count;
    const void *disabled_crypto;    /* CRYPTO_SETTINGS[] */
};

struct schan_credentials
{
    LONG refs;                  /* the handle's, and one per context using them */
    ULONG use;                  /* SECPKG_CRED_INBOUND or SECPKG_CRED_OUTBOUND */
    struct tls_policy policy;   /* versions and algorithms, for this side */
    DWORD flags;                /* SCH_CRED_* */
    PCCERT_CONTEXT cert;        /* the certificate this side presents, or NULL */
    struct tls_credentials *tls;
    ULONGLONG serial;           /* never reused: the scope of its session cache entries */
    ULONG cache_lifetime;       /* ms a session stays resumable; 0: sessions are not cached */
};

enum schan_state
{
    SCHAN_HANDSHAKE,            /* ISC/ASC steps */
    SCHAN_CONNECTED,            /* records flow */
    SCHAN_CLOSED,               /* shutdown sent, or the peer closed */
    SCHAN_FAILED,               /* the handshake failed */
};

struct schan_context
{
    struct schan_credentials *creds;
    struct tls_session *tls;
    BOOL server;
    BOOL datagram;              /* DTLS: ISC_REQ_DATAGRAM / ASC_REQ_DATAGRAM */
    BOOL wine_http;             /* created by Wine's winhttp.dll or wininet.dll (docs/wine-callers.md) */
    USHORT mtu;                 /* DTLS path MTU */
    BOOL handshake_begun;
    enum schan_state state;
    BOOL step_without_input;    /* the next handshake step runs even without records: the client's
                                 * first, and either side's after a renegotiation request */
    ULONG req;                  /* the ISC_REQ / ASC_REQ flags of the first call */
    struct tls_info info;       /* valid once connected */
    BOOL shutdown_pending;
    int alert_pending;          /* -1, or (fatal << 8 | number) from an SCHANNEL_ALERT token */
    char *export_label;         /* SECPKG_ATTR_KEYING_MATERIAL_INFO */
    BYTE *export_context;
    SIZE_T export_context_size;
    ULONG export_size;
    struct cache_owner *owner;  /* whether this session may be resumed (schannel_sessions.c) */
    BOOL owner_adopted;         /* client: the owner is the cached session's, until it is resumed */
    SRWLOCK owner_lock;         /* the owner may change while another thread applies a token */
    char *cache_target;         /* client: the target name its session is cached under */
    WCHAR *target;              /* the client's target name, for the server certificate check */
    SECURITY_STATUS cert_status;    /* why the peer's certificates were refused, or SEC_E_OK */
    BOOL cert_wanted;           /* client: SEC_I_INCOMPLETE_CREDENTIALS returned, the engine waits */
    SIZE_T cert_wait_consumed;  /* input the engine took before it stopped (the caller gives it again) */
    struct tls_output cert_wait_output; /* what the engine sent before it stopped */
    struct schan_credentials *client_creds; /* the credentials whose certificate answered, or NULL */
};

/* schannel_clientcert.c: a client certificate asked for during the handshake. */
/* The credential handle of a later ISC call: its certificate answers a waiting handshake. */
void schan_client_cert_offer(struct schan_context *ctx, struct schan_credentials *creds);
/* Before a step: answers a waiting handshake and returns how many input bytes the engine has already. */
SIZE_T schan_client_cert_resume(struct schan_context *ctx, SIZE_T size, struct tls_output *out);
/* TLS_NEED_CERTIFICATE: TRUE when a certificate of the MY store was chosen and answers it. */
BOOL schan_client_cert_choose(struct schan_context *ctx);
/* TLS_NEED_CERTIFICATE after CONSUMED input bytes: SEC_I_INCOMPLETE_CREDENTIALS. */
SECURITY_STATUS schan_client_cert_needed(struct schan_context *ctx, SIZE_T consumed, struct tls_output *out);
PCCERT_CONTEXT schan_client_certificate(struct schan_context *ctx);
SECURITY_STATUS schan_issuer_list(struct schan_context *ctx, SecPkgContext_IssuerListInfoEx *info);
void schan_client_cert_free(struct schan_context *ctx);

/* schannel_credentials.c */
void schan_credentials_addref(struct schan_credentials *creds);
void schan_credentials_release(struct schan_credentials *creds);

/* schannel_policy.c */
SECURITY_STATUS schan_make_policy(const struct schan_cred_params *params, BOOL server, struct tls_policy *policy);

/* schannel_registry.c */
struct schan_registry_protocols
{
    DWORD never;                /* Enabled = 0 */
    DWORD off_by_default;       /* DisabledByDefault = 1 */
    DWORD on_by_default;        /* Enabled or DisabledByDefault = 0 given, and not turned off */
};
void schan_registry_protocols(BOOL server, struct schan_registry_protocols *out);

/* schannel_buffers.c */
SecBuffer *schan_find_buffer(SecBufferDesc *desc, ULONG type);
/* Whether OUTPUT has a buffer for the token (TOKEN, else EMPTY). */
BOOL schan_has_token_buffer(SecBufferDesc *output);
/* Fills the output token buffer with DATA, allocating when ALLOCATE is set. */
SECURITY_STATUS schan_write_token(SecBufferDesc *output, const BYTE *data, SIZE_T size, BOOL allocate);
/* FALSE for an input with an EMPTY buffer of non-zero size, which Windows refuses. */
BOOL schan_input_valid(SecBufferDesc *input);
/* Whether INPUT has a buffer (its first EMPTY one) to report EXTRA or MISSING in. */
BOOL schan_can_report(SecBufferDesc *input);
/* Marks the last EXTRA bytes of the input token as left over, or the need for MISSING more. */
void schan_set_extra(SecBufferDesc *input, SIZE_T extra);
void schan_set_missing(SecBufferDesc *input, SIZE_T missing);

/* schannel_context.c */
SECURITY_STATUS schan_initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                         SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                         TimeStamp *expiry, const struct sspi_caller *caller);
SECURITY_STATUS schan_accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                     SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                     TimeStamp *expiry, const struct sspi_caller *caller);
void schan_delete_context(void *ctx);

/* schannel_messages.c */
SECURITY_STATUS schan_encrypt_message(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq);
SECURITY_STATUS schan_decrypt_message(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop);

/* schannel_sessions.c */
/* The cache settings of new credentials, from the registry and dwSessionLifespan. */
void schan_session_settings(struct schan_credentials *creds, DWORD lifespan);
/* Makes a new context resumable: a client looks for a session of the same credentials and
 * target, a server offers resumption by session ID and by tickets. */
SECURITY_STATUS schan_session_setup(struct schan_context *ctx, const char *target);
void schan_session_free(struct schan_context *ctx);
/* SCHANNEL_SESSION_TOKEN's dwFlags. */
SECURITY_STATUS schan_session_control(struct schan_context *ctx, DWORD flags);
/* The credentials are gone: so are their cached sessions. */
void schan_session_forget(struct schan_credentials *creds);
SECURITY_STATUS schan_session_info(struct schan_context *ctx, SecPkgContext_SessionInfo *info);
SECURITY_STATUS schan_session_key(struct schan_context *ctx, SecPkgContext_SessionKey *key);

/* schannel_registry.c */
struct schan_registry_cache
{
    DWORD client_time;          /* ClientCacheTime, ms */
    DWORD server_time;          /* ServerCacheTime, ms */
    DWORD max_entries;          /* MaximumCacheSize */
};
void schan_registry_cache(struct schan_registry_cache *out);

/* schannel_tokens.c */
SECURITY_STATUS schan_apply_control_token(void *ctx, SecBufferDesc *input);

/* schannel_validation.c */
/* Arranges the check of the server's certificates during the handshake, unless the caller validates
 * them itself (SCH_CRED_MANUAL_CRED_VALIDATION, ISC_REQ_MANUAL_CRED_VALIDATION). */
BOOL schan_setup_validation(struct schan_context *ctx, const WCHAR *target);
/* Records in the context the status Windows returns for ERROR, a CryptoAPI verdict on the peer's
 * chain, and returns the alert to send (0 when ERROR is S_OK). */
int schan_certificate_verdict(struct schan_context *ctx, HRESULT error);
/* The status Windows documents for a fatal alert received from the peer. */
SECURITY_STATUS schan_alert_status(int alert);
SECURITY_STATUS schan_set_credentials_attributes(void *cred, ULONG attr, void *buffer, ULONG size, BOOL unicode);

/* schannel_attributes.c */
SECURITY_STATUS schan_query_context_attributes(void *ctx, ULONG attr, void *buffer, BOOL unicode);
PCCERT_CONTEXT schan_server_certificate(struct schan_context *ctx);
SECURITY_STATUS schan_set_context_attributes(void *ctx, ULONG attr, void *buffer, ULONG size, BOOL unicode);

#endif /* SCHANNEL_PRIVATE_H */
