/*
 * What credentials allow: protocol versions by default, on request and from the registry; cipher
 * strength limits, palgSupportedAlgs and SCH_CREDENTIALS' disabled crypto; and the credential
 * attributes that report them.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SCHANNEL_USE_BLACKLISTS
#include <stdio.h>
#include <windows.h>
#include <winternl.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

static SECURITY_STATUS acquire(CredHandle *cred, BOOL server, void *auth)
{
    return AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                     NULL, auth, NULL, NULL, cred, NULL);
}

static DWORD supported_protocols(CredHandle *cred)
{
    SecPkgCred_SupportedProtocols protocols = { 0 };
    ok(QueryCredentialsAttributesA(cred, SECPKG_ATTR_SUPPORTED_PROTOCOLS, &protocols) == SEC_E_OK, "SUPPORTED_PROTOCOLS\n");
    return protocols.grbitProtocol;
}

/* A client with AUTH against a default server with the test certificate: the negotiated info. */
static BOOL connect_with(SCHANNEL_CRED *auth, SecPkgContext_ConnectionInfo *info, DWORD server_protocols)
{
    struct peer client, server;
    BOOL ok_ = FALSE;

    acquire_peer(&server, TRUE, server_protocols, cert);
    memset(&client, 0, sizeof(client));
    client.status = SEC_I_CONTINUE_NEEDED;
    client.extra_req = ISC_REQ_MANUAL_CRED_VALIDATION;     /* the test certificate is self-signed */
    if (acquire(&client.cred, FALSE, auth) == SEC_E_OK)
    {
        ok_ = run_handshake(&client, &server, "localhost") &&
              QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CONNECTION_INFO, info) == SEC_E_OK;
        release_peer(&client);
    }
    release_peer(&server);
    return ok_;
}

static void test_protocols(void)
{
    static const struct { DWORD client; const char *name; } versions[] =
    {
        { SP_PROT_TLS1_0_CLIENT, "TLS 1.0" }, { SP_PROT_TLS1_1_CLIENT, "TLS 1.1" },
        { SP_PROT_TLS1_2_CLIENT, "TLS 1.2" }, { SP_PROT_TLS1_3_CLIENT, "TLS 1.3" },
    };
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    SecPkgContext_ConnectionInfo info;
    CredHandle cred;
    DWORD protocols;
    unsigned i;

    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "default client\n");
    protocols = supported_protocols(&cred);
    ok(protocols == (SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT), "default client protocols %#lx\n", protocols);
    FreeCredentialsHandle(&cred);

    /* Older versions only when asked for, on both sides. */
    for (i = 0; i < ARRAY_SIZE(versions); i++)
    {
        auth.grbitEnabledProtocols = versions[i].client;
        /* A protocol's server bit is its client bit shifted right by one. */
        ok(connect_with(&auth, &info, versions[i].client >> 1), "%s handshake failed\n", versions[i].name);
        ok(info.dwProtocol == versions[i].client, "%s: negotiated %#lx\n", versions[i].name, info.dwProtocol);
    }
    auth.grbitEnabledProtocols = SP_PROT_TLS1_0_CLIENT;
    ok(!connect_with(&auth, &info, 0), "TLS 1.0 client agreed with a default server\n");

    auth.grbitEnabledProtocols = SP_PROT_SSL3_CLIENT;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_ALGORITHM_MISMATCH, "SSL 3 only was accepted\n");

    /* DTLS with TLS or SSL versions, of either side, is refused (Wine 10's schannel.c, test_dtls). */
    for (i = 0; i < 3; i++)
    {
        static const DWORD tls[] = { SP_PROT_TLS1_2_CLIENT, SP_PROT_TLS1_SERVER, SP_PROT_SSL3_SERVER };
        auth.grbitEnabledProtocols = SP_PROT_DTLS1_X_CLIENT | tls[i];
        ok(acquire(&cred, FALSE, &auth) == SEC_E_ALGORITHM_MISMATCH, "DTLS with %#lx was accepted\n", tls[i]);
    }
}

static void set_name(UNICODE_STRING *name, WCHAR *text)
{
    name->Buffer = text;
    name->Length = name->MaximumLength = lstrlenW(text) * sizeof(WCHAR);
}

