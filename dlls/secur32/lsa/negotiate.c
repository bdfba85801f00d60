/*
 * The Negotiate package over the hosted ones: Kerberos first, NTLM when Kerberos cannot serve
 * (no ticket, no KDC, no credentials for it).  The client tries Kerberos's first step and falls
 * back to NTLM's, and offers it in SPNEGO as Windows does; the server takes the first mechanism
 * of the client's list it can serve, and also understands bare NTLM and Kerberos tokens.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "spnego.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(negotiate);

/* What Windows 10 and 11 report for Negotiate (docs/windows-behaviour.md). */
#define NEGOTIATE_CAPABILITIES (SECPKG_FLAG_INTEGRITY | SECPKG_FLAG_PRIVACY | SECPKG_FLAG_CONNECTION | \
                                SECPKG_FLAG_MULTI_REQUIRED | SECPKG_FLAG_EXTENDED_ERROR | \
                                SECPKG_FLAG_IMPERSONATION | SECPKG_FLAG_ACCEPT_WIN32_NAME | \
                                SECPKG_FLAG_NEGOTIABLE | SECPKG_FLAG_GSS_COMPATIBLE | SECPKG_FLAG_LOGON | \
                                SECPKG_FLAG_RESTRICTED_TOKENS)
#define NEGOTIATE_MAX_TOKEN 48256

enum { KERBEROS, NTLM, NEGOTIATED_COUNT };
static const WCHAR *const negotiated_names[NEGOTIATED_COUNT] = { L"Kerberos", L"NTLM" };

struct negotiate_cred
{
    struct lsa_handle *creds[NEGOTIATED_COUNT];
};

struct negotiate_ctx
{
    struct lsa_handle *inner;      /* the mechanism's context, once it has one */
    unsigned mech;                 /* KERBEROS or NTLM */
    BOOL spnego;                   /* tokens are SPNEGO-wrapped (else the mechanism's own) */
    BOOL started;                  /* a SPNEGO server has had the client's NegTokenInit */
};

static SECURITY_STATUS acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **out,
                                           TimeStamp *expiry)
{
    struct negotiate_cred *cred;
    SECURITY_STATUS status, first = SEC_E_SECPKG_NOT_FOUND;
    const struct lsa_package *package;
    BOOL any = FALSE;
    unsigned i;

    if (!(cred = sspi_alloc(sizeof(*cred)))) return SEC_E_INSUFFICIENT_MEMORY;
    for (i = 0; i < NEGOTIATED_COUNT; i++)
    {
        if (!(package = lsa_find_package_w(negotiated_names[i])) || !lsa_negotiable(package)) continue;
        status = lsa_acquire(package, principal, use, auth_data, &cred->creds[i], expiry);
        TRACE("%s: %#lx\n", dbgstr_w(negotiated_names[i]), status);
        if (status == SEC_E_OK) any = TRUE;
        else if (first == SEC_E_SECPKG_NOT_FOUND) first = status;
    }
    if (!any)
    {
        sspi_free(cred);
        return first == SEC_E_SECPKG_NOT_FOUND ? SEC_E_NO_CREDENTIALS : first;
    }
    *out = cred;
    return SEC_E_OK;
}

static void free_credentials(void *object)
{
    struct negotiate_cred *cred = object;
    unsigned i;

    for (i = 0; i < NEGOTIATED_COUNT; i++) if (cred->creds[i]) lsa_release(cred->creds[i], FALSE);
    sspi_free(cred);
}

/* The mechanisms' OIDs as the client lists them (Kerberos under Windows' old OID first). */
static const BYTE *const mech_oids[NEGOTIATED_COUNT] = { spnego_oid_ms_krb5, spnego_oid_ntlm };

/* A token buffer a mechanism step writes into before it is wrapped or unwrapped. */
#define TOKEN_ROOM LSA_TOKEN_ROOM

