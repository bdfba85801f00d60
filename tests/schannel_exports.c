/*
 * schannel.dll's own exports: the LSA tables of SpLsaModeInitialize and SpUserModeInitialize
 * driven as an LSA host drives them (InitializePackage, SpInitialize, GetInfo, InstanceInit), a
 * TLS 1.2 handshake of a client on those tables against our ordinary server, then a record each
 * way through SealMessage and UnsealMessage; SslCrackCertificate on the test PKI's certificates and
 * on garbage; SslGetServerIdentity on our client's ClientHello; the small exports.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_support.h"
#include <ntsecapi.h>
#include <ntsecpkg.h>

#include "wine/test.h"
#include "test_support.h"
#include "pki_support.h"

#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0)
#endif
#ifndef CF_CERT_FROM_FILE
#define CF_CERT_FROM_FILE 0x0001   /* the Windows SDK's schannel.h */
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif
#define HOSTED_CLIENT_REQ (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM)
#define HOSTED_SERVER_REQ (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | ASC_REQ_STREAM)
#define TOKEN_ROOM 16384

static HMODULE schannel;
static SpLsaModeInitializeFn pSpLsaModeInitialize;
static SpUserModeInitializeFn pSpUserModeInitialize;
static BOOL (WINAPI *pSslCrackCertificate)(UCHAR *, DWORD, DWORD, X509Certificate **);
static void (WINAPI *pSslFreeCertificate)(X509Certificate *);
static DWORD (WINAPI *pSslGetMaximumKeySize)(DWORD);
static SECURITY_STATUS (WINAPI *pSslGetServerIdentity)(BYTE *, DWORD, BYTE **, DWORD *, DWORD);
static BOOL (WINAPI *pSupportsChannelBinding)(void);
static BOOL (WINAPI *pSslLoadCertificate)(UCHAR *, DWORD, BOOL);
static BOOL (WINAPI *pSslGenerateKeyPair)(void *, char *, char *, DWORD);
static void (WINAPI *pSslFreeCustomBuffer)(void *);
static DWORD (WINAPI *pOpenSslPerformanceData)(WCHAR *);
static DWORD (WINAPI *pCollectSslPerformanceData)(WCHAR *, void **, DWORD *, DWORD *);
static DWORD (WINAPI *pCloseSslPerformanceData)(void);

