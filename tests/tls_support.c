/*
 * In-process TLS peers for the tests.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"

static LONG container_serial;

PCCERT_CONTEXT make_test_certificate(const char *subject)
{
    char container[64];
    WCHAR containerW[64];
    BYTE name[256];
    CERT_NAME_BLOB name_blob = { sizeof(name), name };
    CRYPT_KEY_PROV_INFO prov_info = { 0 };
    PCCERT_CONTEXT cert = NULL;
    HCRYPTPROV prov;
    HCRYPTKEY key;
    char dn[128];

    sprintf(container, "secur32-test-%lu-%ld", GetCurrentProcessId(), InterlockedIncrement(&container_serial));
    MultiByteToWideChar(CP_ACP, 0, container, -1, containerW, ARRAYSIZE(containerW));
    sprintf(dn, "CN=%s", subject);
    if (!CertStrToNameA(X509_ASN_ENCODING, dn, CERT_X500_NAME_STR, NULL, name, &name_blob.cbData, NULL))
        return NULL;
    if (!CryptAcquireContextA(&prov, container, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES, CRYPT_NEWKEYSET))
        return NULL;
    if (CryptGenKey(prov, AT_KEYEXCHANGE, (2048 << 16) | CRYPT_EXPORTABLE, &key))
    {
        prov_info.pwszContainerName = containerW;
        prov_info.pwszProvName = (WCHAR *)MS_ENH_RSA_AES_PROV_W;
        prov_info.dwProvType = PROV_RSA_AES;
        prov_info.dwKeySpec = AT_KEYEXCHANGE;
        cert = CertCreateSelfSignCertificate(prov, &name_blob, 0, &prov_info, NULL, NULL, NULL, NULL);
        CryptDestroyKey(key);
    }
    CryptReleaseContext(prov, 0);
    return cert;
}

void free_test_certificate(PCCERT_CONTEXT cert)
{
    CRYPT_KEY_PROV_INFO *info;
    DWORD size = 0;
    HCRYPTPROV prov;

    if (!cert) return;
    if (CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &size) &&
        (info = HeapAlloc(GetProcessHeap(), 0, size)))
    {
        if (CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, info, &size))
            CryptAcquireContextW(&prov, info->pwszContainerName, info->pwszProvName, info->dwProvType,
                                 CRYPT_DELETEKEYSET);
        HeapFree(GetProcessHeap(), 0, info);
    }
    CertFreeCertificateContext(cert);
}

PCCERT_CONTEXT import_pfx(const BYTE *data, DWORD size, const WCHAR *password, DWORD flags)
{
    CRYPT_DATA_BLOB pfx = { size, (BYTE *)data };
    PCCERT_CONTEXT result = NULL, cert = NULL;
    HCERTSTORE store;

    if (!(store = PFXImportCertStore(&pfx, password, flags))) return NULL;
    /* The certificate that has a key. */
    while (!result && (cert = CertEnumCertificatesInStore(store, cert)))
    {
        DWORD prop_size = 0;
        if (CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &prop_size) ||
            CertGetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, NULL, &prop_size))
            result = CertDuplicateCertificateContext(cert);
    }
    if (cert) CertFreeCertificateContext(cert);
    CertCloseStore(store, 0);
    return result;
}

static SECURITY_STATUS acquire(struct peer *peer, BOOL server, DWORD protocols, DWORD flags, PCCERT_CONTEXT cert)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };

    memset(peer, 0, sizeof(*peer));
    peer->server = server;
    peer->status = SEC_I_CONTINUE_NEEDED;
    cred.grbitEnabledProtocols = protocols;
    cred.dwFlags = flags;
    if (cert)
    {
        cred.cCreds = 1;
        cred.paCred = &cert;
    }
    return AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, server ? SECPKG_CRED_INBOUND : SECPKG_CRED_OUTBOUND,
                                     NULL, &cred, NULL, NULL, &peer->cred, NULL);
}

SECURITY_STATUS acquire_peer(struct peer *peer, BOOL server, DWORD protocols, PCCERT_CONTEXT cert)
{
    return acquire(peer, server, protocols, server ? 0 : SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS, cert);
}

SECURITY_STATUS acquire_client(struct peer *peer, DWORD protocols, DWORD flags)
{
    return acquire(peer, FALSE, protocols, flags, NULL);
}

SECURITY_STATUS acquire_server(struct peer *peer, DWORD protocols, DWORD flags, PCCERT_CONTEXT cert)
{
    return acquire(peer, TRUE, protocols, flags, cert);
}