static void test_sch_credentials(void)
{
    static WCHAR aes[] = L"AES", chacha[] = L"CHACHA20_POLY1305";
    CRYPTO_SETTINGS disabled[2] = { { TlsParametersCngAlgUsageCipher }, { TlsParametersCngAlgUsageCipher } };
    TLS_PARAMETERS params = { 0 };
    SCH_CREDENTIALS auth = { SCH_CREDENTIALS_VERSION };
    SecPkgContext_ConnectionInfo info;
    CredHandle cred;
    DWORD protocols;

    auth.cTlsParameters = 1;
    auth.pTlsParameters = &params;
    params.grbitDisabledProtocols = SP_PROT_TLS1_3_CLIENT;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "SCH_CREDENTIALS\n");
    protocols = supported_protocols(&cred);
    ok(protocols == SP_PROT_TLS1_2_CLIENT, "protocols %#lx\n", protocols);
    FreeCredentialsHandle(&cred);
    ok(connect_with((SCHANNEL_CRED *)&auth, &info, 0) && info.dwProtocol == SP_PROT_TLS1_2_CLIENT,
       "TLS 1.3 disabled: %#lx\n", info.dwProtocol);

    /* AES-256 and ChaCha20 off: AES-128 is what remains. */
    params.grbitDisabledProtocols = 0;
    set_name(&disabled[0].strCngAlgId, aes);
    disabled[0].dwMinBitLength = disabled[0].dwMaxBitLength = 256;
    set_name(&disabled[1].strCngAlgId, chacha);
    params.cDisabledCrypto = 2;
    params.pDisabledCrypto = disabled;
    ok(connect_with((SCHANNEL_CRED *)&auth, &info, 0) && info.aiCipher == CALG_AES_128 && info.dwCipherStrength == 128,
       "disabled crypto: cipher %#x, %lu bits\n", info.aiCipher, info.dwCipherStrength);
}

static void test_algorithms(void)
{
    static ALG_ID aes128[] = { CALG_AES_128 };
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    SecPkgContext_ConnectionInfo info;
    SecPkgCred_CipherStrengths strengths;
    SecPkgCred_SupportedAlgs algs;
    CredHandle cred;
    BOOL has128 = FALSE, has256 = FALSE;
    DWORD i;

    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "default client\n");
    ok(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_CIPHER_STRENGTHS, &strengths) == SEC_E_OK &&
       strengths.dwMinimumCipherStrength == 128 && strengths.dwMaximumCipherStrength == 256,
       "default strengths %lu-%lu\n", strengths.dwMinimumCipherStrength, strengths.dwMaximumCipherStrength);
    FreeCredentialsHandle(&cred);

    auth.dwMaximumCipherStrength = 128;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "128-bit client\n");
    ok(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_CIPHER_STRENGTHS, &strengths) == SEC_E_OK &&
       strengths.dwMinimumCipherStrength == 128 && strengths.dwMaximumCipherStrength == 128,
       "limited strengths %lu-%lu\n", strengths.dwMinimumCipherStrength, strengths.dwMaximumCipherStrength);
    FreeCredentialsHandle(&cred);
    ok(connect_with(&auth, &info, 0) && info.dwCipherStrength == 128, "max 128: %lu bits\n", info.dwCipherStrength);
    auth.dwMaximumCipherStrength = 0;
    auth.dwMinimumCipherStrength = 256;
    ok(connect_with(&auth, &info, 0) && info.dwCipherStrength == 256, "min 256: %lu bits\n", info.dwCipherStrength);
    auth.dwMinimumCipherStrength = 512;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_ALGORITHM_MISMATCH, "no cipher that strong, yet accepted\n");
    auth.dwMinimumCipherStrength = 0;

    auth.cSupportedAlgs = 1;
    auth.palgSupportedAlgs = aes128;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "palgSupportedAlgs client\n");
    ok(QueryCredentialsAttributesA(&cred, SECPKG_ATTR_SUPPORTED_ALGS, &algs) == SEC_E_OK, "SUPPORTED_ALGS\n");
    for (i = 0; i < algs.cSupportedAlgs; i++)
    {
        if (algs.palgSupportedAlgs[i] == CALG_AES_128) has128 = TRUE;
        if (algs.palgSupportedAlgs[i] == CALG_AES_256) has256 = TRUE;
    }
    ok(has128 && !has256, "AES-128 %d, AES-256 %d\n", has128, has256);
    ok(HeapSize(GetProcessHeap(), 0, algs.palgSupportedAlgs) != (SIZE_T)-1, "not process heap memory\n");
    FreeContextBuffer(algs.palgSupportedAlgs);
    FreeCredentialsHandle(&cred);
    ok(connect_with(&auth, &info, 0) && info.aiCipher == CALG_AES_128, "AES-128 only: cipher %#x\n", info.aiCipher);
}

static void set_protocol_value(const char *protocol, const char *name, DWORD value)
{
    char path[256];
    HKEY key;

    sprintf(path, "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\%s\\Client", protocol);
    if (RegCreateKeyExA(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_WRITE, NULL, &key, NULL)) return;
    RegSetValueExA(key, name, 0, REG_DWORD, (BYTE *)&value, sizeof(value));
    RegCloseKey(key);
}

