/*
 * Certificate validation in SSPI terms: when a client checks the server's chain, which credential
 * flags shape the check, the status and alert for each verdict, the status for each alert received,
 * and the client certificate policy a server's credentials carry.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "cert/cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

/* A verdict of the chain engine or the SSL policy, what InitializeSecurityContext returns for it, and
 * the alert sent: the reverse of Microsoft's table of alerts received (schan_alert_status), and the
 * CRYPT_E_* revocation codes as they are, as Windows' clients report them. */
static const struct
{
    HRESULT error;
    SECURITY_STATUS status;
    BYTE alert;
} verdicts[] =
{
    { CERT_E_UNTRUSTEDROOT, SEC_E_UNTRUSTED_ROOT, TLS1_ALERT_UNKNOWN_CA },
    { CERT_E_CHAINING, SEC_E_UNTRUSTED_ROOT, TLS1_ALERT_UNKNOWN_CA },
    { CERT_E_UNTRUSTEDCA, SEC_E_UNTRUSTED_ROOT, TLS1_ALERT_UNKNOWN_CA },
    { CERT_E_EXPIRED, SEC_E_CERT_EXPIRED, TLS1_ALERT_CERTIFICATE_EXPIRED },
    { CERT_E_CN_NO_MATCH, SEC_E_WRONG_PRINCIPAL, TLS1_ALERT_BAD_CERTIFICATE },
    { CERT_E_WRONG_USAGE, SEC_E_CERT_WRONG_USAGE, TLS1_ALERT_UNSUPPORTED_CERT },
    { CRYPT_E_REVOKED, CRYPT_E_REVOKED, TLS1_ALERT_CERTIFICATE_REVOKED },
    { CRYPT_E_NO_REVOCATION_CHECK, CRYPT_E_NO_REVOCATION_CHECK, TLS1_ALERT_CERTIFICATE_UNKNOWN },
    { CRYPT_E_REVOCATION_OFFLINE, CRYPT_E_REVOCATION_OFFLINE, TLS1_ALERT_CERTIFICATE_UNKNOWN },
};

int schan_certificate_verdict(struct schan_context *ctx, HRESULT error)
{
    unsigned i;

    if (error == S_OK) return 0;
    WARN("%s certificate refused: %#lx\n", ctx->server ? "client" : "server", error);
    for (i = 0; i < ARRAYSIZE(verdicts); i++)
        if (verdicts[i].error == error)
        {
            ctx->cert_status = verdicts[i].status;
            return verdicts[i].alert;
        }
    /* A bad signature, broken constraints, an undecodable certificate... */
    ctx->cert_status = SEC_E_CERT_UNKNOWN;
    return TLS1_ALERT_BAD_CERTIFICATE;
}

SECURITY_STATUS schan_alert_status(int alert)
{
    switch (alert)
    {
    case TLS1_ALERT_BAD_RECORD_MAC:
    case TLS1_ALERT_DECOMPRESSION_FAIL: return SEC_E_MESSAGE_ALTERED;
    case TLS1_ALERT_DECRYPTION_FAILED:
    case TLS1_ALERT_DECRYPT_ERROR: return SEC_E_DECRYPT_FAILURE;
    case TLS1_ALERT_BAD_CERTIFICATE:
    case TLS1_ALERT_UNSUPPORTED_CERT:
    case TLS1_ALERT_CERTIFICATE_UNKNOWN: return SEC_E_CERT_UNKNOWN;
    case TLS1_ALERT_CERTIFICATE_REVOKED: return CRYPT_E_REVOKED;
    case TLS1_ALERT_CERTIFICATE_EXPIRED: return SEC_E_CERT_EXPIRED;
    case TLS1_ALERT_UNKNOWN_CA: return SEC_E_UNTRUSTED_ROOT;
    case TLS1_ALERT_ACCESS_DENIED: return SEC_E_LOGON_DENIED;
    case TLS1_ALERT_PROTOCOL_VERSION: return SEC_E_UNSUPPORTED_FUNCTION;
    case TLS1_ALERT_INSUFFIENT_SECURITY: return SEC_E_ALGORITHM_MISMATCH;
    case TLS1_ALERT_INTERNAL_ERROR: return SEC_E_INTERNAL_ERROR;
    case TLS1_ALERT_USER_CANCELED: return SEC_E_UNFINISHED_CONTEXT_DELETED;
    case TLS1_ALERT_NO_APP_PROTOCOL: return SEC_E_APPLICATION_PROTOCOL_MISMATCH;
    default: return SEC_E_ILLEGAL_MESSAGE;
    }
}