/* The step's status once its token is in place. */
static SECURITY_STATUS finish_output(SecBufferDesc *output, ULONG req, const BYTE *data, ULONG len,
                                     SECURITY_STATUS status)
{
    SECURITY_STATUS put = lsa_put_token(output, (req & ISC_REQ_ALLOCATE_MEMORY) != 0, data, len);

    return put != SEC_E_OK ? put : status;
}

/* One step of the mechanism with an unwrapped token; its output goes to OUT (TOKEN_ROOM bytes). */
static SECURITY_STATUS mech_step(BOOL server, struct lsa_handle *cred, struct negotiate_ctx *ctx,
                                 const WCHAR *target, ULONG req, const BYTE *in, ULONG in_len, BYTE *out,
                                 ULONG *out_len, ULONG *attrs, TimeStamp *expiry)
{
    SecBuffer in_buf = { in_len, SECBUFFER_TOKEN, (void *)in }, out_buf = { TOKEN_ROOM, SECBUFFER_TOKEN, out };
    SecBufferDesc in_desc = { SECBUFFER_VERSION, 1, &in_buf }, out_desc = { SECBUFFER_VERSION, 1, &out_buf };
    SECURITY_STATUS status;

    status = lsa_step(server, cred, &ctx->inner, target, req & ~ISC_REQ_ALLOCATE_MEMORY, in ? &in_desc : NULL,
                      &out_desc, attrs, expiry);
    *out_len = FAILED(status) ? 0 : out_buf.cbBuffer;
    return status;
}

/* The client's first step: Kerberos's if it can start, else NTLM's, offered in a NegTokenInit. */
static SECURITY_STATUS client_start(struct negotiate_cred *cred, struct negotiate_ctx *ctx, const WCHAR *target,
                                    ULONG req, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                    BYTE *token, BYTE *wrapped)
{
    SECURITY_STATUS status = SEC_E_NO_CREDENTIALS;
    const BYTE *mechs[3];
    ULONG len, count = 0;
    unsigned i;

    for (i = 0; i < NEGOTIATED_COUNT; i++)
    {
        if (!cred->creds[i]) continue;
        status = mech_step(FALSE, cred->creds[i], ctx, target, req, NULL, 0, token, &len, attrs, expiry);
        TRACE("client %s: %#lx\n", dbgstr_w(negotiated_names[i]), status);
        if (!FAILED(status)) break;
    }
    if (FAILED(status)) return status;
    ctx->mech = i;
    ctx->spnego = TRUE;
    if (i == KERBEROS)
    {
        mechs[count++] = spnego_oid_ms_krb5;
        mechs[count++] = spnego_oid_krb5;
    }
    if (cred->creds[NTLM]) mechs[count++] = spnego_oid_ntlm;
    if (!(len = spnego_write_init(mechs, count, token, len, wrapped, TOKEN_ROOM))) return SEC_E_INSUFFICIENT_MEMORY;
    return finish_output(output, req, wrapped, len, SEC_I_CONTINUE_NEEDED);
}

/* The client's later steps: the server's NegTokenResp may name another mechanism (start it),
 * carry the mechanism's token (answer it), or just say it is done. */
