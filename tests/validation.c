/*
 * Server certificate validation inside the package.  The test makes its own PKI (root ->
 * intermediate -> leaf, and a second root that is not trusted), installs the root into
 * LocalMachine\Root for the run, and checks, for TLS 1.2 and 1.3, the status the client's
 * InitializeSecurityContext returns for each defect, the alert it sends, and the status of the server
 * that reads that alert.  Also: the credential flags that turn validation off or narrow it, the
 * peer's chain in REMOTE_CERT_CONTEXT and REMOTE_CERT_CHAIN, and SECPKG_ATTR_CLIENT_CERT_POLICY.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"
#include "pki_support.h"

#include "wine/test.h"
#include "test_support.h"

#define DAYS 3650

static PCCERT_CONTEXT root, intermediate, untrusted_root, untrusted_intermediate;
static PCCERT_CONTEXT good, expired, not_yet_valid, client_usage_only, from_untrusted;

static PCCERT_CONTEXT make_ca(const char *subject, PCCERT_CONTEXT issuer)
{
    struct pki_spec spec = { subject, issuer, TRUE, -1, DAYS, NULL };
    return make_pki_certificate(&spec);
}

/* A server certificate for "localhost" whose store holds its issuer, so the server sends both. */
static PCCERT_CONTEXT make_leaf(PCCERT_CONTEXT issuer, int from_days, int to_days, const char *usage)
{
    struct pki_spec spec = { "localhost", issuer, FALSE, from_days, to_days, usage };
    PCCERT_CONTEXT leaf = make_pki_certificate(&spec);

    if (leaf && !add_to_own_store(leaf, issuer))
    {
        free_test_certificate(leaf);
        return NULL;
    }
    return leaf;
}

static BOOL make_pki(void)
{
    root = make_ca("secur32 test root", NULL);
    intermediate = root ? make_ca("secur32 test intermediate", root) : NULL;
    untrusted_root = make_ca("secur32 untrusted root", NULL);
    untrusted_intermediate = untrusted_root ? make_ca("secur32 untrusted intermediate", untrusted_root) : NULL;
    if (!intermediate || !untrusted_intermediate) return FALSE;
    good = make_leaf(intermediate, -1, DAYS, szOID_PKIX_KP_SERVER_AUTH);
    expired = make_leaf(intermediate, -30, -1, szOID_PKIX_KP_SERVER_AUTH);
    not_yet_valid = make_leaf(intermediate, 1, DAYS, szOID_PKIX_KP_SERVER_AUTH);
    client_usage_only = make_leaf(intermediate, -1, DAYS, szOID_PKIX_KP_CLIENT_AUTH);
    from_untrusted = make_leaf(untrusted_intermediate, -1, DAYS, szOID_PKIX_KP_SERVER_AUTH);
    return good && expired && not_yet_valid && client_usage_only && from_untrusted;
}

static void free_pki(void)
{
    PCCERT_CONTEXT *certs[] = { &good, &expired, &not_yet_valid, &client_usage_only, &from_untrusted,
                                &intermediate, &untrusted_intermediate, &root, &untrusted_root };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(certs); i++)
    {
        free_test_certificate(*certs[i]);
        *certs[i] = NULL;
    }
}

static const struct
{
    DWORD protocol;
    const char *name;
} versions[] =
{
    { SP_PROT_TLS1_2, "TLS 1.2" }, { SP_PROT_TLS1_3, "TLS 1.3" },
};

/* A client with FLAGS (and EXTRA_REQ) against a server with LEAF, up to the client's step on the
 * server's certificates; the client's status of that step. */
static SECURITY_STATUS start(struct peer *client, struct peer *server, PCCERT_CONTEXT leaf, DWORD protocol,
                             DWORD flags, ULONG extra_req, const char *target)
{
    acquire_client(client, protocol & CLIENT_PROTOCOLS, flags);
    acquire_peer(server, TRUE, protocol & SERVER_PROTOCOLS, leaf);
    client->extra_req = extra_req;
    step_peer(client, server, target);
    step_peer(server, client, NULL);
    return step_peer(client, server, target);
}

/* The client refuses the server's chain with STATUS and sends the fatal alert ALERT; the server,
 * reading it, fails with SERVER_STATUS. */
