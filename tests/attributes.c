/*
 * Context attributes after a handshake, TLS 1.2 and 1.3: certificate contexts, channel bindings
 * (RFC 5929), exported keying material (RFC 5705), cipher information.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

static void test_certificates(struct peer *client, struct peer *server, const char *name)
{
    PCCERT_CONTEXT remote = NULL, local = NULL, found;
    SECURITY_STATUS status;

    status = QueryContextAttributesA(&client->ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &remote);
    ok(status == SEC_E_OK, "%s: client REMOTE_CERT_CONTEXT: %#lx\n", name, status);
    if (remote)
    {
        ok(CertCompareCertificate(X509_ASN_ENCODING, remote->pCertInfo, cert->pCertInfo), "%s: not the server's\n", name);
        ok(remote->hCertStore != NULL, "%s: no store\n", name);
        found = CertFindCertificateInStore(remote->hCertStore, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, cert, NULL);
        ok(found != NULL, "%s: the store lacks the leaf\n", name);
        if (found) CertFreeCertificateContext(found);
        CertFreeCertificateContext(remote);
    }
    status = QueryContextAttributesA(&server->ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &remote);
    ok(status == SEC_E_NO_CREDENTIALS, "%s: server without a client certificate: %#lx\n", name, status);

    status = QueryContextAttributesA(&server->ctx, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &local);
    ok(status == SEC_E_OK && local && CertCompareCertificate(X509_ASN_ENCODING, local->pCertInfo, cert->pCertInfo),
       "%s: server LOCAL_CERT_CONTEXT: %#lx\n", name, status);
    if (local) CertFreeCertificateContext(local);
    status = QueryContextAttributesA(&client->ctx, SECPKG_ATTR_LOCAL_CERT_CONTEXT, &local);
    ok(status == SEC_E_NO_CREDENTIALS, "%s: client without a certificate: %#lx\n", name, status);
}

static const BYTE *binding_data(const SecPkgContext_Bindings *b, ULONG *size)
{
    *size = b->Bindings->cbApplicationDataLength;
    return (const BYTE *)b->Bindings + b->Bindings->dwApplicationDataOffset;
}

static void test_bindings(struct peer *client, struct peer *server, BOOL tls13, const char *name)
{
    static const char endpoint[] = "tls-server-end-point:", unique[] = "tls-unique:";
    SecPkgContext_Bindings a, b;
    BYTE hash[32];
    DWORD hash_size = sizeof(hash);
    const BYTE *data;
    ULONG size, size_b;
    SECURITY_STATUS status;

    /* The certificate is signed with SHA-1, so its end-point hash is SHA-256 (RFC 5929 4.1). */
    CryptHashCertificate(0, CALG_SHA_256, 0, cert->pbCertEncoded, cert->cbCertEncoded, hash, &hash_size);
    status = QueryContextAttributesA(&client->ctx, SECPKG_ATTR_ENDPOINT_BINDINGS, &a);
    ok(status == SEC_E_OK, "%s: ENDPOINT_BINDINGS: %#lx\n", name, status);
    if (status == SEC_E_OK)
    {
        data = binding_data(&a, &size);
        ok(a.BindingsLength == sizeof(SEC_CHANNEL_BINDINGS) + size, "%s: length %lu\n", name, a.BindingsLength);
        ok(size == strlen(endpoint) + 32 && !memcmp(data, endpoint, strlen(endpoint)) &&
           !memcmp(data + strlen(endpoint), hash, 32), "%s: end-point data of %lu bytes\n", name, size);
        ok(!a.Bindings->cbInitiatorLength && !a.Bindings->cbAcceptorLength, "%s: addresses set\n", name);
        status = QueryContextAttributesA(&server->ctx, SECPKG_ATTR_ENDPOINT_BINDINGS, &b);
        ok(status == SEC_E_OK && binding_data(&b, &size_b) && size_b == size &&
           !memcmp(binding_data(&b, &size_b), data, size), "%s: server end-point differs\n", name);
        FreeContextBuffer(a.Bindings);
        if (status == SEC_E_OK) FreeContextBuffer(b.Bindings);
    }

    status = QueryContextAttributesA(&client->ctx, SECPKG_ATTR_UNIQUE_BINDINGS, &a);
    if (tls13)
    {
        /* RFC 9266: tls-unique is not defined for TLS 1.3. */
        ok(status == SEC_E_UNSUPPORTED_FUNCTION, "%s: UNIQUE_BINDINGS: %#lx\n", name, status);
        return;
    }
    ok(status == SEC_E_OK, "%s: UNIQUE_BINDINGS: %#lx\n", name, status);
    if (status != SEC_E_OK) return;
    data = binding_data(&a, &size);
    ok(size == strlen(unique) + 12 && !memcmp(data, unique, strlen(unique)), "%s: unique data of %lu bytes\n", name, size);
    status = QueryContextAttributesA(&server->ctx, SECPKG_ATTR_UNIQUE_BINDINGS, &b);
    ok(status == SEC_E_OK && binding_data(&b, &size_b) && size_b == size && !memcmp(binding_data(&b, &size_b), data, size),
       "%s: server tls-unique differs\n", name);
    FreeContextBuffer(a.Bindings);
    if (status == SEC_E_OK) FreeContextBuffer(b.Bindings);
}