static SECURITY_STATUS client_continue(struct negotiate_cred *cred, struct negotiate_ctx *ctx, const WCHAR *target,
                                       ULONG req, const SecBuffer *in, SecBufferDesc *output, ULONG *attrs,
                                       TimeStamp *expiry, BYTE *token, BYTE *wrapped)
{
    struct spnego_token resp;
    SECURITY_STATUS status;
    ULONG len;

    if (!in || !spnego_parse(in->pvBuffer, in->cbBuffer, &resp) || resp.init) return SEC_E_INVALID_TOKEN;
    if (resp.state == SPNEGO_REJECT) return SEC_E_LOGON_DENIED;
    if (resp.mech && !spnego_same_mech(resp.mech, mech_oids[ctx->mech]) &&
        !(ctx->mech == KERBEROS && spnego_is_kerberos(resp.mech)))
    {
        unsigned mech = spnego_is_kerberos(resp.mech) ? KERBEROS : NTLM;

        if (!spnego_same_mech(resp.mech, spnego_oid_ntlm) && mech == NTLM) return SEC_E_INVALID_TOKEN;
        if (!cred || !cred->creds[mech]) return SEC_E_NO_CREDENTIALS;
        lsa_release(ctx->inner, TRUE);
        ctx->inner = NULL;
        ctx->mech = mech;
        status = mech_step(FALSE, cred->creds[mech], ctx, target, req, NULL, 0, token, &len, attrs, expiry);
    }
    else if (resp.token_len)
        status = mech_step(FALSE, NULL, ctx, target, req, resp.token, resp.token_len, token, &len, attrs, expiry);
    else if (resp.state == SPNEGO_ACCEPT_COMPLETED) return finish_output(output, req, NULL, 0, SEC_E_OK);
    else return SEC_E_INVALID_TOKEN;
    if (FAILED(status)) return status;
    if (len && !(len = spnego_write_resp(-1, NULL, token, len, wrapped, TOKEN_ROOM))) return SEC_E_INSUFFICIENT_MEMORY;
    return finish_output(output, req, wrapped, len, status);
}

/* The server's first mechanism: the first of the client's list it has credentials for. */
static const BYTE *choose_mech(struct negotiate_cred *cred, const struct spnego_token *init, unsigned *mech)
{
    const BYTE *p = init->mechs, *oid;

    while (p && p + 2 <= init->mechs_end)
    {
        oid = p;
        if (p[0] != 0x06 || p[1] >= 0x80 || p + 2 + p[1] > init->mechs_end) return NULL;
        p += 2 + p[1];
        if (spnego_is_kerberos(oid) && cred->creds[KERBEROS]) *mech = KERBEROS;
        else if (spnego_same_mech(oid, spnego_oid_ntlm) && cred->creds[NTLM]) *mech = NTLM;
        else continue;
        return oid;
    }
    return NULL;
}

static SECURITY_STATUS server_spnego(struct negotiate_cred *cred, struct negotiate_ctx *ctx, ULONG req,
                                     const SecBuffer *in, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                     BYTE *token, BYTE *wrapped)
{
    struct spnego_token msg;
    const BYTE *mech = NULL;
    SECURITY_STATUS status;
    ULONG len = 0;

    if (!spnego_parse(in->pvBuffer, in->cbBuffer, &msg) || msg.init == ctx->started) return SEC_E_INVALID_TOKEN;
    if (msg.init)
    {
        ctx->started = TRUE;
        if (!(mech = choose_mech(cred, &msg, &ctx->mech))) return SEC_E_INVALID_TOKEN;
        /* The optimistic token belongs to the client's first mechanism only. */
        if (!spnego_same_mech(mech, msg.first_mech) || !msg.token_len)
        {
            len = spnego_write_resp(SPNEGO_ACCEPT_INCOMPLETE, mech, NULL, 0, wrapped, TOKEN_ROOM);
            return finish_output(output, req, wrapped, len, SEC_I_CONTINUE_NEEDED);
        }
    }
    if (!msg.token_len) return SEC_E_INVALID_TOKEN;
    if (!ctx->inner && !cred) return SEC_E_INVALID_HANDLE;
    status = mech_step(TRUE, ctx->inner ? NULL : cred->creds[ctx->mech], ctx, NULL, req, msg.token, msg.token_len,
                       token, &len, attrs, expiry);
    if (FAILED(status)) return status;
    len = spnego_write_resp(status == SEC_E_OK ? SPNEGO_ACCEPT_COMPLETED : SPNEGO_ACCEPT_INCOMPLETE, mech, token,
                            len, wrapped, TOKEN_ROOM);
    if (!len) return SEC_E_INSUFFICIENT_MEMORY;
    return finish_output(output, req, wrapped, len, status);
}

/* A server answers as the client speaks: SPNEGO, or a bare NTLM or Kerberos token (older
 * clients, Wine's own Negotiate), which the chosen package gets as it is. */