/* SCH_CRED_REVOCATION_CHECK_* as the chain engine's flags; the widest one named wins. */
static DWORD revocation_flags(DWORD flags)
{
    if (flags & SCH_CRED_REVOCATION_CHECK_CHAIN) return CERT_CHAIN_REVOCATION_CHECK_CHAIN;
    if (flags & SCH_CRED_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT) return CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT;
    if (flags & SCH_CRED_REVOCATION_CHECK_END_CERT) return CERT_CHAIN_REVOCATION_CHECK_END_CERT;
    return 0;
}

static int verify_server(void *context, const struct tls_blob *chain, unsigned count)
{
    struct schan_context *ctx = context;
    DWORD flags = ctx->creds->flags;
    struct cert_validation validation = { 0 };

    if (!count) return schan_certificate_verdict(ctx, SEC_E_CERT_UNKNOWN);
    validation.peer_is_server = TRUE;
    /* Without a target name there is nothing to compare the certificate with. */
    if (!(flags & SCH_CRED_NO_SERVERNAME_CHECK) && ctx->target && ctx->target[0]) validation.name = ctx->target;
    validation.chain_flags = revocation_flags(flags);
    validation.ignore_no_revocation_check = !!(flags & SCH_CRED_IGNORE_NO_REVOCATION_CHECK);
    validation.ignore_revocation_offline = !!(flags & SCH_CRED_IGNORE_REVOCATION_OFFLINE);
    return schan_certificate_verdict(ctx, cert_validate_chain(chain, count, &validation));
}

BOOL schan_setup_validation(struct schan_context *ctx, const WCHAR *target)
{
    /* Clients validate unless told not to (SCH_CRED_AUTO_CRED_VALIDATION asks for the default). */
    if (ctx->server || ctx->creds->flags & SCH_CRED_MANUAL_CRED_VALIDATION || ctx->req & ISC_REQ_MANUAL_CRED_VALIDATION)
        return TRUE;
    if (target && !(ctx->target = sspi_alloc((lstrlenW(target) + 1) * sizeof(WCHAR)))) return FALSE;
    if (target) lstrcpyW(ctx->target, target);
    tls_session_set_verify(ctx->tls, verify_server, ctx);
    return TRUE;
}

/* SECPKG_ATTR_CLIENT_CERT_POLICY: how a server checks client certificates.  Accepted (.NET sets it)
 * but not applied: the package leaves a client's chain to the server application, which Microsoft
 * documents as the server's job. */
static SECURITY_STATUS set_client_cert_policy(struct schan_credentials *creds, const SecPkgCred_ClientCertPolicy *policy,
                                              ULONG size)
{
    if (size < sizeof(*policy)) return SEC_E_INVALID_PARAMETER;
    FIXME("client certificate policy accepted, not applied: the server application validates client chains\n");
    TRACE("client certificate policy: chain flags %#lx, timeout %lu, omit usage %d\n", policy->dwCertFlags,
          policy->dwUrlRetrievalTimeout, policy->fOmitUsageCheck);
    return SEC_E_OK;
}

SECURITY_STATUS schan_set_credentials_attributes(void *cred, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    TRACE("%p: attribute %#lx, %lu bytes\n", cred, attr, size);
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    switch (attr)
    {
    case SECPKG_ATTR_CLIENT_CERT_POLICY: return set_client_cert_policy(cred, buffer, size);
    default:
        FIXME("attribute %#lx not supported\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
