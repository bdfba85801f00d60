/*
 * Wine's own HTTPS clients over our Schannel: fetches a URL through WinHTTP or WinINet and prints
 * what came back, for tests/wine-http.sh to judge.
 *   http_client trust CERT.der                  adds a CA to LocalMachine\Root (before any fetch)
 * With HTTP_CLIENT_TRUST=CERT.der a fetch adds the CA itself first, in its own process: Wine 10
 * rebuilds its root store from the host's certificates in each new process.
 *   http_client winhttp|wininet BODIES URL...   fetches each URL through one session, writes fetch
 *                                               N's body to BODIES.N, prints its status, size,
 *                                               SHA-256 and error, and which secur32.dll served
 * Every network wait is bounded (HTTP_TIMEOUT_MS per operation).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <windows.h>
#include <wincrypt.h>
#include <bcrypt.h>
#include "http_client.h"

struct http_fetch
{
    DWORD status;       /* HTTP status, 0 when none came */
    DWORD error;        /* the first Win32 error, 0 when none */
    ULONGLONG bytes;
    BCRYPT_HASH_HANDLE hash;
    FILE *body;
};

BOOL http_response(struct http_fetch *fetch, DWORD status, HANDLE request,
                   BOOL (WINAPI *read)(HANDLE request, void *buffer, DWORD size, DWORD *read))
{
    BYTE buffer[8192];
    DWORD size;

    fetch->status = status;
    for (;;)
    {
        if (!read(request, buffer, sizeof(buffer), &size)) return http_failed(fetch);
        if (!size) return TRUE;
        fetch->bytes += size;
        BCryptHashData(fetch->hash, buffer, size, 0);
        fwrite(buffer, 1, size, fetch->body);
    }
}

BOOL http_failed(struct http_fetch *fetch)
{
    if (!fetch->error) fetch->error = GetLastError();
    return FALSE;
}

/* Which secur32.dll served: its path, and whether it is Wine's builtin (which carries "Wine builtin
 * DLL" after its DOS header) or another one. */
static void print_secur32(void)
{
    HMODULE module = GetModuleHandleW(L"secur32.dll");
    WCHAR path[MAX_PATH] = L"";

    if (!module)
    {
        printf("secur32: not loaded\n");
        return;
    }
    GetModuleFileNameW(module, path, ARRAYSIZE(path));
    printf("secur32: %s %ls\n", memcmp((BYTE *)module + 0x40, "Wine builtin DLL", 16) ? "native" : "builtin", path);
}

static BOOL start_fetch(struct http_fetch *fetch, BCRYPT_ALG_HANDLE alg, const WCHAR *body_file)
{
    memset(fetch, 0, sizeof(*fetch));
    if (!(fetch->body = _wfopen(body_file, L"wb")))
    {
        fprintf(stderr, "cannot write %ls\n", body_file);
        return FALSE;
    }
    return !BCryptCreateHash(alg, &fetch->hash, NULL, 0, NULL, 0, 0);
}

static void report(struct http_fetch *fetch, unsigned number, const WCHAR *url)
{
    BYTE digest[32];
    unsigned i;

    BCryptFinishHash(fetch->hash, digest, sizeof(digest), 0);
    BCryptDestroyHash(fetch->hash);
    fclose(fetch->body);
    printf("fetch %u: %ls\nstatus: %lu\nbytes: %lu\nsha256: ", number, url, fetch->status, (unsigned long)fetch->bytes);
    for (i = 0; i < sizeof(digest); i++) printf("%02x", digest[i]);
    printf("\nerror: %lu\n", fetch->error);
}

/* Each URL in turn through one session of API; fetch N's body goes to BODIES.N. */
static int get(const struct http_api *api, const WCHAR *bodies, WCHAR **urls, int count)
{
    struct http_fetch fetch;
    BCRYPT_ALG_HANDLE alg;
    struct http_url url;
    WCHAR file[MAX_PATH];
    HANDLE session;
    int i, failures = 0;

    printf("api: %ls\n", api->name);
    if (BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0)) return 2;
    memset(&fetch, 0, sizeof(fetch));
    if (!(session = api->open(&fetch)))
    {
        printf("error: %lu\n", fetch.error);
        return 1;
    }
    for (i = 0; i < count; i++)
    {
        swprintf(file, ARRAYSIZE(file), L"%ls.%d", bodies, i + 1);
        if (!http_parse_url(urls[i], &url) || !start_fetch(&fetch, alg, file)) return 2;
        if (!api->get(session, &url, &fetch)) failures++;
        report(&fetch, i + 1, urls[i]);
    }
    api->close(session);
    BCryptCloseAlgorithmProvider(alg, 0);
    print_secur32();
    return failures ? 1 : 0;
}

/* Wine's chain engine reads the root store once per process: this runs in a process of its own,
 * before any fetch.  Wine writes a registry store when it is committed. */
static int trust(const WCHAR *file)
{
    HANDLE handle = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BYTE der[8192];
    DWORD size = 0;
    HCERTSTORE store;
    BOOL ok;

    if (handle == INVALID_HANDLE_VALUE) return 2;
    ok = ReadFile(handle, der, sizeof(der), &size, NULL);
    CloseHandle(handle);
    if (!ok || !(store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, L"Root")))
        return 2;
    ok = CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, size, CERT_STORE_ADD_REPLACE_EXISTING, NULL) &&
         CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, NULL);
    printf("trust: %s (%lu)\n", ok ? "added" : "failed", ok ? 0 : GetLastError());
    CertCloseStore(store, 0);
    return ok ? 0 : 1;
}

int main(void)
{
    int argc;
    WCHAR **argv = CommandLineToArgvW(GetCommandLineW(), &argc);

    WCHAR ca[MAX_PATH];

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argv && argc >= 4 && GetEnvironmentVariableW(L"HTTP_CLIENT_TRUST", ca, ARRAYSIZE(ca)) - 1 < ARRAYSIZE(ca) - 1 &&
        trust(ca))
        return 2;
    if (argv && argc == 3 && !lstrcmpW(argv[1], L"trust")) return trust(argv[2]);
    if (argv && argc >= 4 && !lstrcmpW(argv[1], L"winhttp")) return get(&http_winhttp, argv[2], argv + 3, argc - 3);
    if (argv && argc >= 4 && !lstrcmpW(argv[1], L"wininet")) return get(&http_wininet, argv[2], argv + 3, argc - 3);
    fprintf(stderr, "usage: http_client trust CERT.der | http_client winhttp|wininet BODIES URL...\n");
    return 2;
}