static SECURITY_STATUS server_step(struct negotiate_cred *cred, struct negotiate_ctx *ctx, ULONG req,
                                   SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                   BYTE *token, BYTE *wrapped)
{
    const SecBuffer *in = lsa_find_token(input);

    if (!in || !in->pvBuffer || !in->cbBuffer) return SEC_E_INVALID_TOKEN;
    if (!ctx->started && !ctx->inner)
    {
        if (spnego_is_init(in->pvBuffer, in->cbBuffer)) ctx->spnego = TRUE;
        else if (lsa_ntlm_message_type(input)) ctx->mech = NTLM;
        else if (*(const BYTE *)in->pvBuffer == 0x60) ctx->mech = KERBEROS;
        else return SEC_E_INVALID_TOKEN;
        if (!ctx->spnego && !cred->creds[ctx->mech]) return SEC_E_INVALID_TOKEN;
    }
    if (ctx->spnego) return server_spnego(cred, ctx, req, in, output, attrs, expiry, token, wrapped);
    return lsa_step(TRUE, ctx->inner ? NULL : cred->creds[ctx->mech], &ctx->inner, NULL, req, input, output,
                    attrs, expiry);
}

static SECURITY_STATUS step(BOOL server, void *cred, void **out, const WCHAR *target, ULONG req,
                            SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    struct negotiate_ctx *ctx = *out;
    SECURITY_STATUS status;
    BYTE *token, *wrapped;

    if (!ctx && (status = lsa_check_output(output, (req & ISC_REQ_ALLOCATE_MEMORY) != 0))) return status;
    if (!ctx && !(ctx = sspi_alloc(sizeof(*ctx)))) return SEC_E_INSUFFICIENT_MEMORY;
    if (!(token = sspi_alloc(2 * TOKEN_ROOM))) status = SEC_E_INSUFFICIENT_MEMORY;
    else
    {
        wrapped = token + TOKEN_ROOM;
        if (server) status = server_step(cred, ctx, req, input, output, attrs, expiry, token, wrapped);
        else if (!*out) status = client_start(cred, ctx, target, req, output, attrs, expiry, token, wrapped);
        else status = client_continue(cred, ctx, target, req, lsa_find_token(input), output, attrs, expiry, token,
                                      wrapped);
        SecureZeroMemory(token, 2 * TOKEN_ROOM);
        sspi_free(token);
        /* ISC_RET_ALLOCATED_MEMORY and ASC_RET_ALLOCATED_MEMORY are the same bit. */
        if (!FAILED(status) && (req & ISC_REQ_ALLOCATE_MEMORY) && attrs) *attrs |= ISC_RET_ALLOCATED_MEMORY;
    }
    if (*out) return status;
    /* A first step that fails leaves no context. */
    if (FAILED(status))
    {
        if (ctx->inner) lsa_release(ctx->inner, TRUE);
        sspi_free(ctx);
    }
    else *out = ctx;
    return status;
}

/* Who calls changes nothing for these packages. */
static SECURITY_STATUS initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                          SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                          TimeStamp *expiry, const struct sspi_caller *caller)
{
    return step(FALSE, cred, ctx, target, req, input, output, attrs, expiry);
}

static SECURITY_STATUS accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                      SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                      const struct sspi_caller *caller)
{
    return step(TRUE, cred, ctx, NULL, req, input, output, attrs, expiry);
}

static void delete_context(void *object)
{
    struct negotiate_ctx *ctx = object;

    if (ctx->inner) lsa_release(ctx->inner, TRUE);
    sspi_free(ctx);
}

/* The negotiated package answers, NEGOTIATION_INFO and PACKAGE_INFO included (they name it). */
/* A server context still waiting for the mechanism's first token has nothing to answer with. */
#define INNER_OR_FAIL(object) \
    struct lsa_handle *inner = ((struct negotiate_ctx *)(object))->inner; \
    if (!inner) return SEC_E_INVALID_HANDLE

static SECURITY_STATUS query_context(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    INNER_OR_FAIL(object);
    return lsa_query_context(inner, attr, buffer, unicode);
}

