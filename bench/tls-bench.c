/*
 * tls-bench: the cost of the SSPI layer.  In one process, the same work done through our
 * secur32.dll (InitializeSecurityContext / AcceptSecurityContext, EncryptMessage / DecryptMessage)
 * and by raw GnuTLS calls, both over memory with an RSA-2048 server and the same protocol version:
 *   - full handshakes per second (client and server sides together),
 *   - MB/s of 16 KiB records, encrypted by one side and decrypted by the other;
 * and, through the SSPI only, reconnects (resumed handshakes) per second against full ones.
 * Prints each rate and the ratios.  A report, not a test: nothing here asserts timings.
 *
 *   tls-bench [--tls12] [--handshakes N] [--records N]
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <windows.h>
#include <wincrypt.h>
#include <sspi.h>
#include <schannel.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define RECORD 16384

static BOOL tls12;
static const char *priority;

static double now(void)
{
    LARGE_INTEGER counter, freq;
    QueryPerformanceCounter(&counter);
    QueryPerformanceFrequency(&freq);
    return (double)counter.QuadPart / freq.QuadPart;
}

/* ---- a byte pipe between the two sides ---- */

struct pipe
{
    BYTE data[1 << 20];
    SIZE_T size;
};

static void pipe_put(struct pipe *p, const void *data, SIZE_T size)
{
    if (p->size + size > sizeof(p->data)) { fprintf(stderr, "pipe overflow\n"); exit(1); }
    memcpy(p->data + p->size, data, size);
    p->size += size;
}

static void pipe_drop(struct pipe *p, SIZE_T size)
{
    memmove(p->data, p->data + size, p->size - size);
    p->size -= size;
}

/* ---- raw GnuTLS ---- */

struct raw_end
{
    gnutls_session_t s;
    struct pipe *in, *out;
};

static ssize_t raw_pull(gnutls_transport_ptr_t ptr, void *buf, size_t size)
{
    struct raw_end *end = ptr;
    if (!end->in->size) { gnutls_transport_set_errno(end->s, EAGAIN); return -1; }
    if (size > end->in->size) size = end->in->size;
    memcpy(buf, end->in->data, size);
    pipe_drop(end->in, size);
    return size;
}

static ssize_t raw_push(gnutls_transport_ptr_t ptr, const void *data, size_t size)
{
    struct raw_end *end = ptr;
    pipe_put(end->out, data, size);
    return size;
}

static gnutls_certificate_credentials_t raw_server_creds, raw_client_creds;

static void raw_setup(void)
{
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_t crt;

    gnutls_global_init();
    gnutls_x509_privkey_init(&key);
    gnutls_x509_privkey_generate(key, GNUTLS_PK_RSA, 2048, 0);
    gnutls_x509_crt_init(&crt);
    gnutls_x509_crt_set_key(crt, key);
    gnutls_x509_crt_set_version(crt, 3);
    gnutls_x509_crt_set_serial(crt, "\x01", 1);
    gnutls_x509_crt_set_activation_time(crt, time(NULL) - 3600);
    gnutls_x509_crt_set_expiration_time(crt, time(NULL) + 86400);
    gnutls_x509_crt_set_dn(crt, "CN=localhost", NULL);
    gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
    gnutls_certificate_allocate_credentials(&raw_server_creds);
    gnutls_certificate_set_x509_key(raw_server_creds, &crt, 1, key);
    gnutls_certificate_allocate_credentials(&raw_client_creds);
}