static void *NTAPI host_alloc(ULONG size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

static void NTAPI host_free(void *ptr)
{
    HeapFree(GetProcessHeap(), 0, ptr);
}

/* What this test gives the package as its LSA: the heap, as an in-process host does. */
static LSA_DISPATCH_TABLE dispatch = { .AllocateLsaHeap = host_alloc, .FreeLsaHeap = host_free };

struct hosted
{
    SECPKG_FUNCTION_TABLE *lsa;
    SECPKG_USER_FUNCTION_TABLE *user;
    BOOL server;                  /* the hosted side's role */
    LSA_SEC_HANDLE cred, ctx;
    struct peer io;               /* only its received bytes */
};

static BOOL load_tables(struct hosted *host)
{
    ULONG version = 0, count = 0;
    LSA_STRING *name = NULL;
    SecPkgInfoW info, *own;
    NTSTATUS status;

    ok(pSpLsaModeInitialize(SECPKG_INTERFACE_VERSION, NULL, &host->lsa, &count) == STATUS_INVALID_PARAMETER,
       "SpLsaModeInitialize without a version pointer\n");
    ok(pSpUserModeInitialize(SECPKG_INTERFACE_VERSION, &version, NULL, &count) == STATUS_INVALID_PARAMETER,
       "SpUserModeInitialize without a table pointer\n");
    status = pSpLsaModeInitialize(SECPKG_INTERFACE_VERSION, &version, &host->lsa, &count);
    ok(status == STATUS_SUCCESS, "SpLsaModeInitialize: %#lx\n", status);
    ok(version == SECPKG_INTERFACE_VERSION && count == 1, "version %#lx, %lu tables\n", version, count);
    if (status) return FALSE;
    ok(host->lsa->InitializePackage(1, NULL, NULL, NULL, &name) == STATUS_INVALID_PARAMETER,
       "InitializePackage without a dispatch table\n");
    status = host->lsa->InitializePackage(1, &dispatch, NULL, NULL, &name);
    ok(status == STATUS_SUCCESS, "InitializePackage: %#lx\n", status);
    ok(name && name->Length == strlen(UNISP_NAME_A) && !memcmp(name->Buffer, UNISP_NAME_A, name->Length),
       "package name %s\n", name ? wine_dbgstr_an(name->Buffer, name->Length) : "(none)");
    host_free(name);
    ok(host->lsa->Initialize(1, NULL, NULL) == STATUS_SUCCESS, "SpInitialize failed\n");

    status = host->lsa->GetInfo((SecPkgInfo *)&info);
    ok(status == STATUS_SUCCESS, "GetInfo: %#lx\n", status);
    ok(QuerySecurityPackageInfoW((WCHAR *)UNISP_NAME_W, &own) == SEC_E_OK, "no package info\n");
    ok(!lstrcmpW(info.Name, UNISP_NAME_W), "name %s\n", wine_dbgstr_w(info.Name));
    ok(!lstrcmpW(info.Comment, own->Comment), "comment %s\n", wine_dbgstr_w(info.Comment));
    ok(info.fCapabilities == own->fCapabilities, "capabilities %#lx\n", info.fCapabilities);
    ok(info.wRPCID == UNISP_RPC_ID && info.cbMaxToken == own->cbMaxToken, "rpc id %u, max token %lu\n",
       info.wRPCID, info.cbMaxToken);
    FreeContextBuffer(own);

    status = pSpUserModeInitialize(SECPKG_INTERFACE_VERSION, &version, &host->user, &count);
    ok(status == STATUS_SUCCESS && count == 1, "SpUserModeInitialize: %#lx, %lu tables\n", status, count);
    if (status) return FALSE;
    ok(host->user->InstanceInit(SECPKG_INTERFACE_VERSION, NULL, NULL) == STATUS_SUCCESS, "InstanceInit failed\n");
    return TRUE;
}

static NTSTATUS acquire_hosted(struct hosted *host, PCCERT_CONTEXT cert)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };
    TimeStamp expiry;

    cred.grbitEnabledProtocols = host->server ? SP_PROT_TLS1_2_SERVER : SP_PROT_TLS1_2_CLIENT;
    cred.dwFlags = host->server ? 0 : SCH_CRED_NO_DEFAULT_CREDS | SCH_CRED_MANUAL_CRED_VALIDATION;
    if (host->server)
    {
        cred.cCreds = 1;
        cred.paCred = &cert;
    }
    return host->lsa->AcquireCredentialsHandle(NULL, host->server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                               NULL, &cred, NULL, NULL, &host->cred, &expiry);
}

/* The package's own call for the hosted side's step. */
static NTSTATUS hosted_call(struct hosted *host, SecBufferDesc *in, SecBufferDesc *out, LSA_SEC_HANDLE *new_ctx,
                            BOOLEAN *mapped, SecBuffer *context_data)
{
    static WCHAR target[] = L"localhost";
    UNICODE_STRING name = { sizeof(target) - sizeof(WCHAR), sizeof(target), target };
    ULONG attrs = 0;
    TimeStamp expiry;

    if (host->server)
        return host->lsa->AcceptLsaModeContext(host->cred, host->ctx, in, HOSTED_SERVER_REQ, SECURITY_NATIVE_DREP,
                                               new_ctx, out, &attrs, &expiry, mapped, context_data);
    return host->lsa->InitLsaModeContext(host->cred, host->ctx, &name, HOSTED_CLIENT_REQ, SECURITY_NATIVE_DREP,
                                         host->ctx ? in : NULL, new_ctx, out, &attrs, &expiry, mapped, context_data);
}

/* One InitLsaModeContext or AcceptLsaModeContext step over what the hosted side has received, as an
 * LSA host calls it: one output buffer of the host's own, no ISC_REQ_ALLOCATE_MEMORY.  The token
 * goes to PEER. */
