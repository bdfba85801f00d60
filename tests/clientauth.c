/*
 * Client authentication: a server that asks (ASC_REQ_MUTUAL_AUTH) gets the client's certificate,
 * whose key may be non-exportable, in TLS 1.2 and 1.3; a client that has none.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <windows.h>
#include <wincrypt.h>

#include "wine/test.h"
#include "tls_support.h"
#include "test_support.h"
#include "test_pfx.h"

static PCCERT_CONTEXT server_cert;

static BOOL same_certificate(PCCERT_CONTEXT a, PCCERT_CONTEXT b)
{
    return a && b && a->cbCertEncoded == b->cbCertEncoded && !memcmp(a->pbCertEncoded, b->pbCertEncoded, a->cbCertEncoded);
}

/* The client presents CLIENT_CERT (or nothing); the server asks for it. */
static void test_mutual(PCCERT_CONTEXT client_cert, DWORD protocols, DWORD expected, const char *name)
{
    SecPkgContext_ConnectionInfo info;
    struct peer client, server;
    PCCERT_CONTEXT remote = NULL, local = NULL;
    SECURITY_STATUS status;

    ok(acquire_peer(&server, TRUE, protocols & SERVER_PROTOCOLS, server_cert) == SEC_E_OK, "%s: server credentials\n", name);
    status = acquire_peer(&client, FALSE, protocols & CLIENT_PROTOCOLS, client_cert);
    ok(status == SEC_E_OK, "%s: client credentials %#lx\n", name, status);
    if (status != SEC_E_OK)
    {
        FreeCredentialsHandle(&server.cred);
        return;
    }
    server.extra_req = ASC_REQ_MUTUAL_AUTH;
    ok(run_handshake(&client, &server, "localhost"), "%s: handshake %#lx %#lx\n", name, client.status, server.status);
    ok(server.attrs == (SERVER_REQ | ASC_RET_MUTUAL_AUTH), "%s: server attributes %#lx\n", name, server.attrs);
    status = QueryContextAttributesA(&server.ctx, SECPKG_ATTR_CONNECTION_INFO, &info);
    ok(status == SEC_E_OK && info.dwProtocol == (expected & SERVER_PROTOCOLS), "%s: protocol %#lx, expected %#lx\n",
       name, info.dwProtocol, expected & SERVER_PROTOCOLS);

    status = QueryContextAttributesA(&server.ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &remote);
    if (client_cert)
        ok(status == SEC_E_OK && same_certificate(remote, client_cert), "%s: server sees %#lx\n", name, status);
    else
        ok(status == SEC_E_NO_CREDENTIALS, "%s: server sees %#lx without a client certificate\n", name, status);
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &local);
    if (client_cert)
        ok(status == SEC_E_OK && same_certificate(local, client_cert), "%s: client's own %#lx\n", name, status);
    else
        ok(status == SEC_E_NO_CREDENTIALS, "%s: client's own %#lx without one\n", name, status);
    if (remote) CertFreeCertificateContext(remote);
    if (local) CertFreeCertificateContext(local);
    ok(send_message(&client, &server, "ping", 4) == SEC_E_OK, "%s: client's record not sent\n", name);
    release_peer(&client);
    release_peer(&server);
}

/* Whether client credentials for CERT may use TLS 1.3 (its key can sign with RSA-PSS). */
static BOOL client_can_tls13(PCCERT_CONTEXT cert)
{
    struct peer client;

    if (acquire_peer(&client, FALSE, SP_PROT_TLS1_3_CLIENT, cert) != SEC_E_OK) return FALSE;
    FreeCredentialsHandle(&client.cred);
    return TRUE;
}

/* A non-exportable key signs the CertificateVerify through its provider.  TLS 1.3 needs RSA-PSS:
 * with a key only CryptoAPI holds (Wine 8) the client keeps to TLS 1.2. */
