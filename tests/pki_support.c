/*
 * A test PKI made with CryptoAPI on the spot.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "pki_support.h"

static LONG container_serial;

/* A fresh container with an exportable RSA 2048 key exchange key; its provider info for the
 * certificate that carries the key. */
static HCRYPTPROV new_key(WCHAR *container, SIZE_T size, CRYPT_KEY_PROV_INFO *info)
{
    HCRYPTPROV prov;
    HCRYPTKEY key;

    swprintf(container, size, L"secur32-pki-%lu-%ld", GetCurrentProcessId(), InterlockedIncrement(&container_serial));
    if (!CryptAcquireContextW(&prov, container, MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_NEWKEYSET)) return 0;
    if (!CryptGenKey(prov, AT_KEYEXCHANGE, (2048 << 16) | CRYPT_EXPORTABLE, &key))
    {
        CryptReleaseContext(prov, 0);
        return 0;
    }
    CryptDestroyKey(key);
    memset(info, 0, sizeof(*info));
    info->pwszContainerName = container;
    info->pwszProvName = (WCHAR *)MS_ENH_RSA_AES_PROV_W;
    info->dwProvType = PROV_RSA_AES;
    info->dwKeySpec = AT_KEYEXCHANGE;
    return prov;
}

static BOOL encode(const char *type, const void *value, CRYPT_OBJID_BLOB *out)
{
    return CryptEncodeObjectEx(X509_ASN_ENCODING, type, value, CRYPT_ENCODE_ALLOC_FLAG, NULL, &out->pbData,
                               &out->cbData);
}

static void offset_time(FILETIME *out, int days)
{
    ULARGE_INTEGER time;

    GetSystemTimeAsFileTime(out);
    time.LowPart = out->dwLowDateTime;
    time.HighPart = out->dwHighDateTime;
    time.QuadPart += (LONGLONG)days * 24 * 60 * 60 * 10000000;
    out->dwLowDateTime = time.LowPart;
    out->dwHighDateTime = time.HighPart;
}

/* Basic constraints, the extended key usage when asked for, and a leaf's DNS name. */
static DWORD make_extensions(const struct pki_spec *spec, CERT_EXTENSION *ext)
{
    CERT_BASIC_CONSTRAINTS2_INFO constraints = { spec->ca, FALSE, 0 };
    WCHAR dns[128];
    CERT_ALT_NAME_ENTRY entry = { CERT_ALT_NAME_DNS_NAME };
    CERT_ALT_NAME_INFO names = { 1, &entry };
    char *usage = (char *)spec->usage;
    CERT_ENHKEY_USAGE usages = { 1, &usage };
    DWORD count = 0;

    ext[count].pszObjId = (char *)szOID_BASIC_CONSTRAINTS2;
    ext[count].fCritical = TRUE;
    if (encode(X509_BASIC_CONSTRAINTS2, &constraints, &ext[count].Value)) count++;
    if (spec->usage)
    {
        ext[count].pszObjId = (char *)szOID_ENHANCED_KEY_USAGE;
        ext[count].fCritical = FALSE;
        if (encode(X509_ENHANCED_KEY_USAGE, &usages, &ext[count].Value)) count++;
    }
    if (!spec->ca)
    {
        MultiByteToWideChar(CP_ACP, 0, spec->subject, -1, dns, ARRAYSIZE(dns));
        entry.pwszDNSName = dns;
        ext[count].pszObjId = (char *)szOID_SUBJECT_ALT_NAME2;
        ext[count].fCritical = FALSE;
        if (encode(X509_ALTERNATE_NAME, &names, &ext[count].Value)) count++;
    }
    return count;
}

/* The to-be-signed part, signed with SIGNER's key (SHA-256 with RSA), as a context in a new store. */
static PCCERT_CONTEXT sign(CERT_INFO *info, HCRYPTPROV signer)
{
    CRYPT_ALGORITHM_IDENTIFIER alg = { (char *)szOID_RSA_SHA256RSA };
    PCCERT_CONTEXT cert = NULL;
    HCERTSTORE store;
    DWORD size = 0;
    BYTE *der;

    info->SignatureAlgorithm = alg;
    if (!CryptSignAndEncodeCertificate(signer, AT_KEYEXCHANGE, X509_ASN_ENCODING, X509_CERT_TO_BE_SIGNED, info, &alg,
                                       NULL, NULL, &size))
        return NULL;
    if (!(der = HeapAlloc(GetProcessHeap(), 0, size))) return NULL;
    if (CryptSignAndEncodeCertificate(signer, AT_KEYEXCHANGE, X509_ASN_ENCODING, X509_CERT_TO_BE_SIGNED, info, &alg,
                                      NULL, der, &size) &&
        (store = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, NULL)))
    {
        CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, size, CERT_STORE_ADD_ALWAYS, &cert);
        CertCloseStore(store, 0);
    }
    HeapFree(GetProcessHeap(), 0, der);
    return cert;
}

