/*
 * Private keys where Windows keeps them: a server certificate whose key cannot be exported (signing
 * goes through its provider), one whose key is not persisted, an exportable one, a CNG key, and an
 * ECDSA P-256 key; TLS 1.3 needs RSA-PSS, which only some providers can make.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <windows.h>
#include <wincrypt.h>
#include <ncrypt.h>

#include "wine/test.h"
#include "tls_support.h"
#include "test_support.h"
#include "test_pfx.h"

/* Windows' own answer, not the package's: can the key of CERT sign through CNG (where
 * CryptAcquireCertificatePrivateKey finds it, or the key context property) with PADDING and FLAGS
 * (RSA-PSS, which TLS 1.3 needs; NULL and 0 for ECDSA)? */
static BOOL cng_can_sign(PCCERT_CONTEXT cert, void *padding, DWORD flags)
{
    HCRYPTPROV_OR_NCRYPT_KEY_HANDLE handle;
    CERT_KEY_CONTEXT context;
    DWORD spec, size = sizeof(context), sig_size;
    BYTE digest[32] = { 0 }, sig[1024];
    BOOL release, can;

    if (!CryptAcquireCertificatePrivateKey(cert, CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_PREFER_NCRYPT_KEY_FLAG,
                                           NULL, &handle, &spec, &release))
    {
        if (!CertGetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, &context, &size)) return FALSE;
        handle = context.hCryptProv;
        spec = context.dwKeySpec;
        release = FALSE;
    }
    can = spec == CERT_NCRYPT_KEY_SPEC &&
          NCryptSignHash(handle, padding, digest, sizeof(digest), sig, sizeof(sig), &sig_size, flags) == ERROR_SUCCESS;
    if (release && spec == CERT_NCRYPT_KEY_SPEC) NCryptFreeObject(handle);
    else if (release) CryptReleaseContext(handle, 0);
    return can;
}

static BOOL cng_can_pss(PCCERT_CONTEXT cert)
{
    BCRYPT_PSS_PADDING_INFO pss = { BCRYPT_SHA256_ALGORITHM, 32 };

    return cng_can_sign(cert, &pss, BCRYPT_PAD_PSS);
}

static BOOL key_exportable(PCCERT_CONTEXT cert)
{
    HCRYPTPROV prov;
    HCRYPTKEY key;
    DWORD spec, size = 0;
    BOOL release, exportable = FALSE;

    if (!CryptAcquireCertificatePrivateKey(cert, CRYPT_ACQUIRE_SILENT_FLAG, NULL, &prov, &spec, &release)) return FALSE;
    if (CryptGetUserKey(prov, AT_KEYEXCHANGE, &key) || CryptGetUserKey(prov, AT_SIGNATURE, &key))
    {
        exportable = CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, NULL, &size);
        CryptDestroyKey(key);
    }
    if (release) CryptReleaseContext(prov, 0);
    return exportable;
}

/* A handshake where both sides allow PROTOCOLS (SP_PROT_* of both sides, 0: the defaults); EXPECTED
 * is the version that must come out (0: the server's credentials must be refused with REFUSED).
 * SIGNER, when not NULL, must be part of the TLS 1.2 suite's name ("ECDSA"). */
static void check_server(PCCERT_CONTEXT cert, DWORD protocols, DWORD expected, SECURITY_STATUS refused,
                         const char *signer, const char *name)
{
    SecPkgContext_ConnectionInfo info;
    SecPkgContext_CipherInfo cipher;
    char suite[64];
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    status = acquire_peer(&server, TRUE, protocols & SERVER_PROTOCOLS, cert);
    if (!expected)
    {
        ok(status == refused, "%s: server credentials %#lx, expected %#lx\n", name, status, refused);
        if (status == SEC_E_OK) FreeCredentialsHandle(&server.cred);
        return;
    }
    ok(status == SEC_E_OK, "%s: server credentials %#lx\n", name, status);
    if (status != SEC_E_OK) return;
    acquire_peer(&client, FALSE, protocols & CLIENT_PROTOCOLS, NULL);
    ok(run_handshake(&client, &server, "localhost"), "%s: handshake %#lx %#lx\n", name, client.status, server.status);
    status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CONNECTION_INFO, &info);
    ok(status == SEC_E_OK && info.dwProtocol == (expected & CLIENT_PROTOCOLS), "%s: protocol %#lx, expected %#lx\n",
       name, info.dwProtocol, expected & CLIENT_PROTOCOLS);
    if (signer)
    {
        status = QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CIPHER_INFO, &cipher);
        WideCharToMultiByte(CP_ACP, 0, cipher.szCipherSuite, -1, suite, sizeof(suite), NULL, NULL);
        ok(status == SEC_E_OK && strstr(suite, signer), "%s: suite %s (%#lx), expected an %s one\n", name,
           status == SEC_E_OK ? suite : "?", status, signer);
    }
    ok(send_message(&client, &server, "hello", 5) == SEC_E_OK, "%s: client's record not sent\n", name);
    status = decrypt_received(&server, bufs);
    ok(status == SEC_E_OK && bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "hello", 5),
       "%s: server read %#lx\n", name, status);
    release_peer(&client);
    release_peer(&server);
}

/* The PFX's key imported with FLAGS serves as the server's: TLS 1.3 when some provider can sign with
 * PSS (CNG, or CNG holding a copy of an exportable key), else the credentials keep to TLS 1.2. */