static void test_key(DWORD flags, const char *name)
{
    PCCERT_CONTEXT cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", flags);
    char what[128];
    DWORD best;

    ok(cert != NULL, "%s: PFX import failed: %#lx\n", name, GetLastError());
    if (!cert) return;
    best = client_can_tls13(cert) ? SP_PROT_TLS1_3 : SP_PROT_TLS1_2;
    if (best == SP_PROT_TLS1_2) trace("%s: the client's key cannot sign with RSA-PSS here: TLS 1.2\n", name);
    if (flags & CRYPT_EXPORTABLE) ok(best == SP_PROT_TLS1_3, "%s: exportable key without TLS 1.3\n", name);

    sprintf(what, "%s, TLS 1.2", name);
    test_mutual(cert, SP_PROT_TLS1_2, SP_PROT_TLS1_2, what);
    sprintf(what, "%s, default versions", name);
    test_mutual(cert, 0, best, what);
    if (flags & PKCS12_NO_PERSIST_KEY) CertFreeCertificateContext(cert);
    else free_test_certificate(cert);
}

/* The server asks and the client's credentials have no certificate: SEC_I_INCOMPLETE_CREDENTIALS,
 * nothing consumed (EXTRA: all of it), no CA names (our server sends none); then the caller calls
 * again with the same input and either credentials holding CLIENT_CERT or the same ones (no
 * certificate: the handshake goes on without one). */
static void test_incomplete_credentials(PCCERT_CONTEXT client_cert, DWORD protocols, SECURITY_STATUS expected,
                                        const char *name)
{
    SecPkgContext_IssuerListInfoEx issuers = { (void *)1, 1 };
    struct peer client, server, fresh;
    PCCERT_CONTEXT remote = NULL, local = NULL;
    SECURITY_STATUS status;
    SIZE_T received;
    CredHandle old;

    acquire_peer(&server, TRUE, protocols & SERVER_PROTOCOLS, server_cert);
    server.extra_req = ASC_REQ_MUTUAL_AUTH;
    acquire_peer(&client, FALSE, protocols & CLIENT_PROTOCOLS, NULL);
    ok(!run_handshake(&client, &server, "localhost"), "%s: handshake finished\n", name);
    ok(client.status == SEC_I_INCOMPLETE_CREDENTIALS, "%s: client %#lx\n", name, client.status);
    ok(server.status == SEC_I_CONTINUE_NEEDED, "%s: server %#lx\n", name, server.status);
    ok(!server.in_size, "%s: %u bytes sent with SEC_I_INCOMPLETE_CREDENTIALS\n", name, (unsigned)server.in_size);
    ok(client.in_size > 0, "%s: the client's input was dropped\n", name);
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_ISSUER_LIST_EX, &issuers);
    ok(status == SEC_E_OK && !issuers.cIssuers && !issuers.aIssuers, "%s: ISSUER_LIST_EX %#lx, %lu issuers\n", name,
       status, issuers.cIssuers);

    received = client.in_size;
    if (client_cert)
    {
        /* A new credential handle for the next call, as Windows' sample client does. */
        status = acquire_peer(&fresh, FALSE, 0, client_cert);
        ok(status == SEC_E_OK, "%s: new client credentials %#lx\n", name, status);
        old = client.cred;
        client.cred = fresh.cred;
        FreeCredentialsHandle(&old);
    }
    client.status = SEC_I_CONTINUE_NEEDED;
    if (expected != SEC_E_OK)
    {
        ok(!finish_handshake(&client, &server, "localhost") && client.status == expected,
           "%s: client %#lx, expected %#lx\n", name, client.status, expected);
        release_peer(&client);
        release_peer(&server);
        return;
    }
    ok(finish_handshake(&client, &server, "localhost"), "%s: handshake after the answer %#lx %#lx\n", name,
       client.status, server.status);
    ok(received > 0, "%s: no server flight\n", name);
    status = QueryContextAttributesA(&server.ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &remote);
    if (client_cert) ok(status == SEC_E_OK && same_certificate(remote, client_cert), "%s: server sees %#lx\n", name, status);
    else ok(status == SEC_E_NO_CREDENTIALS, "%s: server sees %#lx\n", name, status);
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &local);
    if (client_cert) ok(status == SEC_E_OK && same_certificate(local, client_cert), "%s: client's own %#lx\n", name, status);
    else ok(status == SEC_E_NO_CREDENTIALS, "%s: client's own %#lx\n", name, status);
    if (remote) CertFreeCertificateContext(remote);
    if (local) CertFreeCertificateContext(local);
    release_peer(&client);
    release_peer(&server);
}