void release_peer(struct peer *peer)
{
    if (peer->has_ctx) DeleteSecurityContext(&peer->ctx);
    FreeCredentialsHandle(&peer->cred);
    peer->has_ctx = FALSE;
}

static void deliver(struct peer *to, const void *data, SIZE_T size)
{
    if (!to || !size || to->in_size + size > sizeof(to->in)) return;
    memcpy(to->in + to->in_size, data, size);
    to->in_size += size;
}

SECURITY_STATUS step_context(struct peer *peer, const char *target, SecBufferDesc *in, SecBufferDesc *out)
{
    SECURITY_STATUS status;

    if (peer->server)
        status = AcceptSecurityContext(&peer->cred, peer->has_ctx ? &peer->ctx : NULL, in, SERVER_REQ | peer->extra_req, 0,
                                       &peer->ctx, out, &peer->attrs, &peer->expiry);
    else
        status = InitializeSecurityContextA(&peer->cred, peer->has_ctx ? &peer->ctx : NULL, (SEC_CHAR *)target,
                                            CLIENT_REQ | peer->extra_req, 0, 0, in, 0, &peer->ctx, out,
                                            &peer->attrs, &peer->expiry);
    if (status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED) peer->has_ctx = TRUE;
    return status;
}

SECURITY_STATUS step_peer(struct peer *peer, struct peer *other, const char *target)
{
    SecBuffer in_bufs[3] = { { peer->in_size, SECBUFFER_TOKEN, peer->in }, { 0, SECBUFFER_EMPTY, NULL },
                             { peer->alpn_size, SECBUFFER_APPLICATION_PROTOCOLS, (void *)peer->alpn } };
    SecBuffer out_bufs[3] = { { 0, SECBUFFER_TOKEN, NULL }, { 0, SECBUFFER_ALERT, NULL }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBufferDesc in = { SECBUFFER_VERSION, peer->alpn && !peer->has_ctx ? 3 : 2, in_bufs };
    SecBufferDesc out = { SECBUFFER_VERSION, 3, out_bufs };
    SecBufferDesc first = { SECBUFFER_VERSION, 1, &in_bufs[2] };
    SECURITY_STATUS status;
    SIZE_T consumed;

    status = step_context(peer, target, peer->has_ctx || peer->server ? &in : peer->alpn ? &first : NULL, &out);
    if (out_bufs[0].pvBuffer)
    {
        deliver(other, out_bufs[0].pvBuffer, out_bufs[0].cbBuffer);
        FreeContextBuffer(out_bufs[0].pvBuffer);
    }
    if (out_bufs[1].pvBuffer)
    {
        deliver(other, out_bufs[1].pvBuffer, out_bufs[1].cbBuffer);
        FreeContextBuffer(out_bufs[1].pvBuffer);
    }
    if (status != SEC_E_INCOMPLETE_MESSAGE && peer->has_ctx)
    {
        /* Whatever the step did not take stays for the next one. */
        consumed = peer->in_size - (in_bufs[1].BufferType == SECBUFFER_EXTRA ? in_bufs[1].cbBuffer : 0);
        memmove(peer->in, peer->in + consumed, peer->in_size - consumed);
        peer->in_size -= consumed;
    }
    peer->status = status;
    return status;
}

static BOOL waiting(const struct peer *peer)
{
    return peer->status == SEC_I_CONTINUE_NEEDED || peer->status == SEC_E_INCOMPLETE_MESSAGE;
}

BOOL run_handshake(struct peer *client, struct peer *server, const char *target)
{
    step_peer(client, server, target);
    return finish_handshake(client, server, target);
}

BOOL finish_handshake(struct peer *client, struct peer *server, const char *target)
{
    BOOL moved = TRUE;
    int i;

    for (i = 0; i < 32 && moved; i++)
    {
        moved = FALSE;
        if (waiting(server) && server->in_size)
        {
            step_peer(server, client, NULL);
            moved = TRUE;
        }
        if (waiting(client) && client->in_size)
        {
            step_peer(client, server, target);
            moved = TRUE;
        }
    }
    return client->status == SEC_E_OK && server->status == SEC_E_OK;
}

BOOL connect_peers(struct peer *client, struct peer *server, DWORD protocol, PCCERT_CONTEXT cert)
{
    acquire_peer(client, FALSE, protocol & CLIENT_PROTOCOLS, NULL);
    acquire_peer(server, TRUE, protocol & SERVER_PROTOCOLS, cert);
    /* The client reads a TLS 1.3 server's tickets, which follow the handshake. */
    return run_handshake(client, server, "localhost") && receive_records(client, server, "localhost") == SEC_E_OK;
}

BOOL reconnect_peers(struct peer *client, struct peer *server)
{
    struct peer *peers[2] = { client, server };
    int i;

    for (i = 0; i < 2; i++)
    {
        if (peers[i]->has_ctx) DeleteSecurityContext(&peers[i]->ctx);
        peers[i]->has_ctx = FALSE;
        peers[i]->in_size = 0;
        peers[i]->status = SEC_I_CONTINUE_NEEDED;
    }
    return run_handshake(client, server, "localhost") && receive_records(client, server, "localhost") == SEC_E_OK;
}

SECURITY_STATUS send_message(struct peer *from, struct peer *to, const void *data, SIZE_T size)
{
    SecPkgContext_StreamSizes sizes;
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;
    BYTE *record;

    if ((status = QueryContextAttributesA(&from->ctx, SECPKG_ATTR_STREAM_SIZES, &sizes)) != SEC_E_OK) return status;
    if (!(record = HeapAlloc(GetProcessHeap(), 0, sizes.cbHeader + size + sizes.cbTrailer))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(record + sizes.cbHeader, data, size);
    bufs[0].BufferType = SECBUFFER_STREAM_HEADER; bufs[0].pvBuffer = record; bufs[0].cbBuffer = sizes.cbHeader;
    bufs[1].BufferType = SECBUFFER_DATA; bufs[1].pvBuffer = record + sizes.cbHeader; bufs[1].cbBuffer = size;
    bufs[2].BufferType = SECBUFFER_STREAM_TRAILER; bufs[2].pvBuffer = record + sizes.cbHeader + size;
    bufs[2].cbBuffer = sizes.cbTrailer;
    bufs[3].BufferType = SECBUFFER_EMPTY; bufs[3].pvBuffer = NULL; bufs[3].cbBuffer = 0;
    if ((status = EncryptMessage(&from->ctx, 0, &desc, 0)) == SEC_E_OK)
        deliver(to, record, bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer);
    HeapFree(GetProcessHeap(), 0, record);
    return status;
}

ULONG make_alpn(BYTE *buffer, const char *const *names)
{
    SEC_APPLICATION_PROTOCOLS *protocols = (SEC_APPLICATION_PROTOCOLS *)buffer;
    SEC_APPLICATION_PROTOCOL_LIST *list = protocols->ProtocolLists;
    USHORT size = 0;

    list->ProtoNegoExt = SecApplicationProtocolNegotiationExt_ALPN;
    for (; *names; names++)
    {
        list->ProtocolList[size++] = strlen(*names);
        memcpy(list->ProtocolList + size, *names, strlen(*names));
        size += strlen(*names);
    }
    list->ProtocolListSize = size;
    protocols->ProtocolListsSize = FIELD_OFFSET(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList) + size;
    return FIELD_OFFSET(SEC_APPLICATION_PROTOCOLS, ProtocolLists) + protocols->ProtocolListsSize;
}

SECURITY_STATUS decrypt_received(struct peer *peer, SecBuffer bufs[4])
{
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    int i;

    bufs[0].BufferType = SECBUFFER_DATA;
    bufs[0].pvBuffer = peer->in;
    bufs[0].cbBuffer = peer->in_size;
    for (i = 1; i < 4; i++)
    {
        bufs[i].BufferType = SECBUFFER_EMPTY;
        bufs[i].pvBuffer = NULL;
        bufs[i].cbBuffer = 0;
    }
    return DecryptMessage(&peer->ctx, &desc, 0, NULL);
}

SECURITY_STATUS receive_records(struct peer *peer, struct peer *other, const char *target)
{
    SECURITY_STATUS status = SEC_E_OK;
    SecBuffer bufs[4];
    SIZE_T extra;

    while (peer->in_size)
    {
        status = decrypt_received(peer, bufs);
        if (status != SEC_E_OK && status != SEC_I_RENEGOTIATE) return status;
        extra = bufs[3].BufferType == SECBUFFER_EXTRA ? bufs[3].cbBuffer : 0;
        memmove(peer->in, peer->in + peer->in_size - extra, extra);
        peer->in_size = extra;
        if (status == SEC_I_RENEGOTIATE && (status = step_peer(peer, other, target)) != SEC_E_OK) return status;
    }
    return status;
}