static NTSTATUS hosted_step(struct hosted *host, struct peer *peer)
{
    SecBuffer in_bufs[2] = { { host->io.in_size, SECBUFFER_TOKEN, host->io.in }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBuffer out_buf = { TOKEN_ROOM, SECBUFFER_TOKEN, NULL };
    SecBufferDesc in = { SECBUFFER_VERSION, 2, in_bufs }, out = { SECBUFFER_VERSION, 1, &out_buf };
    LSA_SEC_HANDLE new_ctx = 0;
    BOOLEAN mapped = TRUE;
    SecBuffer context_data = { 0 };
    NTSTATUS status;
    SIZE_T keep;

    out_buf.pvBuffer = HeapAlloc(GetProcessHeap(), 0, TOKEN_ROOM);
    status = hosted_call(host, &in, &out, &new_ctx, &mapped, &context_data);
    ok(!mapped && !context_data.pvBuffer, "mapped %d, context data %p\n", mapped, context_data.pvBuffer);
    if (!host->ctx) host->ctx = new_ctx;
    else ok(new_ctx == host->ctx, "context %#Ix became %#Ix\n", host->ctx, new_ctx);
    if (!FAILED(status) && out_buf.cbBuffer && peer->in_size + out_buf.cbBuffer <= sizeof(peer->in))
    {
        memcpy(peer->in + peer->in_size, out_buf.pvBuffer, out_buf.cbBuffer);
        peer->in_size += out_buf.cbBuffer;
    }
    if (status != SEC_E_INCOMPLETE_MESSAGE)
    {
        keep = in_bufs[1].BufferType == SECBUFFER_EXTRA ? in_bufs[1].cbBuffer : 0;
        memmove(host->io.in, host->io.in + host->io.in_size - keep, keep);
        host->io.in_size = keep;
    }
    HeapFree(GetProcessHeap(), 0, out_buf.pvBuffer);
    return status;
}

/* The hosted side against our ordinary PEER of the other role; the client starts. */
static BOOL hosted_handshake(struct hosted *host, struct peer *peer)
{
    NTSTATUS hosted = SEC_I_CONTINUE_NEEDED;
    int i;

    peer->status = SEC_I_CONTINUE_NEEDED;
    if (host->server) peer->status = step_peer(peer, &host->io, "localhost");
    else
    {
        hosted = hosted_step(host, peer);
        ok(hosted == SEC_I_CONTINUE_NEEDED, "first InitLsaModeContext: %#lx\n", hosted);
        ok(host->ctx != 0, "no context\n");
    }
    ok(host->server ? host->io.in_size > 5 && host->io.in[0] == 0x16 : peer->in_size > 5 && peer->in[0] == 0x16,
       "no ClientHello\n");
    for (i = 0; i < 10 && (hosted == SEC_I_CONTINUE_NEEDED || peer->status == SEC_I_CONTINUE_NEEDED); i++)
    {
        if (hosted == SEC_I_CONTINUE_NEEDED && host->io.in_size) hosted = hosted_step(host, peer);
        if (peer->status == SEC_I_CONTINUE_NEEDED && peer->in_size)
            peer->status = step_peer(peer, &host->io, "localhost");
    }
    ok(hosted == SEC_E_OK && peer->status == SEC_E_OK, "%s handshake ended with %#lx and %#lx\n",
       host->server ? "server" : "client", hosted, peer->status);
    ok(host->ctx != 0, "no context\n");
    return hosted == SEC_E_OK && peer->status == SEC_E_OK;
}

/* "ping" sealed by the hosted side and read by our PEER, "pong" the other way. */
static void test_records(struct hosted *host, struct peer *peer)
{
    SecPkgContext_StreamSizes sizes, peer_sizes;
    SecPkgContext_ConnectionInfo info;
    BYTE record[256];
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    NTSTATUS status;
    int i;

    status = host->lsa->QueryContextAttributes(host->ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
    ok(status == SEC_E_OK, "LSA QueryContextAttributes: %#lx\n", status);
    QueryContextAttributesW(&peer->ctx, SECPKG_ATTR_STREAM_SIZES, &peer_sizes);
    ok(!memcmp(&sizes, &peer_sizes, sizeof(sizes)), "header %lu trailer %lu, peer's %lu %lu\n", sizes.cbHeader,
       sizes.cbTrailer, peer_sizes.cbHeader, peer_sizes.cbTrailer);
    status = host->user->QueryContextAttributes(host->ctx, SECPKG_ATTR_CONNECTION_INFO, &info);
    ok(status == SEC_E_OK, "user-mode QueryContextAttributes: %#lx\n", status);
    ok(info.dwProtocol == (host->server ? SP_PROT_TLS1_2_SERVER : SP_PROT_TLS1_2_CLIENT), "protocol %#lx\n",
       info.dwProtocol);

    bufs[0].BufferType = SECBUFFER_STREAM_HEADER; bufs[0].pvBuffer = record; bufs[0].cbBuffer = sizes.cbHeader;
    bufs[1].BufferType = SECBUFFER_DATA; bufs[1].pvBuffer = record + sizes.cbHeader; bufs[1].cbBuffer = 4;
    bufs[2].BufferType = SECBUFFER_STREAM_TRAILER; bufs[2].pvBuffer = record + sizes.cbHeader + 4;
    bufs[2].cbBuffer = sizes.cbTrailer;
    bufs[3].BufferType = SECBUFFER_EMPTY; bufs[3].pvBuffer = NULL; bufs[3].cbBuffer = 0;
    memcpy(bufs[1].pvBuffer, "ping", 4);
    status = host->user->SealMessage(host->ctx, 0, &desc, 0);
    ok(status == SEC_E_OK, "SealMessage: %#lx\n", status);
    ok(record[0] == 0x17 && record[1] == 3 && record[2] == 3, "record type %u version %u.%u\n", record[0], record[1],
       record[2]);
    memcpy(peer->in, record, bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer);
    peer->in_size = bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer;
    status = decrypt_received(peer, bufs);
    ok(status == SEC_E_OK, "peer DecryptMessage: %#lx\n", status);
    ok(bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == 4 && !memcmp(bufs[1].pvBuffer, "ping", 4),
       "peer read %lu bytes\n", bufs[1].cbBuffer);
    peer->in_size = 0;

    host->io.in_size = 0;
    ok(send_message(peer, &host->io, "pong", 4) == SEC_E_OK, "peer EncryptMessage failed\n");
    bufs[0].BufferType = SECBUFFER_DATA; bufs[0].pvBuffer = host->io.in; bufs[0].cbBuffer = host->io.in_size;
    for (i = 1; i < 4; i++) { bufs[i].BufferType = SECBUFFER_EMPTY; bufs[i].pvBuffer = NULL; bufs[i].cbBuffer = 0; }
    status = host->user->UnsealMessage(host->ctx, &desc, 0, NULL);
    ok(status == SEC_E_OK, "UnsealMessage: %#lx\n", status);
    ok(bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == 4 && !memcmp(bufs[1].pvBuffer, "pong", 4),
       "hosted side read %lu bytes\n", bufs[1].cbBuffer);

    /* Schannel signs nothing: the same answer as secur32's MakeSignature on the peer's context. */
    bufs[0].BufferType = SECBUFFER_DATA; bufs[0].pvBuffer = record; bufs[0].cbBuffer = 4;
    bufs[1].BufferType = SECBUFFER_TOKEN; bufs[1].pvBuffer = record + 4; bufs[1].cbBuffer = 64;
    desc.cBuffers = 2;
    ok(host->user->MakeSignature(host->ctx, 0, &desc, 0) == SEC_E_UNSUPPORTED_FUNCTION, "MakeSignature\n");
    ok(MakeSignature(&peer->ctx, 0, &desc, 0) == SEC_E_UNSUPPORTED_FUNCTION, "secur32 MakeSignature\n");
    ok(host->user->VerifySignature(host->ctx, &desc, 0, NULL) == SEC_E_UNSUPPORTED_FUNCTION, "VerifySignature\n");
    ok(host->user->InitUserModeContext(host->ctx, NULL) == STATUS_SUCCESS, "InitUserModeContext\n");
}

static void test_bad_handles(struct hosted *host)
{
    SecBufferDesc desc = { SECBUFFER_VERSION, 0, NULL };
    LSA_SEC_HANDLE ctx = 0xdead;
    BYTE junk[64] = { 0 };
    NTSTATUS status;

    ok(host->user->SealMessage(0, 0, &desc, 0) == SEC_E_INVALID_HANDLE, "SealMessage on no context\n");
    ok(host->user->UnsealMessage(host->cred, &desc, 0, NULL) == SEC_E_INVALID_HANDLE,
       "UnsealMessage on a credential\n");
    ok(host->lsa->DeleteContext((LSA_SEC_HANDLE)junk) == SEC_E_INVALID_HANDLE, "DeleteContext on garbage\n");
    ok(host->lsa->FreeCredentialsHandle(host->ctx) == SEC_E_INVALID_HANDLE, "FreeCredentialsHandle on a context\n");
    ok(host->lsa->AcquireCredentialsHandle(NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, NULL, NULL) ==
       SEC_E_INVALID_PARAMETER, "AcquireCredentialsHandle without a handle\n");
    status = host->lsa->InitLsaModeContext(host->ctx, 0, NULL, HOSTED_CLIENT_REQ, 0, NULL, &ctx, &desc, NULL, NULL, NULL,
                                           NULL);
    ok(status == SEC_E_INVALID_HANDLE && ctx == 0xdead, "InitLsaModeContext on a context as credential: %#lx\n",
       status);
    status = host->lsa->InitLsaModeContext(0, 0, NULL, HOSTED_CLIENT_REQ, 0, NULL, &ctx, &desc, NULL, NULL, NULL, NULL);
    ok(status == SEC_E_INVALID_HANDLE && ctx == 0, "InitLsaModeContext without credentials: %#lx, %#Ix\n", status,
       ctx);
}

/* A hosted client against our server, then a hosted server against our client. */
static void test_lsa_tables(PCCERT_CONTEXT cert)
{
    struct hosted host = { 0 };
    struct peer peer = { 0 };
    NTSTATUS status;
    int server;

    if (!load_tables(&host)) return;
    for (server = 0; server < 2; server++)
    {
        host.server = server;
        host.cred = host.ctx = 0;
        host.io.in_size = 0;
        status = acquire_hosted(&host, cert);
        ok(status == SEC_E_OK && host.cred, "AcquireCredentialsHandle: %#lx\n", status);
        if (server) ok(acquire_peer(&peer, FALSE, SP_PROT_TLS1_2_CLIENT, NULL) == SEC_E_OK, "client credentials\n");
        else ok(acquire_server(&peer, SP_PROT_TLS1_2_SERVER, 0, cert) == SEC_E_OK, "server credentials\n");
        if (!status && hosted_handshake(&host, &peer)) test_records(&host, &peer);
        test_bad_handles(&host);

        ok(host.user->DeleteUserModeContext(host.ctx) == STATUS_SUCCESS, "DeleteUserModeContext\n");
        ok(host.lsa->DeleteContext(host.ctx) == SEC_E_OK, "DeleteContext\n");
        ok(host.lsa->FreeCredentialsHandle(host.cred) == SEC_E_OK, "FreeCredentialsHandle\n");
        release_peer(&peer);
        memset(&peer, 0, sizeof(peer));
    }
}

/* secur32's own LSA room hosts no schannel.dll: Schannel is its own package already. */
static void test_own_host(void)
{
    ULONG before, after;
    SecPkgInfoW *infos;

    EnumerateSecurityPackagesW(&before, &infos);
    FreeContextBuffer(infos);
    ok(AddSecurityPackageW((WCHAR *)L"schannel.dll", NULL) == SEC_E_SECPKG_NOT_FOUND, "schannel.dll was hosted\n");
    EnumerateSecurityPackagesW(&after, &infos);
    FreeContextBuffer(infos);
    ok(after == before, "%lu packages, %lu before\n", after, before);
}

static void test_crack(void)
{
    struct pki_spec root_spec = { "Crack Root", NULL, TRUE, -1, 30, NULL };
    struct pki_spec leaf_spec = { "crack.test", NULL, FALSE, -2, 10, szOID_PKIX_KP_SERVER_AUTH };
    PCCERT_CONTEXT root = make_pki_certificate(&root_spec), leaf;
    X509Certificate *x509 = (void *)0xdeadbeef;
    const CERT_INFO *info;
    BYTE garbage[512];
    DWORD serial[4] = { 0 }, i;
    BOOL ret;

    ok(root != NULL, "no root: %lu\n", GetLastError());
    if (!root) return;
    leaf_spec.issuer = root;
    leaf = make_pki_certificate(&leaf_spec);
    ok(leaf != NULL, "no leaf: %lu\n", GetLastError());
    if (!leaf) return;
    info = leaf->pCertInfo;

    ret = pSslCrackCertificate(leaf->pbCertEncoded, leaf->cbCertEncoded, 0, &x509);
    ok(ret, "SslCrackCertificate: %lu\n", GetLastError());
    if (ret)
    {
        ok(x509->Version == CERT_V3, "version %lu\n", x509->Version);
        memcpy(serial, info->SerialNumber.pbData, min(info->SerialNumber.cbData, sizeof(serial)));
        ok(!memcmp(x509->SerialNumber, serial, sizeof(serial)), "serial %08lx...\n", x509->SerialNumber[0]);
        ok(x509->SignatureAlgorithm == CALG_SHA_256, "signature algorithm %#x\n", x509->SignatureAlgorithm);
        ok(!memcmp(&x509->ValidFrom, &info->NotBefore, sizeof(FILETIME)) &&
           !memcmp(&x509->ValidUntil, &info->NotAfter, sizeof(FILETIME)), "validity differs\n");
        ok(!strcmp(x509->pszSubject, "CN=crack.test"), "subject %s\n", x509->pszSubject);
        ok(!strcmp(x509->pszIssuer, "CN=Crack Root"), "issuer %s\n", x509->pszIssuer);
        ok(x509->pPublicKey->Type == CALG_RSA_KEYX, "key type %#lx\n", x509->pPublicKey->Type);
        ok(x509->pPublicKey->cbKey == info->SubjectPublicKeyInfo.PublicKey.cbData &&
           !memcmp(x509->pPublicKey->pKey, info->SubjectPublicKeyInfo.PublicKey.pbData, x509->pPublicKey->cbKey),
           "key of %lu bytes\n", x509->pPublicKey->cbKey);
        pSslFreeCertificate(x509);
    }
    ret = pSslCrackCertificate(root->pbCertEncoded, root->cbCertEncoded, CF_CERT_FROM_FILE, &x509);
    ok(ret && !strcmp(x509->pszSubject, "CN=Crack Root") && !strcmp(x509->pszIssuer, "CN=Crack Root"),
       "root: %d\n", ret);
    if (ret) pSslFreeCertificate(x509);

    SetLastError(0xdeadbeef);
    ok(!pSslCrackCertificate(NULL, 10, 0, &x509) && GetLastError() == ERROR_INVALID_PARAMETER && !x509,
       "NULL blob: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!pSslCrackCertificate(leaf->pbCertEncoded, leaf->cbCertEncoded, 0, NULL) &&
       GetLastError() == ERROR_INVALID_PARAMETER, "NULL result: %lu\n", GetLastError());
    /* Every truncation and random bytes: refused, never a crash. */
    for (i = 0; i < leaf->cbCertEncoded; i++)
    {
        x509 = (void *)0xdeadbeef;
        ret = pSslCrackCertificate(leaf->pbCertEncoded, i, 0, &x509);
        ok(!ret && !x509, "%lu bytes cracked\n", i);
        if (ret) pSslFreeCertificate(x509);
    }
    for (i = 0; i < 200; i++)
    {
        memcpy(garbage, leaf->pbCertEncoded, min(sizeof(garbage), leaf->cbCertEncoded));
        garbage[(i * 37) % sizeof(garbage)] ^= (BYTE)(i | 1);
        garbage[(i * 101 + 7) % sizeof(garbage)] ^= (BYTE)(i * 3 | 1);
        ret = pSslCrackCertificate(garbage, sizeof(garbage), 0, &x509);
        if (ret) pSslFreeCertificate(x509);
    }
    pSslFreeCertificate(NULL);
    free_test_certificate(leaf);
    free_test_certificate(root);
}

/* A ClientHello of our client, to TARGET (NULL: no server_name). */
static DWORD client_hello(const char *target, BYTE *hello, DWORD size)
{
    struct peer client = { 0 };
    SecBuffer out_bufs[1] = { { 0, SECBUFFER_TOKEN, NULL } };
    SecBufferDesc out = { SECBUFFER_VERSION, 1, out_bufs };
    DWORD len = 0;

    if (acquire_peer(&client, FALSE, SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT, NULL)) return 0;
    if (step_context(&client, target, NULL, &out) == SEC_I_CONTINUE_NEEDED && out_bufs[0].cbBuffer <= size)
    {
        len = out_bufs[0].cbBuffer;
        memcpy(hello, out_bufs[0].pvBuffer, len);
    }
    FreeContextBuffer(out_bufs[0].pvBuffer);
    release_peer(&client);
    return len;
}

static void test_server_identity(void)
{
    BYTE hello[4096], copy[4096], *identity;
    DWORD size, len, identity_size, i;
    SECURITY_STATUS status;

    size = client_hello("www.example.test", hello, sizeof(hello));
    ok(size > 50, "ClientHello of %lu bytes\n", size);
    if (!size) return;
    status = pSslGetServerIdentity(hello, size, &identity, &identity_size, 0);
    ok(status == SEC_E_OK, "SslGetServerIdentity: %#lx\n", status);
    ok(identity > hello && identity + identity_size <= hello + size, "identity %p outside %p\n", identity, hello);
    ok(identity_size == 16 && !memcmp(identity, "www.example.test", 16), "identity %s\n",
       wine_dbgstr_an((char *)identity, identity_size));

    ok(pSslGetServerIdentity(NULL, size, &identity, &identity_size, 0) == SEC_E_INVALID_PARAMETER, "NULL hello\n");
    ok(pSslGetServerIdentity(hello, size, NULL, &identity_size, 0) == SEC_E_INVALID_PARAMETER, "NULL identity\n");
    ok(pSslGetServerIdentity(hello, size, &identity, NULL, 0) == SEC_E_INVALID_PARAMETER, "NULL size\n");
    ok(pSslGetServerIdentity(hello, size, &identity, &identity_size, 1) == SEC_E_INVALID_PARAMETER, "flags 1\n");
    for (i = 0; i < size; i++)
    {
        status = pSslGetServerIdentity(hello, i, &identity, &identity_size, 0);
        ok(status == SEC_E_INCOMPLETE_MESSAGE, "%lu of %lu bytes: %#lx\n", i, size, status);
    }
    memcpy(copy, hello, size);
    copy[0] = 0x17;
    ok(pSslGetServerIdentity(copy, size, &identity, &identity_size, 0) == SEC_E_ILLEGAL_MESSAGE, "application data\n");
    copy[0] = 0x16;
    copy[5] = 2;
    ok(pSslGetServerIdentity(copy, size, &identity, &identity_size, 0) == SEC_E_ILLEGAL_MESSAGE, "ServerHello\n");
    /* The server_name list's length, right before its type byte and the name's length. */
    memcpy(copy, hello, size);
    status = pSslGetServerIdentity(copy, size, &identity, &identity_size, 0);
    identity[-5] = identity[-4] = 0xff;
    ok(pSslGetServerIdentity(copy, size, &identity, &identity_size, 0) == SEC_E_ILLEGAL_MESSAGE, "bad name list\n");
    for (i = 5; i < size; i++)
    {
        memcpy(copy, hello, size);
        copy[i] ^= 0xa5;
        status = pSslGetServerIdentity(copy, size, &identity, &identity_size, 0);
        if (!status) ok(!identity || (identity >= copy && identity + identity_size <= copy + size),
                        "byte %lu: identity outside the message\n", i);
    }

    len = client_hello(NULL, hello, sizeof(hello));
    identity = (BYTE *)0xdeadbeef;
    identity_size = 0xdeadbeef;
    status = pSslGetServerIdentity(hello, len, &identity, &identity_size, 0);
    ok(status == SEC_E_OK && !identity && !identity_size, "no server_name: %#lx, %p, %lu\n", status, identity,
       identity_size);
}

static void test_small_exports(void)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };
    SecPkgCred_CipherStrengths strengths;
    CredHandle handle;
    void *data = (void *)0xdeadbeef;
    DWORD bytes = 5, types = 5;
    BYTE blob[4] = { 0 };

    cred.dwFlags = SCH_CRED_NO_DEFAULT_CREDS;
    ok(AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &cred, NULL, NULL, &handle,
                                 NULL) == SEC_E_OK, "no credentials\n");
    ok(QueryCredentialsAttributesW(&handle, SECPKG_ATTR_CIPHER_STRENGTHS, &strengths) == SEC_E_OK, "no strengths\n");
    FreeCredentialsHandle(&handle);
    ok(pSslGetMaximumKeySize(0) == strengths.dwMaximumCipherStrength, "maximum key size %lu\n",
       pSslGetMaximumKeySize(0));
    ok(pSslGetMaximumKeySize(0) == 256, "maximum key size %lu\n", pSslGetMaximumKeySize(0));
    ok(pSupportsChannelBinding() == TRUE, "no channel bindings\n");

    SetLastError(0xdeadbeef);
    ok(!pSslLoadCertificate(blob, sizeof(blob), FALSE) && GetLastError() == ERROR_NOT_SUPPORTED,
       "SslLoadCertificate: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!pSslGenerateKeyPair(NULL, (char *)"CN=x", (char *)"pw", 2048) && GetLastError() == ERROR_NOT_SUPPORTED,
       "SslGenerateKeyPair: %lu\n", GetLastError());
    pSslFreeCustomBuffer(NULL);
    pSslFreeCustomBuffer(LocalAlloc(LMEM_FIXED, 16));

    ok(pOpenSslPerformanceData(NULL) == ERROR_SUCCESS, "OpenSslPerformanceData\n");
    ok(pCollectSslPerformanceData((WCHAR *)L"Global", &data, &bytes, &types) == ERROR_SUCCESS && !bytes && !types &&
       data == (void *)0xdeadbeef, "CollectSslPerformanceData: %lu bytes, %lu types\n", bytes, types);
    ok(pCollectSslPerformanceData((WCHAR *)L"Global", NULL, &bytes, &types) == ERROR_INVALID_PARAMETER,
       "CollectSslPerformanceData without a buffer\n");
    ok(pCloseSslPerformanceData() == ERROR_SUCCESS, "CloseSslPerformanceData\n");
}

START_TEST(schannel_exports)
{
    PCCERT_CONTEXT cert;

    schannel = LoadLibraryA("schannel.dll");
    ok(schannel != NULL, "schannel.dll did not load: %lu\n", GetLastError());
    if (!schannel) return;
    if (!is_ours("schannel.dll") || !is_ours("secur32.dll"))
    {
        skip("not our schannel.dll\n");
        return;
    }
#define GET(name) p##name = (void *)GetProcAddress(schannel, #name)
    GET(SpLsaModeInitialize); GET(SpUserModeInitialize); GET(SslCrackCertificate); GET(SslFreeCertificate);
    GET(SslGetMaximumKeySize); GET(SslGetServerIdentity); GET(SupportsChannelBinding); GET(SslLoadCertificate);
    GET(SslGenerateKeyPair); GET(SslFreeCustomBuffer); GET(OpenSslPerformanceData); GET(CollectSslPerformanceData);
    GET(CloseSslPerformanceData);
#undef GET

    test_small_exports();
    test_crack();
    test_server_identity();
    test_own_host();
    if (!(cert = start_server_tests())) return;
    test_lsa_tables(cert);
    free_test_certificate(cert);
}