/* A context deleted while it waits for the caller's certificate. */
static void test_delete_while_waiting(void)
{
    struct peer client, server;

    acquire_peer(&server, TRUE, 0, server_cert);
    server.extra_req = ASC_REQ_MUTUAL_AUTH;
    acquire_peer(&client, FALSE, 0, NULL);
    run_handshake(&client, &server, "localhost");
    ok(client.status == SEC_I_INCOMPLETE_CREDENTIALS, "client %#lx\n", client.status);
    ok(DeleteSecurityContext(&client.ctx) == SEC_E_OK, "context not deleted\n");
    client.has_ctx = FALSE;
    release_peer(&client);
    release_peer(&server);
}

/* Without SCH_CRED_NO_DEFAULT_CREDS the package picks a certificate with a key from the user's MY
 * store; ISC_REQ_USE_SUPPLIED_CREDS or the flag leave the choice to the caller. */
static void test_default_credentials(void)
{
    PCCERT_CONTEXT cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", CRYPT_EXPORTABLE), added = NULL, remote = NULL;
    struct peer client, server;
    HCERTSTORE store;
    SECURITY_STATUS status;

    /* Wine writes a system store out when it is closed. */
    store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"MY");
    ok(store && cert && CertAddCertificateContextToStore(store, cert, CERT_STORE_ADD_REPLACE_EXISTING, NULL),
       "certificate not added to MY: %#lx\n", GetLastError());
    if (store) CertCloseStore(store, 0);

    acquire_peer(&server, TRUE, 0, server_cert);
    server.extra_req = ASC_REQ_MUTUAL_AUTH;
    ok(acquire_client(&client, 0, SCH_CRED_MANUAL_CRED_VALIDATION) == SEC_E_OK, "client credentials\n");
    ok(run_handshake(&client, &server, "localhost"), "default credentials: handshake %#lx %#lx\n", client.status,
       server.status);
    status = QueryContextAttributesA(&server.ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &remote);
    ok(status == SEC_E_OK && same_certificate(remote, cert), "default credentials: server sees %#lx\n", status);
    if (remote) CertFreeCertificateContext(remote);
    release_peer(&client);
    release_peer(&server);

    acquire_peer(&server, TRUE, 0, server_cert);
    server.extra_req = ASC_REQ_MUTUAL_AUTH;
    acquire_client(&client, 0, SCH_CRED_MANUAL_CRED_VALIDATION);
    client.extra_req = ISC_REQ_USE_SUPPLIED_CREDS;
    run_handshake(&client, &server, "localhost");
    ok(client.status == SEC_I_INCOMPLETE_CREDENTIALS, "ISC_REQ_USE_SUPPLIED_CREDS: client %#lx\n", client.status);
    release_peer(&client);
    release_peer(&server);

    store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"MY");
    if ((added = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, cert, NULL)))
        CertDeleteCertificateFromStore(added);
    CertCloseStore(store, 0);
    free_test_certificate(cert);
}

START_TEST(clientauth)
{
    if (!(server_cert = start_server_tests())) return;
    test_key(0, "non-exportable key");
    test_key(PKCS12_NO_PERSIST_KEY, "key not persisted");
    test_key(CRYPT_EXPORTABLE, "exportable key");
    test_incomplete_credentials(NULL, SP_PROT_TLS1_2, SEC_E_OK, "no certificate, TLS 1.2");
    test_incomplete_credentials(NULL, SP_PROT_TLS1_3, SEC_E_OK, "no certificate, TLS 1.3");
    test_delete_while_waiting();
    test_default_credentials();
    {
        PCCERT_CONTEXT cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", 0);
        test_incomplete_credentials(cert, SP_PROT_TLS1_2, SEC_E_OK, "certificate given later, TLS 1.2");
        /* A key that cannot sign with PSS (Wine 8: CryptoAPI only) cannot answer in TLS 1.3: the
         * handshake fails rather than going on without the certificate. */
        if (!client_can_tls13(cert))
            test_incomplete_credentials(cert, SP_PROT_TLS1_3, SEC_E_ALGORITHM_MISMATCH, "non-PSS key given later, TLS 1.3");
        free_test_certificate(cert);
        cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", CRYPT_EXPORTABLE);
        test_incomplete_credentials(cert, SP_PROT_TLS1_3, SEC_E_OK, "certificate given later, TLS 1.3");
        free_test_certificate(cert);
    }
    free_test_certificate(server_cert);
}