static void test_pfx_key(DWORD flags, const char *name)
{
    PCCERT_CONTEXT cert = import_pfx(test_pfx, sizeof(test_pfx), L"secret", flags);
    DWORD best;
    char what[128];

    ok(cert != NULL, "%s: PFX import failed: %#lx\n", name, GetLastError());
    if (!cert) return;
    if (!(flags & CRYPT_EXPORTABLE)) ok(!key_exportable(cert), "%s: the key can be exported\n", name);
    best = (flags & CRYPT_EXPORTABLE) || cng_can_pss(cert) ? SP_PROT_TLS1_3 : SP_PROT_TLS1_2;
    if (best == SP_PROT_TLS1_2) trace("%s: no provider signs with this key's RSA-PSS: TLS 1.2 only\n", name);

    sprintf(what, "%s, default versions", name);
    check_server(cert, 0, best, SEC_E_OK, NULL, what);
    sprintf(what, "%s, TLS 1.2", name);
    check_server(cert, SP_PROT_TLS1_2, SP_PROT_TLS1_2, SEC_E_OK, NULL, what);
    sprintf(what, "%s, TLS 1.0 (MD5 + SHA-1 signatures)", name);
    check_server(cert, SP_PROT_TLS1_0, SP_PROT_TLS1_0, SEC_E_OK, NULL, what);
    sprintf(what, "%s, TLS 1.3 only", name);
    check_server(cert, SP_PROT_TLS1_3, best == SP_PROT_TLS1_3 ? SP_PROT_TLS1_3 : 0, SEC_E_ALGORITHM_MISMATCH, NULL, what);
    if (flags & PKCS12_NO_PERSIST_KEY) CertFreeCertificateContext(cert);
    else free_test_certificate(cert);
}

/* The PFX's certificate with only a CNG key attached (the same key, from tests/local.mk as a
 * BCRYPT_RSAFULLPRIVATE_BLOB): the package must sign through NCrypt. */
static void test_cng_certificate(void)
{
    PCCERT_CONTEXT pfx = import_pfx(test_pfx, sizeof(test_pfx), L"secret", PKCS12_NO_PERSIST_KEY), cert;
    CERT_KEY_CONTEXT context = { sizeof(context) };
    NCRYPT_PROV_HANDLE prov;
    NCRYPT_KEY_HANDLE key = 0;
    SECURITY_STATUS status;

    ok(pfx != NULL, "PFX import failed: %#lx\n", GetLastError());
    if (!pfx) return;
    cert = CertCreateCertificateContext(X509_ASN_ENCODING, pfx->pbCertEncoded, pfx->cbCertEncoded);
    CertFreeCertificateContext(pfx);
    ok(NCryptOpenStorageProvider(&prov, MS_KEY_STORAGE_PROVIDER, 0) == ERROR_SUCCESS, "no key storage provider\n");
    status = NCryptImportKey(prov, 0, BCRYPT_RSAFULLPRIVATE_BLOB, NULL, &key, (BYTE *)test_cng_key,
                             sizeof(test_cng_key), 0);
    ok(status == ERROR_SUCCESS, "NCryptImportKey: %#lx\n", status);
    NCryptFreeObject(prov);
    context.hNCryptKey = key;
    context.dwKeySpec = CERT_NCRYPT_KEY_SPEC;
    ok(CertSetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, 0, &context), "key context not set: %#lx\n",
       GetLastError());
    if (status == ERROR_SUCCESS)
    {
        check_server(cert, 0, SP_PROT_TLS1_3, SEC_E_OK, NULL, "CNG key, default versions");
        check_server(cert, SP_PROT_TLS1_2, SP_PROT_TLS1_2, SEC_E_OK, NULL, "CNG key, TLS 1.2");
    }
    CertFreeCertificateContext(cert);
}

/* An ECDSA P-256 server certificate from a PFX (tests/local.mk), its key not persisted: Windows' PFX
 * import keeps EC keys in CNG.  Wine 8 and 10 cannot hold one (their PFX import refuses EC keys,
 * their NCrypt has no ECDSA key: docs/windows-behaviour.md, "Private keys"), so it skips there, and
 * runs on any Wine that can. */
static void test_ecdsa_key(void)
{
    PCCERT_CONTEXT cert = import_pfx(test_ec_pfx, sizeof(test_ec_pfx), L"secret", PKCS12_NO_PERSIST_KEY);
    BOOL usable = cert && cng_can_sign(cert, NULL, 0);

    if (!usable && wine_major_version())
        skip("Wine %d holds no ECDSA key: its PFX import %s\n", wine_major_version(),
             cert ? "gave no key CNG signs with" : "refuses EC keys");
    else
    {
        ok(usable, "ECDSA P-256 key: PFX import %s\n", cert ? "gave no key CNG signs with" : "failed");
        if (usable)
        {
            check_server(cert, 0, SP_PROT_TLS1_3, SEC_E_OK, NULL, "ECDSA P-256 key, default versions");
            check_server(cert, SP_PROT_TLS1_2, SP_PROT_TLS1_2, SEC_E_OK, "ECDSA", "ECDSA P-256 key, TLS 1.2");
        }
    }
    if (cert) CertFreeCertificateContext(cert);
}

START_TEST(keys)
{
    PCCERT_CONTEXT cert;

    if (!(cert = start_server_tests())) return;
    free_test_certificate(cert);
    test_pfx_key(0, "non-exportable key");
    test_pfx_key(PKCS12_NO_PERSIST_KEY, "non-exportable key, not persisted");
    test_pfx_key(CRYPT_EXPORTABLE, "exportable key");
    test_cng_certificate();
    test_ecdsa_key();
}