static void raw_open(struct raw_end *client, struct raw_end *server, struct pipe *c2s, struct pipe *s2c)
{
    struct raw_end *ends[2] = { client, server };
    int i;

    c2s->size = s2c->size = 0;
    client->in = s2c; client->out = c2s;
    server->in = c2s; server->out = s2c;
    gnutls_init(&client->s, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
    gnutls_init(&server->s, GNUTLS_SERVER | GNUTLS_NONBLOCK);
    gnutls_credentials_set(client->s, GNUTLS_CRD_CERTIFICATE, raw_client_creds);
    gnutls_credentials_set(server->s, GNUTLS_CRD_CERTIFICATE, raw_server_creds);
    for (i = 0; i < 2; i++)
    {
        gnutls_priority_set_direct(ends[i]->s, priority, NULL);
        gnutls_transport_set_ptr(ends[i]->s, ends[i]);
        gnutls_transport_set_pull_function(ends[i]->s, raw_pull);
        gnutls_transport_set_push_function(ends[i]->s, raw_push);
    }
    gnutls_server_name_set(client->s, GNUTLS_NAME_DNS, "localhost", 9);
}

static void raw_handshake(struct raw_end *client, struct raw_end *server)
{
    int c = GNUTLS_E_AGAIN, s = GNUTLS_E_AGAIN, rounds = 0;

    while ((c || s) && rounds++ < 50)
    {
        if (c) c = gnutls_handshake(client->s);
        if (s) s = gnutls_handshake(server->s);
        if (c < 0 && c != GNUTLS_E_AGAIN) { fprintf(stderr, "raw client: %s\n", gnutls_strerror(c)); exit(1); }
        if (s < 0 && s != GNUTLS_E_AGAIN) { fprintf(stderr, "raw server: %s\n", gnutls_strerror(s)); exit(1); }
    }
}

static double raw_handshakes(int count)
{
    static struct pipe c2s, s2c;
    struct raw_end client, server;
    double start = now();
    int i;

    for (i = 0; i < count; i++)
    {
        raw_open(&client, &server, &c2s, &s2c);
        raw_handshake(&client, &server);
        gnutls_deinit(client.s);
        gnutls_deinit(server.s);
    }
    return count / (now() - start);
}

static double raw_records(int count)
{
    static struct pipe c2s, s2c;
    static BYTE data[RECORD], plain[RECORD];
    struct raw_end client, server;
    double start;
    int i;

    raw_open(&client, &server, &c2s, &s2c);
    raw_handshake(&client, &server);
    memset(data, 0x5a, sizeof(data));
    start = now();
    for (i = 0; i < count; i++)
    {
        gnutls_record_send(client.s, data, sizeof(data));
        if (gnutls_record_recv(server.s, plain, sizeof(plain)) != RECORD) { fprintf(stderr, "raw recv\n"); exit(1); }
    }
    start = now() - start;
    gnutls_deinit(client.s);
    gnutls_deinit(server.s);
    return count * (double)RECORD / start / 1e6;
}

/* ---- through the SSPI ---- */

#define CLIENT_REQ (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | \
                    ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)
#define SERVER_REQ (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | \
                    ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM)

/* Full handshakes use a client credential without a session cache (dwSessionLifespan -1);
 * reconnects one with the default cache. */
static CredHandle sspi_client_cred, sspi_caching_cred, sspi_server_cred;

static PCCERT_CONTEXT make_certificate(void)
{
    BYTE name[128];
    CERT_NAME_BLOB blob = { sizeof(name), name };
    CRYPT_KEY_PROV_INFO info = { (WCHAR *)L"tls-bench", (WCHAR *)MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, 0, 0, NULL,
                                 AT_KEYEXCHANGE };
    PCCERT_CONTEXT cert;
    HCRYPTPROV prov;
    HCRYPTKEY key;

    CryptAcquireContextW(&prov, L"tls-bench", MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_DELETEKEYSET);
    if (!CryptAcquireContextW(&prov, L"tls-bench", MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_NEWKEYSET)) return NULL;
    CryptGenKey(prov, AT_KEYEXCHANGE, (2048 << 16) | CRYPT_EXPORTABLE, &key);
    CertStrToNameA(X509_ASN_ENCODING, "CN=localhost", CERT_X500_NAME_STR, NULL, name, &blob.cbData, NULL);
    cert = CertCreateSelfSignCertificate(prov, &blob, 0, &info, NULL, NULL, NULL, NULL);
    CryptDestroyKey(key);
    CryptReleaseContext(prov, 0);
    return cert;
}

static void sspi_setup(void)
{
    SCHANNEL_CRED client = { SCHANNEL_CRED_VERSION }, server = { SCHANNEL_CRED_VERSION };
    PCCERT_CONTEXT cert = make_certificate();
    SECURITY_STATUS status;

    if (!cert) { fprintf(stderr, "no certificate\n"); exit(1); }
    client.grbitEnabledProtocols = tls12 ? SP_PROT_TLS1_2_CLIENT : SP_PROT_TLS1_3_CLIENT;
    client.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    server.grbitEnabledProtocols = tls12 ? SP_PROT_TLS1_2_SERVER : SP_PROT_TLS1_3_SERVER;
    server.cCreds = 1;
    server.paCred = &cert;
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &client, NULL, NULL,
                                       &sspi_caching_cred, NULL);
    client.dwSessionLifespan = ~0u;
    if (status == SEC_E_OK)
        status = AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &client, NULL, NULL,
                                           &sspi_client_cred, NULL);
    if (status == SEC_E_OK)
        status = AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_INBOUND, NULL, &server, NULL, NULL,
                                           &sspi_server_cred, NULL);
    if (status != SEC_E_OK) { fprintf(stderr, "credentials: %#lx\n", status); exit(1); }
}