static SECURITY_STATUS encrypt_message(void *object, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    INNER_OR_FAIL(object);
    return lsa_encrypt(inner, qop, message, seq);
}

static SECURITY_STATUS decrypt_message(void *object, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    INNER_OR_FAIL(object);
    return lsa_decrypt(inner, message, seq, qop);
}

static SECURITY_STATUS make_signature(void *object, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    INNER_OR_FAIL(object);
    return lsa_make_signature(inner, qop, message, seq);
}

static SECURITY_STATUS verify_signature(void *object, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    INNER_OR_FAIL(object);
    return lsa_verify_signature(inner, message, seq, qop);
}

static SECURITY_STATUS apply_control_token(void *object, SecBufferDesc *input)
{
    INNER_OR_FAIL(object);
    return lsa_apply_control_token(inner, input);
}

static SECURITY_STATUS set_context(void *object, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    INNER_OR_FAIL(object);
    return lsa_set_context(inner, attr, buffer, size, unicode);
}

static SECURITY_STATUS complete_auth_token(void *object, SecBufferDesc *token)
{
    INNER_OR_FAIL(object);
    return lsa_complete_token(inner, token);
}

static SECURITY_STATUS query_context_token(void *object, HANDLE *token)
{
    INNER_OR_FAIL(object);
    return lsa_context_token(inner, token);
}

static SECURITY_STATUS impersonate_context(void *object)
{
    INNER_OR_FAIL(object);
    return lsa_impersonate(inner);
}

static SECURITY_STATUS revert_context(void *object)
{
    INNER_OR_FAIL(object);
    return lsa_revert(inner);
}

/* Credential calls go to the mechanisms' credentials in Negotiate's order: the first that
 * supports the call answers. */
#define FIRST_SUPPORTING(object, op, ...) \
    ({ \
        struct negotiate_cred *cred_ = object; \
        SECURITY_STATUS status_ = SEC_E_UNSUPPORTED_FUNCTION; \
        unsigned i_; \
        for (i_ = 0; i_ < NEGOTIATED_COUNT && status_ == SEC_E_UNSUPPORTED_FUNCTION; i_++) \
            if (cred_->creds[i_]) status_ = lsa_package_ops.op(cred_->creds[i_], __VA_ARGS__); \
        status_; \
    })

static SECURITY_STATUS query_credentials(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    return FIRST_SUPPORTING(object, query_credentials_attributes, attr, buffer, unicode);
}

static SECURITY_STATUS set_credentials(void *object, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    return FIRST_SUPPORTING(object, set_credentials_attributes, attr, buffer, size, unicode);
}

static SECURITY_STATUS add_credentials(void *object, const WCHAR *principal, const WCHAR *package, ULONG use,
                                       void *auth_data, TimeStamp *expiry)
{
    return FIRST_SUPPORTING(object, add_credentials, principal, package, use, auth_data, expiry);
}

static const struct sspi_package_ops negotiate_ops =
{
    .acquire_credentials = acquire_credentials,
    .free_credentials = free_credentials,
    .query_credentials_attributes = query_credentials,
    .set_credentials_attributes = set_credentials,
    .add_credentials = add_credentials,
    .initialize_context = initialize_context,
    .accept_context = accept_context,
    .delete_context = delete_context,
    .apply_control_token = apply_control_token,
    .query_context_attributes = query_context,
    .set_context_attributes = set_context,
    .encrypt_message = encrypt_message,
    .decrypt_message = decrypt_message,
    .make_signature = make_signature,
    .verify_signature = verify_signature,
    .complete_auth_token = complete_auth_token,
    .query_context_token = query_context_token,
    .impersonate_context = impersonate_context,
    .revert_context = revert_context,
};

const struct sspi_package negotiate_packages[] =
{
    { L"Negotiate", L"Microsoft Package Negotiator", NEGOTIATE_CAPABILITIES, 1, RPC_C_AUTHN_GSS_NEGOTIATE,
      NEGOTIATE_MAX_TOKEN, &negotiate_ops },
};

ULONG negotiate_package_count;