/* The provider holding the key of a certificate made here. */
static HCRYPTPROV issuer_key(PCCERT_CONTEXT issuer)
{
    HCRYPTPROV prov = 0;
    DWORD spec;
    BOOL release;

    CryptAcquireCertificatePrivateKey(issuer, CRYPT_ACQUIRE_CACHE_FLAG, NULL, &prov, &spec, &release);
    return prov;
}

PCCERT_CONTEXT make_pki_certificate(const struct pki_spec *spec)
{
    WCHAR container[64];
    CRYPT_KEY_PROV_INFO prov_info;
    CERT_INFO info = { 0 };
    CERT_EXTENSION ext[3];
    BYTE serial[8], name[256];
    DWORD_PTR key_info[128];     /* a CERT_PUBLIC_KEY_INFO and what it points to */
    CERT_PUBLIC_KEY_INFO *public_key = (CERT_PUBLIC_KEY_INFO *)key_info;
    char dn[160];
    DWORD size = sizeof(key_info), i;
    PCCERT_CONTEXT cert = NULL;
    HCRYPTPROV prov, signer;

    if (!(prov = new_key(container, ARRAYSIZE(container), &prov_info))) return NULL;
    sprintf(dn, "CN=%s", spec->subject);
    info.dwVersion = CERT_V3;
    info.Subject.pbData = name;
    info.Subject.cbData = sizeof(name);
    if (CertStrToNameA(X509_ASN_ENCODING, dn, CERT_X500_NAME_STR, NULL, name, &info.Subject.cbData, NULL) &&
        CryptExportPublicKeyInfo(prov, AT_KEYEXCHANGE, X509_ASN_ENCODING, public_key, &size) &&
        CryptGenRandom(prov, sizeof(serial), serial))
    {
        serial[sizeof(serial) - 1] &= 0x7f;     /* positive: the last byte is the most significant */
        info.SerialNumber.pbData = serial;
        info.SerialNumber.cbData = sizeof(serial);
        info.SubjectPublicKeyInfo = *public_key;
        info.Issuer = spec->issuer ? spec->issuer->pCertInfo->Subject : info.Subject;
        offset_time(&info.NotBefore, spec->from_days);
        offset_time(&info.NotAfter, spec->to_days);
        info.cExtension = make_extensions(spec, ext);
        info.rgExtension = ext;
        signer = spec->issuer ? issuer_key(spec->issuer) : prov;
        if (signer && (cert = sign(&info, signer)))
            CertSetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, 0, &prov_info);
        for (i = 0; i < info.cExtension; i++) LocalFree(ext[i].Value.pbData);
    }
    CryptReleaseContext(prov, 0);
    return cert;
}

BOOL add_to_own_store(PCCERT_CONTEXT leaf, PCCERT_CONTEXT cert)
{
    return CertAddCertificateContextToStore(leaf->hCertStore, cert, CERT_STORE_ADD_ALWAYS, NULL);
}

static HCERTSTORE open_root_store(void)
{
    return CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, L"Root");
}

/* Wine's registry stores write their changes when the store closes or is committed. */
static BOOL close_root_store(HCERTSTORE store)
{
    BOOL ok = CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, NULL);
    CertCloseStore(store, 0);
    return ok;
}

BOOL install_root(PCCERT_CONTEXT root)
{
    HCERTSTORE store = open_root_store();

    if (!store) return FALSE;
    if (!CertAddCertificateContextToStore(store, root, CERT_STORE_ADD_REPLACE_EXISTING, NULL))
    {
        CertCloseStore(store, 0);
        return FALSE;
    }
    return close_root_store(store);
}

void remove_root(PCCERT_CONTEXT root)
{
    HCERTSTORE store = open_root_store();
    PCCERT_CONTEXT found;

    if (!store) return;
    if ((found = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, root, NULL)))
        CertDeleteCertificateFromStore(found);
    close_root_store(store);
}
