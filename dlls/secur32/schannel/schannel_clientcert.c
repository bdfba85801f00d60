/*
 * The client's certificate when the server asks for one and the credentials have none:
 * SEC_I_INCOMPLETE_CREDENTIALS, the server's acceptable issuers (SECPKG_ATTR_ISSUER_LIST_EX), and the
 * handshake going on with the credential handle of the next InitializeSecurityContext call.
 *
 * As Windows' own sample client and curl do, the caller calls again with the same input: the bytes
 * the engine had already taken are skipped then.  Without SCH_CRED_NO_DEFAULT_CREDS or
 * ISC_REQ_USE_SUPPLIED_CREDS a certificate of the user's MY store is chosen first, when one fits.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

void schan_client_cert_offer(struct schan_context *ctx, struct schan_credentials *creds)
{
    if (!ctx->cert_wanted || !creds || creds->use != SECPKG_CRED_OUTBOUND) return;
    if (ctx->client_creds) schan_credentials_release(ctx->client_creds);
    schan_credentials_addref(creds);
    ctx->client_creds = creds;
}

SIZE_T schan_client_cert_resume(struct schan_context *ctx, SIZE_T size, struct tls_output *out)
{
    struct schan_credentials *answer = ctx->client_creds;
    SIZE_T skip = ctx->cert_wait_consumed;

    if (!ctx->cert_wanted) return 0;
    ctx->cert_wanted = FALSE;
    /* The certificate of the credentials given with this call, or none. */
    TRACE("%p: going on %s a certificate\n", ctx, answer && answer->cert ? "with" : "without");
    tls_session_answer_certificate(ctx->tls, answer && answer->cert ? answer->tls : NULL);
    tls_output_append(out, ctx->cert_wait_output.data, ctx->cert_wait_output.size);
    tls_output_free(&ctx->cert_wait_output);
    /* A caller that dropped the bytes taken already gives only what follows them. */
    return skip <= size ? skip : 0;
}

/* Credentials for CERT, if its key serves. */
static struct schan_credentials *credentials_for(PCCERT_CONTEXT cert)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };
    void *creds;

    cred.cCreds = 1;
    cred.paCred = &cert;
    cred.dwFlags = SCH_CRED_NO_DEFAULT_CREDS;
    return schan_acquire_credentials(NULL, SECPKG_CRED_OUTBOUND, &cred, &creds, NULL) == SEC_E_OK ? creds : NULL;
}

static BOOL for_client_auth(PCCERT_CONTEXT cert)
{
    CERT_ENHKEY_USAGE *usage;
    DWORD size = 0, i;
    BOOL ok = FALSE;

    /* No extended key usage at all: good for every use. */
    if (!CertGetEnhancedKeyUsage(cert, 0, NULL, &size)) return GetLastError() == CRYPT_E_NOT_FOUND;
    if (!(usage = sspi_alloc(size))) return FALSE;
    if (CertGetEnhancedKeyUsage(cert, 0, usage, &size))
    {
        if (!usage->cUsageIdentifier) ok = GetLastError() == CRYPT_E_NOT_FOUND;
        for (i = 0; i < usage->cUsageIdentifier && !ok; i++)
            ok = !strcmp(usage->rgpszUsageIdentifier[i], szOID_PKIX_KP_CLIENT_AUTH);
    }
    sspi_free(usage);
    return ok;
}

/* Whether some certificate of CERT's chain was issued by one of ISSUERS (any, when there are none). */
static BOOL issued_by(PCCERT_CONTEXT cert, const SecPkgContext_IssuerListInfoEx *issuers)
{
    CERT_CHAIN_PARA para = { sizeof(para) };
    PCCERT_CHAIN_CONTEXT chain;
    const CERT_SIMPLE_CHAIN *simple;
    BOOL found = !issuers->cIssuers;
    DWORD i, j;

    if (found || !CertGetCertificateChain(NULL, cert, NULL, cert->hCertStore, &para, 0, NULL, &chain)) return found;
    simple = chain->rgpChain[0];
    for (i = 0; i < simple->cElement && !found; i++)
        for (j = 0; j < issuers->cIssuers && !found; j++)
            found = CertCompareCertificateName(X509_ASN_ENCODING, &simple->rgpElement[i]->pCertContext->pCertInfo->Issuer,
                                               &issuers->aIssuers[j]);
    CertFreeCertificateChain(chain);
    return found;
}