static SECURITY_STATUS export(struct peer *peer, const char *label, BYTE *out, ULONG size)
{
    SecPkgContext_KeyingMaterialInfo info = { strlen(label) + 1, (char *)label, 0, NULL, size };
    SecPkgContext_KeyingMaterial material = { 0 };
    SECURITY_STATUS status = SetContextAttributesA(&peer->ctx, SECPKG_ATTR_KEYING_MATERIAL_INFO, &info, sizeof(info));

    if (status != SEC_E_OK) return status;
    if ((status = QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_KEYING_MATERIAL, &material)) != SEC_E_OK) return status;
    ok(material.cbKeyingMaterial == size, "%lu bytes of keying material\n", material.cbKeyingMaterial);
    memcpy(out, material.pbKeyingMaterial, min(size, material.cbKeyingMaterial));
    FreeContextBuffer(material.pbKeyingMaterial);
    return SEC_E_OK;
}

static void test_keying_material(struct peer *client, struct peer *server, const char *name)
{
    BYTE a[32], b[32], c[32];
    SecPkgContext_KeyingMaterial material;

    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_KEYING_MATERIAL, &material) == SEC_E_INVALID_PARAMETER,
       "%s: keying material without KEYING_MATERIAL_INFO\n", name);
    ok(export(client, "EXPORTER-test", a, sizeof(a)) == SEC_E_OK, "%s: client export\n", name);
    ok(export(server, "EXPORTER-test", b, sizeof(b)) == SEC_E_OK, "%s: server export\n", name);
    ok(!memcmp(a, b, sizeof(a)), "%s: the two ends exported different bytes\n", name);
    ok(export(client, "EXPORTER-other", c, sizeof(c)) == SEC_E_OK && memcmp(a, c, sizeof(a)),
       "%s: another label gave the same bytes\n", name);
}

static void test_cipher_info(struct peer *client, BOOL tls13, const char *name)
{
    static const struct { DWORD id; const char *name; } suites[] =
    {
        { 0x1301, "TLS_AES_128_GCM_SHA256" }, { 0x1302, "TLS_AES_256_GCM_SHA384" },
        { 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
        { 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" }, { 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
    };
    SecPkgContext_CipherInfo info;
    SecPkgContext_ConnectionInfo conn;
    char suite[64];
    unsigned i;

    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_CIPHER_INFO, &info) == SEC_E_OK, "%s: CIPHER_INFO\n", name);
    QueryContextAttributesA(&client->ctx, SECPKG_ATTR_CONNECTION_INFO, &conn);
    ok(info.dwVersion == SECPKGCONTEXT_CIPHERINFO_V1, "%s: version %lu\n", name, info.dwVersion);
    ok(info.dwProtocol == (tls13 ? 0x304 : 0x303), "%s: protocol %#lx\n", name, info.dwProtocol);
    WideCharToMultiByte(CP_ACP, 0, info.szCipherSuite, -1, suite, sizeof(suite), NULL, NULL);
    for (i = 0; i < ARRAY_SIZE(suites); i++) if (suites[i].id == info.dwCipherSuite) break;
    ok(i < ARRAY_SIZE(suites), "%s: unexpected suite %#lx (%s)\n", name, info.dwCipherSuite, suite);
    if (i < ARRAY_SIZE(suites)) ok(!strcmp(suite, suites[i].name), "%s: suite %#lx named %s\n", name, info.dwCipherSuite, suite);
    ok(info.dwCipherLen == conn.dwCipherStrength, "%s: cipher length %lu, strength %lu\n", name, info.dwCipherLen,
       conn.dwCipherStrength);
}