static void test_registry(void)
{
    static const char protocols_key[] = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    CredHandle cred;
    DWORD protocols;
    HKEY key;

    /* The machine's settings are changed only in a Wine prefix, never on a real Windows. */
    if (strcmp(winetest_platform, "wine"))
    {
        skip("not changing a real machine's Schannel settings\n");
        return;
    }
    set_protocol_value("TLS 1.2", "Enabled", 0);
    set_protocol_value("TLS 1.0", "Enabled", 1);
    set_protocol_value("TLS 1.0", "DisabledByDefault", 0);
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "client\n");
    protocols = supported_protocols(&cred);
    ok(protocols == (SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_3_CLIENT), "registry protocols %#lx\n", protocols);
    FreeCredentialsHandle(&cred);

    /* A protocol the registry turned off stays off even when asked for. */
    auth.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_ALGORITHM_MISMATCH, "TLS 1.2 disabled by the registry, yet accepted\n");

    set_protocol_value("TLS 1.3", "DisabledByDefault", 1);
    auth.grbitEnabledProtocols = 0;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "client with TLS 1.3 off by default\n");
    protocols = supported_protocols(&cred);
    ok(protocols == SP_PROT_TLS1_0_CLIENT, "with TLS 1.3 off by default: %#lx\n", protocols);
    FreeCredentialsHandle(&cred);
    auth.grbitEnabledProtocols = SP_PROT_TLS1_3_CLIENT;
    ok(acquire(&cred, FALSE, &auth) == SEC_E_OK, "TLS 1.3 client\n");
    protocols = supported_protocols(&cred);
    ok(protocols == SP_PROT_TLS1_3_CLIENT, "TLS 1.3 on request: %#lx\n", protocols);
    FreeCredentialsHandle(&cred);

    if (!RegOpenKeyExA(HKEY_LOCAL_MACHINE, protocols_key, 0, KEY_ALL_ACCESS, &key))
    {
        RegDeleteTreeA(key, NULL);
        RegCloseKey(key);
    }
}

/* AcquireCredentialsHandle with the certificates in PACRED: INBOUND and OUTBOUND give STATUS. */
static void check_certificates(PCCERT_CONTEXT *certs, DWORD count, SECURITY_STATUS status, const char *name)
{
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION, count, certs };
    SECURITY_STATUS got;
    CredHandle cred;

    got = acquire(&cred, TRUE, &auth);
    ok(got == status, "%s, inbound: %#lx\n", name, got);
    if (got == SEC_E_OK) FreeCredentialsHandle(&cred);
    got = acquire(&cred, FALSE, &auth);
    ok(got == status, "%s, outbound: %#lx\n", name, got);
    if (got == SEC_E_OK) FreeCredentialsHandle(&cred);
}

/* OTHER before and after the good test certificate in paCred: both give STATUS. */
static void check_beside_good(PCCERT_CONTEXT other, SECURITY_STATUS status, const char *name)
{
    PCCERT_CONTEXT certs[2] = { cert, other };
    char text[80];

    snprintf(text, sizeof(text), "good, then %s", name);
    check_certificates(certs, 2, status, text);
    certs[0] = other;
    certs[1] = cert;
    snprintf(text, sizeof(text), "%s, then good", name);
    check_certificates(certs, 2, status, text);
}

/* Every certificate given needs its private key (Wine's schannel.c conformance test, lines 407-446
 * and 523-542): none at all is SEC_E_NO_CREDENTIALS, one named that cannot be opened
 * SEC_E_UNKNOWN_CREDENTIALS, whichever place the certificate has in paCred. */
static void test_certificates(void)
{
    CRYPT_KEY_PROV_INFO missing = { (WCHAR *)L"secur32-test-no-such-container", (WCHAR *)MS_ENH_RSA_AES_PROV_W,
                                    PROV_RSA_AES, 0, 0, NULL, AT_KEYEXCHANGE };
    PCCERT_CONTEXT keyless, named, certs[2];
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    SECURITY_STATUS status;

    keyless = CertCreateCertificateContext(X509_ASN_ENCODING, cert->pbCertEncoded, cert->cbCertEncoded);
    named = CertCreateCertificateContext(X509_ASN_ENCODING, cert->pbCertEncoded, cert->cbCertEncoded);
    ok(keyless && named && CertSetCertificateContextProperty(named, CERT_KEY_PROV_INFO_PROP_ID, 0, &missing),
       "certificate copies: %lu\n", GetLastError());
    check_certificates(&keyless, 1, SEC_E_NO_CREDENTIALS, "no key");
    /* Judged before the handle pointer (schannel.c lines 407 and 412). */
    auth.cCreds = 1;
    auth.paCred = &keyless;
    status = acquire(NULL, TRUE, &auth);
    ok(status == SEC_E_NO_CREDENTIALS, "no key, no handle pointer: %#lx\n", status);
    check_certificates(&named, 1, SEC_E_UNKNOWN_CREDENTIALS, "a key that is not there");
    check_beside_good(keyless, SEC_E_NO_CREDENTIALS, "no key");
    certs[0] = certs[1] = cert;
    check_certificates(certs, 2, SEC_E_OK, "twice the same good one");
    CertFreeCertificateContext(keyless);
    CertFreeCertificateContext(named);
}