/* One ISC or ASC step over IN (consuming what it takes), output appended to OUT. */
static SECURITY_STATUS sspi_step(BOOL server, CredHandle *cred, CtxtHandle *ctx, BOOL *has_ctx, struct pipe *in,
                                  struct pipe *out)
{
    SecBuffer in_bufs[2] = { { in->size, SECBUFFER_TOKEN, in->data }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBuffer out_buf = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc in_desc = { SECBUFFER_VERSION, 2, in_bufs }, out_desc = { SECBUFFER_VERSION, 1, &out_buf };
    SECURITY_STATUS status;
    ULONG attrs;

    if (server)
        status = AcceptSecurityContext(&sspi_server_cred, *has_ctx ? ctx : NULL, &in_desc, SERVER_REQ, 0, ctx,
                                       &out_desc, &attrs, NULL);
    else
        status = InitializeSecurityContextW(cred, *has_ctx ? ctx : NULL, (WCHAR *)L"localhost",
                                            CLIENT_REQ, 0, 0, *has_ctx ? &in_desc : NULL, 0, ctx, &out_desc, &attrs,
                                            NULL);
    if (status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED)
    {
        *has_ctx = TRUE;
        pipe_drop(in, in->size - (in_bufs[1].BufferType == SECBUFFER_EXTRA ? in_bufs[1].cbBuffer : 0));
    }
    if (out_buf.pvBuffer)
    {
        pipe_put(out, out_buf.pvBuffer, out_buf.cbBuffer);
        FreeContextBuffer(out_buf.pvBuffer);
    }
    return status;
}

/* What the server sent after the handshake (TLS 1.3 tickets), read as a client does: DecryptMessage
 * answers SEC_I_RENEGOTIATE, and one more ISC step follows. */
static void sspi_read_tickets(CredHandle *cred, CtxtHandle *client, struct pipe *s2c, struct pipe *c2s)
{
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;
    BOOL has_ctx = TRUE;
    int j;

    while (s2c->size)
    {
        bufs[0].BufferType = SECBUFFER_DATA; bufs[0].pvBuffer = s2c->data; bufs[0].cbBuffer = s2c->size;
        for (j = 1; j < 4; j++) { bufs[j].BufferType = SECBUFFER_EMPTY; bufs[j].pvBuffer = NULL; bufs[j].cbBuffer = 0; }
        status = DecryptMessage(client, &desc, 0, NULL);
        if (status != SEC_E_OK && status != SEC_I_RENEGOTIATE) { fprintf(stderr, "tickets: %#lx\n", status); exit(1); }
        pipe_drop(s2c, s2c->size - (bufs[3].BufferType == SECBUFFER_EXTRA ? bufs[3].cbBuffer : 0));
        if (status == SEC_I_RENEGOTIATE) sspi_step(FALSE, cred, client, &has_ctx, s2c, c2s);
    }
}

static void sspi_connect(CredHandle *cred, CtxtHandle *client, CtxtHandle *server, struct pipe *c2s, struct pipe *s2c)
{
    BOOL has_client = FALSE, has_server = FALSE;
    SECURITY_STATUS c, s = SEC_I_CONTINUE_NEEDED;
    int rounds = 0;

    c2s->size = s2c->size = 0;
    c = sspi_step(FALSE, cred, client, &has_client, s2c, c2s);
    while ((c == SEC_I_CONTINUE_NEEDED || s == SEC_I_CONTINUE_NEEDED) && rounds++ < 50)
    {
        if (s == SEC_I_CONTINUE_NEEDED && c2s->size) s = sspi_step(TRUE, NULL, server, &has_server, c2s, s2c);
        if (c == SEC_I_CONTINUE_NEEDED && s2c->size) c = sspi_step(FALSE, cred, client, &has_client, s2c, c2s);
    }
    if (c != SEC_E_OK || s != SEC_E_OK) { fprintf(stderr, "sspi handshake: %#lx %#lx\n", c, s); exit(1); }
    sspi_read_tickets(cred, client, s2c, c2s);
}

/* Handshakes per second over CRED; with the caching credential every one after the first is a
 * reconnect, which the last one's SESSION_INFO confirms. */
static double sspi_handshakes(CredHandle *cred, int count)
{
    static struct pipe c2s, s2c;
    SecPkgContext_SessionInfo info;
    CtxtHandle client, server;
    double start = now(), rate;
    int i;

    for (i = 0; i < count; i++)
    {
        sspi_connect(cred, &client, &server, &c2s, &s2c);
        if (i < count - 1) DeleteSecurityContext(&client);
        DeleteSecurityContext(&server);
    }
    rate = count / (now() - start);
    if (QueryContextAttributesW(&client, SECPKG_ATTR_SESSION_INFO, &info) != SEC_E_OK ||
        !!(info.dwFlags & SSL_SESSION_RECONNECT) != (cred == &sspi_caching_cred))
    {
        fprintf(stderr, "sspi handshakes: unexpected reconnect flag %#lx\n", info.dwFlags);
        exit(1);
    }
    DeleteSecurityContext(&client);
    return rate;
}

static double sspi_records(int count)
{
    static struct pipe c2s, s2c;
    static BYTE record[RECORD + 1024];
    SecPkgContext_StreamSizes sizes;
    CtxtHandle client, server;
    SecBuffer enc[4], dec[4];
    SecBufferDesc enc_desc = { SECBUFFER_VERSION, 4, enc }, dec_desc = { SECBUFFER_VERSION, 4, dec };
    double start;
    int i, j;

    sspi_connect(&sspi_client_cred, &client, &server, &c2s, &s2c);
    QueryContextAttributesW(&client, SECPKG_ATTR_STREAM_SIZES, &sizes);
    start = now();
    for (i = 0; i < count; i++)
    {
        memset(record + sizes.cbHeader, 0x5a, RECORD);
        enc[0].BufferType = SECBUFFER_STREAM_HEADER; enc[0].pvBuffer = record; enc[0].cbBuffer = sizes.cbHeader;
        enc[1].BufferType = SECBUFFER_DATA; enc[1].pvBuffer = record + sizes.cbHeader; enc[1].cbBuffer = RECORD;
        enc[2].BufferType = SECBUFFER_STREAM_TRAILER; enc[2].pvBuffer = record + sizes.cbHeader + RECORD;
        enc[2].cbBuffer = sizes.cbTrailer;
        enc[3].BufferType = SECBUFFER_EMPTY; enc[3].pvBuffer = NULL; enc[3].cbBuffer = 0;
        if (EncryptMessage(&client, 0, &enc_desc, 0) != SEC_E_OK) { fprintf(stderr, "encrypt\n"); exit(1); }

        dec[0].BufferType = SECBUFFER_DATA; dec[0].pvBuffer = record;
        dec[0].cbBuffer = enc[0].cbBuffer + enc[1].cbBuffer + enc[2].cbBuffer;
        for (j = 1; j < 4; j++) { dec[j].BufferType = SECBUFFER_EMPTY; dec[j].pvBuffer = NULL; dec[j].cbBuffer = 0; }
        if (DecryptMessage(&server, &dec_desc, 0, NULL) != SEC_E_OK || dec[1].cbBuffer != RECORD)
        {
            fprintf(stderr, "decrypt\n");
            exit(1);
        }
    }
    start = now() - start;
    DeleteSecurityContext(&client);
    DeleteSecurityContext(&server);
    return count * (double)RECORD / start / 1e6;
}

int main(int argc, char **argv)
{
    int handshakes = 200, records = 4000, i;
    double raw_hs, sspi_hs, raw_mb, sspi_mb, resumed_hs;

    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--tls12")) tls12 = TRUE;
        else if (!strcmp(argv[i], "--handshakes") && i + 1 < argc) handshakes = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--records") && i + 1 < argc) records = atoi(argv[++i]);
        else { fprintf(stderr, "usage: tls-bench [--tls12] [--handshakes N] [--records N]\n"); return 2; }
    }
    priority = tls12 ? "NORMAL:-VERS-ALL:+VERS-TLS1.2" : "NORMAL:-VERS-ALL:+VERS-TLS1.3";
    raw_setup();
    sspi_setup();

    /* Warm both paths up once, then alternate so that neither gets the machine's better moments. */
    raw_handshakes(5);
    sspi_handshakes(&sspi_client_cred, 5);
    raw_hs = raw_handshakes(handshakes);
    sspi_hs = sspi_handshakes(&sspi_client_cred, handshakes);
    resumed_hs = sspi_handshakes(&sspi_caching_cred, handshakes);
    raw_mb = raw_records(records);
    sspi_mb = sspi_records(records);

    printf("TLS 1.%c, RSA-2048 server, %d handshakes, %d records of 16 KiB\n", tls12 ? '2' : '3', handshakes, records);
    printf("handshakes/s   raw GnuTLS %8.1f   SSPI %8.1f   ratio %.3f\n", raw_hs, sspi_hs, sspi_hs / raw_hs);
    printf("records MB/s   raw GnuTLS %8.1f   SSPI %8.1f   ratio %.3f\n", raw_mb, sspi_mb, sspi_mb / raw_mb);
    printf("reconnects/s   SSPI %8.1f   full handshakes/s SSPI %8.1f   ratio %.2f\n", resumed_hs, sspi_hs,
           resumed_hs / sspi_hs);
    return 0;
}
