/*
 * sspi-tls: the credentials handle.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SCHANNEL_USE_BLACKLISTS
#include <stdio.h>
#include <windows.h>
#include <winternl.h>
#include <schannel.h>

#include "credentials.h"
#include "errors.h"

static DWORD protocol_bits(DWORD versions, BOOL server)
{
    static const struct { DWORD version, client, server; } map[] =
    {
        { VERSION_TLS1_0, SP_PROT_TLS1_0_CLIENT, SP_PROT_TLS1_0_SERVER },
        { VERSION_TLS1_1, SP_PROT_TLS1_1_CLIENT, SP_PROT_TLS1_1_SERVER },
        { VERSION_TLS1_2, SP_PROT_TLS1_2_CLIENT, SP_PROT_TLS1_2_SERVER },
        { VERSION_TLS1_3, SP_PROT_TLS1_3_CLIENT, SP_PROT_TLS1_3_SERVER },
    };
    DWORD bits = 0;
    size_t i;

    for (i = 0; i < ARRAYSIZE(map); i++)
        if (versions & map[i].version) bits |= server ? map[i].server : map[i].client;
    return bits;
}

static BYTE *read_file(const char *name, DWORD *size)
{
    HANDLE file = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BYTE *data = NULL;
    DWORD high = 0, got = 0;

    if (file == INVALID_HANDLE_VALUE) return error_set(EXIT_CREDENTIALS, "cannot open %s (error %lu)", name, GetLastError()), NULL;
    *size = GetFileSize(file, &high);
    if (high || *size > (16 << 20)) error_set(EXIT_CREDENTIALS, "%s is too large for a PFX", name);
    else if (!(data = HeapAlloc(GetProcessHeap(), 0, *size + 1))) error_set(EXIT_CREDENTIALS, "out of memory");
    else if (!ReadFile(file, data, *size, &got, NULL) || got != *size)
    {
        error_set(EXIT_CREDENTIALS, "cannot read %s (error %lu)", name, GetLastError());
        HeapFree(GetProcessHeap(), 0, data);
        data = NULL;
    }
    CloseHandle(file);
    return data;
}

/* The certificate of STORE that has a private key. */
static PCCERT_CONTEXT find_keyed(HCERTSTORE store)
{
    PCCERT_CONTEXT cert = NULL;
    DWORD size;

    while ((cert = CertEnumCertificatesInStore(store, cert)))
    {
        size = 0;
        if (CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &size))
            return cert;
    }
    return NULL;
}

/* The key is imported into a CryptoAPI container (exportable, so any Schannel can use it) and
 * deleted again at exit. */
static BOOL load_pfx(const char *name, const char *password, struct credentials *creds)
{
    CRYPT_DATA_BLOB pfx;
    WCHAR passwordW[256] = L"";
    HCERTSTORE store = NULL;
    DWORD err = 0;

    if (!(pfx.pbData = read_file(name, &pfx.cbData))) return FALSE;
    if (password) MultiByteToWideChar(CP_ACP, 0, password, -1, passwordW, ARRAYSIZE(passwordW));
    if (!PFXIsPFXBlob(&pfx)) err = ERROR_INVALID_DATA;
    else if (!(store = PFXImportCertStore(&pfx, passwordW, CRYPT_EXPORTABLE | CRYPT_USER_KEYSET))) err = GetLastError();
    SecureZeroMemory(passwordW, sizeof(passwordW));
    HeapFree(GetProcessHeap(), 0, pfx.pbData);
    if (err == ERROR_INVALID_PASSWORD) return error_set(EXIT_CREDENTIALS, "wrong password for %s", name);
    if (err == ERROR_INVALID_DATA) return error_set(EXIT_CREDENTIALS, "%s is not a PFX file", name);
    /* Wine's import fails without an error code, for a wrong password as for a damaged file. */
    if (!store) return error_set(EXIT_CREDENTIALS, "cannot import %s: wrong password or damaged file", name);
    creds->cert = find_keyed(store);
    creds->key_imported = !!creds->cert;
    CertCloseStore(store, 0);
    return creds->cert ? TRUE : error_set(EXIT_CREDENTIALS, "%s holds no certificate with a private key", name);
}

static BOOL find_in_store(const char *name, const char *subject, struct credentials *creds)
{
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_A, 0, 0,
                                     CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG,
                                     name);

    if (!store) return error_set(EXIT_CREDENTIALS, "cannot open the certificate store %s (error 0x%08lx)", name, GetLastError());
    creds->cert = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_SUBJECT_STR_A, subject, NULL);
    CertCloseStore(store, 0);
    return creds->cert ? TRUE : error_set(EXIT_CREDENTIALS, "no certificate with subject '%s' in store %s", subject, name);
}

BOOL credentials_acquire(const struct options *opts, struct credentials *creds)
{
    TLS_PARAMETERS params = { 0 };
    SCH_CREDENTIALS cred = { SCH_CREDENTIALS_VERSION };
    SECURITY_STATUS status;

    memset(creds, 0, sizeof(*creds));
    SecInvalidateHandle(&creds->handle);
    if (opts->pfx && !load_pfx(opts->pfx, opts->password, creds)) return FALSE;
    if (opts->store && !find_in_store(opts->store, opts->subject, creds)) return FALSE;
    if (creds->cert)
    {
        cred.cCreds = 1;
        cred.paCred = &creds->cert;
    }
    /* SCH_CREDENTIALS names the versions to leave out; TLS 1.3 on Windows needs this form. */
    if (opts->versions)
    {
        params.grbitDisabledProtocols = ~protocol_bits(opts->versions, opts->serve);
        cred.cTlsParameters = 1;
        cred.pTlsParameters = &params;
    }
    if (!opts->serve)
        cred.dwFlags = SCH_CRED_NO_DEFAULT_CREDS |
                       (opts->verify ? SCH_CRED_AUTO_CRED_VALIDATION : SCH_CRED_MANUAL_CRED_VALIDATION);
    status = AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, opts->serve ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                       NULL, &cred, NULL, NULL, &creds->handle, NULL);
    if (status == SEC_E_OK) return TRUE;
    credentials_free(creds);
    return error_set(EXIT_CREDENTIALS, "AcquireCredentialsHandle failed: %s", status_text(status));
}

/* Deletes the key container the PFX import created. */
static void delete_imported_key(PCCERT_CONTEXT cert)
{
    CRYPT_KEY_PROV_INFO *info;
    HCRYPTPROV prov;
    DWORD size = 0;

    if (!CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &size)) return;
    if (!(info = HeapAlloc(GetProcessHeap(), 0, size))) return;
    if (CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, info, &size))
        CryptAcquireContextW(&prov, info->pwszContainerName, info->pwszProvName, info->dwProvType,
                             CRYPT_DELETEKEYSET | (info->dwFlags & CRYPT_MACHINE_KEYSET));
    HeapFree(GetProcessHeap(), 0, info);
}

void credentials_free(struct credentials *creds)
{
    if (SecIsValidHandle(&creds->handle)) FreeCredentialsHandle(&creds->handle);
    SecInvalidateHandle(&creds->handle);
    if (!creds->cert) return;
    if (creds->key_imported) delete_imported_key(creds->cert);
    CertFreeCertificateContext(creds->cert);
    creds->cert = NULL;
}