/* A certificate whose public key is of no type TLS signs with (an algorithm OID of its own, an empty
 * key): SEC_E_UNKNOWN_CREDENTIALS, before its private key is looked for, alone or before or after a
 * good one in paCred (Wine 10's schannel.c, lines 400, 403 and 491-503). */
static void test_unusable_key_type(void)
{
    CERT_INFO info = *cert->pCertInfo;
    CERT_SIGNED_CONTENT_INFO signed_info = { { 0 } };
    BYTE *to_be_signed = NULL, *encoded = NULL, signature[16] = { 1 };
    DWORD to_be_signed_size, encoded_size;
    PCCERT_CONTEXT odd = NULL;

    info.SubjectPublicKeyInfo.Algorithm.pszObjId = (char *)"1.3.6.1.4.1.311.99.1";
    info.SubjectPublicKeyInfo.Algorithm.Parameters.cbData = 0;
    info.SubjectPublicKeyInfo.PublicKey.cbData = 0;
    info.cExtension = 0;
    if (CryptEncodeObjectEx(X509_ASN_ENCODING, X509_CERT_TO_BE_SIGNED, &info, CRYPT_ENCODE_ALLOC_FLAG, NULL,
                            &to_be_signed, &to_be_signed_size))
    {
        signed_info.ToBeSigned.pbData = to_be_signed;
        signed_info.ToBeSigned.cbData = to_be_signed_size;
        signed_info.SignatureAlgorithm = cert->pCertInfo->SignatureAlgorithm;
        signed_info.Signature.pbData = signature;
        signed_info.Signature.cbData = sizeof(signature);
        if (CryptEncodeObjectEx(X509_ASN_ENCODING, X509_CERT, &signed_info, CRYPT_ENCODE_ALLOC_FLAG, NULL,
                                &encoded, &encoded_size))
            odd = CertCreateCertificateContext(X509_ASN_ENCODING, encoded, encoded_size);
    }
    ok(odd != NULL, "certificate with an unknown key type: %lu\n", GetLastError());
    if (odd)
    {
        check_certificates(&odd, 1, SEC_E_UNKNOWN_CREDENTIALS, "unknown key type");
        check_beside_good(odd, SEC_E_UNKNOWN_CREDENTIALS, "unknown key type");
    }
    if (odd) CertFreeCertificateContext(odd);
    LocalFree(encoded);
    LocalFree(to_be_signed);
}

/* Credentials without a certificate have no SECPKG_CRED_ATTR_NAMES (Wine 10's schannel.c, line 348). */
static void test_names_attribute(void)
{
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    SecPkgCredentials_NamesA names;
    SECURITY_STATUS status;
    CredHandle cred;

    if (acquire(&cred, FALSE, &auth) != SEC_E_OK) return;
    status = QueryCredentialsAttributesA(&cred, SECPKG_CRED_ATTR_NAMES, &names);
    ok(status == SEC_E_NO_CREDENTIALS, "NAMES of credentials without a certificate: %#lx\n", status);
    FreeCredentialsHandle(&cred);
}

/* A NULL attribute buffer (schannel.c conformance lines 247 and 250). */
static void test_null_attribute_buffer(void)
{
    static const ULONG attrs[] = { SECPKG_ATTR_SUPPORTED_PROTOCOLS, SECPKG_ATTR_SUPPORTED_ALGS,
                                   SECPKG_ATTR_CIPHER_STRENGTHS };
    SCHANNEL_CRED auth = { SCHANNEL_CRED_VERSION };
    SECURITY_STATUS status;
    CredHandle cred;
    int i;

    if (acquire(&cred, FALSE, &auth) != SEC_E_OK) return;
    for (i = 0; i < ARRAYSIZE(attrs); i++)
    {
        status = QueryCredentialsAttributesA(&cred, attrs[i], NULL);
        ok(status == SEC_E_INTERNAL_ERROR, "attribute %#lx into NULL: %#lx\n", attrs[i], status);
    }
    FreeCredentialsHandle(&cred);
}

START_TEST(credentials)
{
    if (!(cert = start_server_tests())) return;
    test_protocols();
    test_sch_credentials();
    test_algorithms();
    test_certificates();
    test_unusable_key_type();
    test_names_attribute();
    test_null_attribute_buffer();
    test_registry();
    free_test_certificate(cert);
}