static BOOL has_key(PCCERT_CONTEXT cert)
{
    DWORD size = 0;
    return CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &size) ||
           CertGetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, NULL, &size);
}

/* Windows picks a certificate itself unless told not to (SCH_CRED_NO_DEFAULT_CREDS, or
 * ISC_REQ_USE_SUPPLIED_CREDS): the first one in the user's MY store that has a private key, is valid
 * for client authentication, whose chain has an issuer the server named (any, when it named none) and
 * whose key can sign with what the server accepts. */
BOOL schan_client_cert_choose(struct schan_context *ctx)
{
    SecPkgContext_IssuerListInfoEx issuers;
    struct schan_credentials *creds = NULL;
    PCCERT_CONTEXT cert = NULL;
    HCERTSTORE store;

    if (ctx->creds->flags & SCH_CRED_NO_DEFAULT_CREDS || ctx->req & ISC_REQ_USE_SUPPLIED_CREDS) return FALSE;
    if (schan_issuer_list(ctx, &issuers) != SEC_E_OK) return FALSE;
    if ((store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_READONLY_FLAG,
                               L"MY")))
    {
        while (!creds && (cert = CertEnumCertificatesInStore(store, cert)))
        {
            if (!has_key(cert) || !for_client_auth(cert) || !issued_by(cert, &issuers)) continue;
            if ((creds = credentials_for(cert)) && tls_session_certificate_usable(ctx->tls, creds->tls)) break;
            if (creds) schan_credentials_release(creds);
            creds = NULL;
        }
        if (cert) CertFreeCertificateContext(cert);
        CertCloseStore(store, 0);
    }
    sspi_free(issuers.aIssuers);
    if (!creds) return FALSE;
    TRACE("%p: chose a certificate from the MY store\n", ctx);
    if (ctx->client_creds) schan_credentials_release(ctx->client_creds);
    ctx->client_creds = creds;
    tls_session_answer_certificate(ctx->tls, creds->tls);
    return TRUE;
}

SECURITY_STATUS schan_client_cert_needed(struct schan_context *ctx, SIZE_T consumed, struct tls_output *out)
{
    ctx->cert_wanted = TRUE;
    ctx->cert_wait_consumed = consumed;
    /* Anything the engine sent before it stopped goes out with the next step's token. */
    ctx->cert_wait_output = *out;
    memset(out, 0, sizeof(*out));
    TRACE("%p: the server asks for a client certificate\n", ctx);
    return SEC_I_INCOMPLETE_CREDENTIALS;
}

PCCERT_CONTEXT schan_client_certificate(struct schan_context *ctx)
{
    if (ctx->client_creds && ctx->client_creds->cert) return ctx->client_creds->cert;
    return ctx->creds->cert;
}

/* SecPkgContext_IssuerListInfoEx: one FreeContextBuffer block, the CERT_NAME_BLOBs followed by the
 * names.  No CertificateRequest yet, or one naming no CA: no issuers. */
SECURITY_STATUS schan_issuer_list(struct schan_context *ctx, SecPkgContext_IssuerListInfoEx *info)
{
    struct tls_blob issuers[64];
    unsigned count = tls_session_requested_issuers(ctx->tls, issuers, ARRAYSIZE(issuers)), i;
    SIZE_T size = 0;
    CERT_NAME_BLOB *blobs;
    BYTE *pos;

    info->aIssuers = NULL;
    info->cIssuers = 0;
    count = min(count, ARRAYSIZE(issuers));
    if (!count) return SEC_E_OK;
    for (i = 0; i < count; i++) size += issuers[i].size;
    if (!(blobs = sspi_alloc(count * sizeof(*blobs) + size))) return SEC_E_INSUFFICIENT_MEMORY;
    pos = (BYTE *)(blobs + count);
    for (i = 0; i < count; i++)
    {
        memcpy(pos, issuers[i].data, issuers[i].size);
        blobs[i].pbData = pos;
        blobs[i].cbData = issuers[i].size;
        pos += issuers[i].size;
    }
    info->aIssuers = blobs;
    info->cIssuers = count;
    return SEC_E_OK;
}

void schan_client_cert_free(struct schan_context *ctx)
{
    tls_output_free(&ctx->cert_wait_output);
    if (ctx->client_creds) schan_credentials_release(ctx->client_creds);
}