static void test_fixed_attributes(struct peer *client, const char *name)
{
    SecPkgContext_StreamSizes stream;
    SecPkgContext_Sizes sizes;
    SecPkgContext_Lifespan life;
    SecPkgContext_PackageInfoA package;
    SecPkgContext_KeyInfoA key;
    SecPkgContext_ConnectionInfo conn;
    SecPkgContext_SupportedSignatures sigs;
    FILETIME start, end;
    BOOL pss = FALSE, pkcs1 = FALSE, ecdsa = FALSE;
    WORD i;

    QueryContextAttributesA(&client->ctx, SECPKG_ATTR_STREAM_SIZES, &stream);
    QueryContextAttributesA(&client->ctx, SECPKG_ATTR_CONNECTION_INFO, &conn);
    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_SIZES, &sizes) == SEC_E_OK, "%s: SIZES\n", name);
    ok(sizes.cbMaxToken == 0x6000 && sizes.cbSecurityTrailer == stream.cbTrailer && sizes.cbBlockSize == stream.cbBlockSize,
       "%s: sizes %lu %lu %lu\n", name, sizes.cbMaxToken, sizes.cbSecurityTrailer, sizes.cbBlockSize);

    FileTimeToLocalFileTime(&cert->pCertInfo->NotBefore, &start);
    FileTimeToLocalFileTime(&cert->pCertInfo->NotAfter, &end);
    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_LIFESPAN, &life) == SEC_E_OK, "%s: LIFESPAN\n", name);
    ok(life.tsStart.LowPart == start.dwLowDateTime && life.tsExpiry.LowPart == end.dwLowDateTime &&
       life.tsExpiry.HighPart == (LONG)end.dwHighDateTime, "%s: lifespan\n", name);

    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_PACKAGE_INFO, &package) == SEC_E_OK, "%s: PACKAGE_INFO\n", name);
    ok(!strcmp(package.PackageInfo->Name, UNISP_NAME_A) && package.PackageInfo->wRPCID == UNISP_RPC_ID,
       "%s: package %s\n", name, package.PackageInfo->Name);
    FreeContextBuffer(package.PackageInfo);

    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_KEY_INFO, &key) == SEC_E_OK, "%s: KEY_INFO\n", name);
    ok(!strcmp(key.sSignatureAlgorithmName, "RSA") && key.SignatureAlgorithm == CALG_RSA_SIGN,
       "%s: signature %s %#lx\n", name, key.sSignatureAlgorithmName, key.SignatureAlgorithm);
    ok(!strcmp(key.sEncryptAlgorithmName, "AES") && key.KeySize == conn.dwCipherStrength &&
       key.EncryptAlgorithm == conn.aiCipher, "%s: cipher %s %lu %#lx\n", name, key.sEncryptAlgorithmName, key.KeySize,
       key.EncryptAlgorithm);
    FreeContextBuffer(key.sSignatureAlgorithmName);
    FreeContextBuffer(key.sEncryptAlgorithmName);

    ok(QueryContextAttributesA(&client->ctx, SECPKG_ATTR_SUPPORTED_SIGNATURES, &sigs) == SEC_E_OK,
       "%s: SUPPORTED_SIGNATURES\n", name);
    for (i = 0; i < sigs.cSignatureAndHashAlgorithms; i++)
    {
        if (sigs.pSignatureAndHashAlgorithms[i] == 0x0804) pss = TRUE;
        if (sigs.pSignatureAndHashAlgorithms[i] == 0x0401) pkcs1 = TRUE;
        if (sigs.pSignatureAndHashAlgorithms[i] == 0x0403) ecdsa = TRUE;
    }
    ok(pss && pkcs1 && ecdsa, "%s: %u schemes, pss %d pkcs1 %d ecdsa %d\n", name, sigs.cSignatureAndHashAlgorithms,
       pss, pkcs1, ecdsa);
    FreeContextBuffer(sigs.pSignatureAndHashAlgorithms);
}

static void test_attributes(DWORD protocol, const char *name)
{
    struct peer client, server;
    BOOL tls13 = !!(protocol & SP_PROT_TLS1_3);

    acquire_peer(&client, FALSE, protocol & CLIENT_PROTOCOLS, NULL);
    acquire_peer(&server, TRUE, protocol & SERVER_PROTOCOLS, cert);
    if (!run_handshake(&client, &server, "localhost")) { ok(0, "%s: no connection\n", name); return; }
    test_certificates(&client, &server, name);
    test_bindings(&client, &server, tls13, name);
    test_keying_material(&client, &server, name);
    test_cipher_info(&client, tls13, name);
    test_fixed_attributes(&client, name);
    release_peer(&client);
    release_peer(&server);
}

/* Before the handshake has finished there is nothing to report. */
static void test_unfinished(void)
{
    struct peer client, sink;
    SecPkgContext_StreamSizes sizes;

    memset(&sink, 0, sizeof(sink));
    acquire_peer(&client, FALSE, 0, NULL);
    step_peer(&client, &sink, "localhost");
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &sizes) == SEC_E_INVALID_HANDLE,
       "STREAM_SIZES before the handshake finished\n");
    release_peer(&client);
}

START_TEST(attributes)
{
    if (!(cert = start_server_tests())) return;
    test_attributes(SP_PROT_TLS1_2, "TLS 1.2");
    test_attributes(SP_PROT_TLS1_3, "TLS 1.3");
    test_unfinished();
    free_test_certificate(cert);
}