static void check_refused(PCCERT_CONTEXT leaf, DWORD flags, const char *target, SECURITY_STATUS expect, BYTE alert,
                          SECURITY_STATUS server_expect, const char *name)
{
    struct peer client, server;
    SECURITY_STATUS status;
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(versions); i++)
    {
        const BYTE plain[] = { 0x15, 0x03, 0x03, 0x00, 0x02, TLS1_ALERT_FATAL, alert };
        static const BYTE ccs_record[] = { 0x14, 0x03, 0x03, 0x00, 0x01, 0x01 };

        status = start(&client, &server, leaf, versions[i].protocol, flags, 0, target);
        ok(status == expect, "%s, %s: client %#lx, expected %#lx\n", name, versions[i].name, status, expect);
        if (versions[i].protocol == SP_PROT_TLS1_2)
            ok(server.in_size == sizeof(plain) && !memcmp(server.in, plain, sizeof(plain)),
               "%s, %s: alert of %Iu bytes, %02x %02x\n", name, versions[i].name, server.in_size, server.in[0],
               server.in[server.in_size ? server.in_size - 1 : 0]);
        else
        {
            /* A middlebox-compatibility change_cipher_spec may go first; then the alert under the
             * handshake keys: header, alert, content type, AEAD tag. */
            SIZE_T ccs = server.in_size && server.in[0] == 0x14 ? sizeof(ccs_record) : 0;
            ok(!ccs || !memcmp(server.in, ccs_record, sizeof(ccs_record)), "%s, %s: not a CCS\n", name, versions[i].name);
            ok(server.in_size == ccs + 5 + 2 + 1 + 16 && server.in[ccs] == 0x17,
               "%s, %s: %Iu bytes, CCS %Iu, type %02x\n", name, versions[i].name, server.in_size, ccs, server.in[ccs]);
        }
        status = step_peer(&server, &client, NULL);
        ok(status == server_expect, "%s, %s: server %#lx, expected %#lx\n", name, versions[i].name, status,
           server_expect);
        release_peer(&client);
        release_peer(&server);
    }
}

/* The handshake completes with FLAGS and EXTRA_REQ. */
static void check_accepted(PCCERT_CONTEXT leaf, DWORD flags, ULONG extra_req, const char *target, const char *name)
{
    struct peer client, server;
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(versions); i++)
    {
        start(&client, &server, leaf, versions[i].protocol, flags, extra_req, target);
        ok(run_handshake(&client, &server, target), "%s, %s: client %#lx, server %#lx\n", name, versions[i].name,
           client.status, server.status);
        release_peer(&client);
        release_peer(&server);
    }
}

static void test_defects(void)
{
    check_refused(expired, 0, "localhost", SEC_E_CERT_EXPIRED, TLS1_ALERT_CERTIFICATE_EXPIRED, SEC_E_CERT_EXPIRED,
                  "expired leaf");
    check_refused(not_yet_valid, 0, "localhost", SEC_E_CERT_EXPIRED, TLS1_ALERT_CERTIFICATE_EXPIRED,
                  SEC_E_CERT_EXPIRED, "leaf not yet valid");
    check_refused(good, 0, "wrong.example", SEC_E_WRONG_PRINCIPAL, TLS1_ALERT_BAD_CERTIFICATE, SEC_E_CERT_UNKNOWN,
                  "wrong name");
    check_refused(from_untrusted, 0, "localhost", SEC_E_UNTRUSTED_ROOT, TLS1_ALERT_UNKNOWN_CA, SEC_E_UNTRUSTED_ROOT,
                  "untrusted root");
    check_refused(client_usage_only, 0, "localhost", SEC_E_CERT_WRONG_USAGE, TLS1_ALERT_UNSUPPORTED_CERT,
                  SEC_E_CERT_UNKNOWN, "no server-auth usage");
    /* The target name is checked even when the caller asked for automatic validation explicitly. */
    check_refused(good, SCH_CRED_AUTO_CRED_VALIDATION, "wrong.example", SEC_E_WRONG_PRINCIPAL,
                  TLS1_ALERT_BAD_CERTIFICATE, SEC_E_CERT_UNKNOWN, "auto, wrong name");
}

/* The test certificates name no revocation source, so nothing can be checked.  Whether the chain
 * engine calls that offline (Wine's does) decides the code and the ignore flag that applies. */
static void test_revocation(void)
{
    CERT_CHAIN_PARA para = { sizeof(para) };
    PCCERT_CHAIN_CONTEXT chain;
    DWORD status, right, wrong;
    SECURITY_STATUS expect;

    if (!CertGetCertificateChain(NULL, good, NULL, good->hCertStore, &para, CERT_CHAIN_REVOCATION_CHECK_CHAIN, NULL,
                                 &chain))
    {
        ok(0, "no chain: %#lx\n", GetLastError());
        return;
    }
    status = chain->TrustStatus.dwErrorStatus;
    CertFreeCertificateChain(chain);
    ok(status & CERT_TRUST_REVOCATION_STATUS_UNKNOWN, "chain status %#lx\n", status);
    expect = status & CERT_TRUST_IS_OFFLINE_REVOCATION ? CRYPT_E_REVOCATION_OFFLINE : CRYPT_E_NO_REVOCATION_CHECK;
    right = status & CERT_TRUST_IS_OFFLINE_REVOCATION ? SCH_CRED_IGNORE_REVOCATION_OFFLINE : SCH_CRED_IGNORE_NO_REVOCATION_CHECK;
    wrong = right ^ (SCH_CRED_IGNORE_REVOCATION_OFFLINE | SCH_CRED_IGNORE_NO_REVOCATION_CHECK);

    check_refused(good, SCH_CRED_REVOCATION_CHECK_CHAIN, "localhost", expect, TLS1_ALERT_CERTIFICATE_UNKNOWN,
                  SEC_E_CERT_UNKNOWN, "revocation unknown");
    check_refused(good, SCH_CRED_REVOCATION_CHECK_END_CERT | wrong, "localhost", expect, TLS1_ALERT_CERTIFICATE_UNKNOWN,
                  SEC_E_CERT_UNKNOWN, "revocation unknown, the other kind ignored");
    check_accepted(good, SCH_CRED_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT | right, 0, "localhost", "revocation unknown ignored");
    check_accepted(good, 0, 0, "localhost", "no revocation check");
}

static void test_accepted(void)
{
    check_accepted(good, 0, 0, "localhost", "good chain, default flags");
    check_accepted(good, SCH_CRED_AUTO_CRED_VALIDATION, 0, "localhost", "good chain, auto");
    check_accepted(good, SCH_CRED_NO_SERVERNAME_CHECK, 0, "wrong.example", "no name check");
    check_accepted(from_untrusted, SCH_CRED_MANUAL_CRED_VALIDATION, 0, "wrong.example", "manual validation");
    check_accepted(expired, 0, ISC_REQ_MANUAL_CRED_VALIDATION, "localhost", "ISC_REQ_MANUAL_CRED_VALIDATION");
}

static unsigned store_size(HCERTSTORE store)
{
    PCCERT_CONTEXT cert = NULL;
    unsigned count = 0;

    while ((cert = CertEnumCertificatesInStore(store, cert))) count++;
    return count;
}

/* The peer's leaf, whose store holds what the peer sent: here the leaf and the intermediate. */
static void check_peer_chain(struct peer *peer, ULONG attr, const char *name)
{
    PCCERT_CONTEXT cert = NULL;
    SECURITY_STATUS status = QueryContextAttributesA(&peer->ctx, attr, &cert);

    ok(status == SEC_E_OK, "%s: %#lx\n", name, status);
    if (status != SEC_E_OK) return;
    ok(CertCompareCertificate(X509_ASN_ENCODING, cert->pCertInfo, good->pCertInfo), "%s: not the leaf\n", name);
    ok(store_size(cert->hCertStore) == 2, "%s: %u certificates\n", name, store_size(cert->hCertStore));
    CertFreeCertificateContext(cert);
}

static void test_chain_attributes(void)
{
    struct peer client, server;
    PCCERT_CONTEXT cert = NULL;
    SECURITY_STATUS status;

    /* REMOTE_CERT_CHAIN answers once the server's certificates are in, before the handshake ends. */
    acquire_client(&client, SP_PROT_TLS1_2_CLIENT, 0);
    step_peer(&client, NULL, "localhost");
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_REMOTE_CERT_CHAIN, &cert);
    if (is_ours("secur32.dll")) ok(status == SEC_E_NO_CREDENTIALS, "REMOTE_CERT_CHAIN before the certificates: %#lx\n", status);
    if (status == SEC_E_OK) CertFreeCertificateContext(cert);
    release_peer(&client);

    status = start(&client, &server, good, SP_PROT_TLS1_2, 0, 0, "localhost");
    ok(status == SEC_I_CONTINUE_NEEDED, "TLS 1.2 client step: %#lx\n", status);
    check_peer_chain(&client, SECPKG_ATTR_REMOTE_CERT_CHAIN, "REMOTE_CERT_CHAIN during the handshake");
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &cert);
    ok(status != SEC_E_OK, "REMOTE_CERT_CONTEXT during the handshake: %#lx\n", status);
    if (status == SEC_E_OK) CertFreeCertificateContext(cert);
    ok(run_handshake(&client, &server, "localhost"), "handshake: client %#lx, server %#lx\n", client.status,
       server.status);
    check_peer_chain(&client, SECPKG_ATTR_REMOTE_CERT_CONTEXT, "REMOTE_CERT_CONTEXT");
    check_peer_chain(&client, SECPKG_ATTR_REMOTE_CERT_CHAIN, "REMOTE_CERT_CHAIN");
    release_peer(&client);
    release_peer(&server);
}

static void test_client_cert_policy(PCCERT_CONTEXT cert)
{
    SecPkgCred_ClientCertPolicy policy = { 0 };
    struct peer server;
    SECURITY_STATUS status;

    acquire_peer(&server, TRUE, 0, cert);
    policy.dwCertFlags = CERT_CHAIN_REVOCATION_CHECK_CHAIN;
    policy.dwUrlRetrievalTimeout = 5000;
    policy.fOmitUsageCheck = TRUE;
    status = SetCredentialsAttributesA(&server.cred, SECPKG_ATTR_CLIENT_CERT_POLICY, &policy, sizeof(policy));
    ok(status == SEC_E_OK, "CLIENT_CERT_POLICY: %#lx\n", status);
    status = SetCredentialsAttributesW(&server.cred, SECPKG_ATTR_CLIENT_CERT_POLICY, &policy, sizeof(policy));
    ok(status == SEC_E_OK, "CLIENT_CERT_POLICY (W): %#lx\n", status);
    if (is_ours("secur32.dll"))
    {
        /* Our choices where Windows documents nothing. */
        status = SetCredentialsAttributesA(&server.cred, SECPKG_ATTR_CLIENT_CERT_POLICY, &policy, sizeof(policy) - 1);
        ok(status == SEC_E_INVALID_PARAMETER, "short CLIENT_CERT_POLICY: %#lx\n", status);
        status = SetCredentialsAttributesA(&server.cred, SECPKG_ATTR_CLIENT_CERT_POLICY, NULL, sizeof(policy));
        ok(status == SEC_E_INVALID_PARAMETER, "NULL CLIENT_CERT_POLICY: %#lx\n", status);
        status = SetCredentialsAttributesA(&server.cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &policy, sizeof(policy));
        ok(status == SEC_E_UNSUPPORTED_FUNCTION, "SUPPORTED_PROTOCOLS set: %#lx\n", status);
    }
    release_peer(&server);
}

START_TEST(validation)
{
    if (is_wine_builtin("secur32.dll"))
    {
        skip("Wine 8's builtin secur32 has no AcceptSecurityContext and validates nothing\n");
        return;
    }
    ok(make_pki(), "test PKI not made: %#lx\n", GetLastError());
    if (!good) { free_pki(); return; }
    /* Before any chain is built: Wine's chain engine reads the root store once. */
    if (!install_root(root))
    {
        skip("LocalMachine\\Root cannot be written (%#lx)\n", GetLastError());
        free_pki();
        return;
    }
    test_client_cert_policy(good);
    test_accepted();
    test_defects();
    test_revocation();
    test_chain_attributes();
    remove_root(root);
    free_pki();
}
