/*
 * tls-bench: one client's time per operation against an in-process raw GnuTLS server, over memory.
 * Two clients in each run: the SSPI (whichever secur32.dll the process loaded: ours, or Wine's
 * builtin under WINEDLLOVERRIDES=secur32=b) and raw GnuTLS calls, same protocol version, same
 * certificate, same cipher (AES-128-GCM) and group (P-256).  Figures, each the client's own time:
 *   full      a full handshake (and, with TLS 1.3, reading the tickets that follow it)
 *   resume    a reconnect: Schannel's session cache, or raw resumption from the last session data
 *   enc16k    encrypting one 16 KiB record      dec16k  decrypting one
 *   enc64     encrypting one 64 B record        dec64   decrypting one
 *   wall      a full handshake, both sides together (the server's time included)
 * Times are the thread's CPU time under Wine (x86_64), the wall clock elsewhere.
 *   mt1, mt2  full handshakes per second on one thread and on two threads sharing the credentials
 *   mt1cpu, mt2cpu  the same per second of each thread's CPU time: equal when the threads neither
 *             spin nor fight over cache lines, whatever the machine's load
 *   ctxmem    bytes of process memory per idle context; sessmem per cached session
 * Prints one line per figure: "figure client microseconds" (rates and bytes for mt and mem).
 * A report, not a test: nothing here asserts timings.  tools/bench.sh runs it in rounds.
 *
 *   tls-bench [--tls12] [--rsa] [--no-raw] [--threads] [--label NAME] [--profile [raw-]FIGURE]
 * --profile repeats one figure (full, resume, enc16k, dec16k, enc64, dec64) of one client for a profiler.
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
#include <psapi.h>
#include <sspi.h>
#include <schannel.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define BATCH 32

static BOOL tls12, rsa, no_raw, threads;
static const char *only;    /* --profile: one figure, many times over, for a profiler */

static double wall_now(void)
{
    LARGE_INTEGER counter, freq;
    QueryPerformanceCounter(&counter);
    QueryPerformanceFrequency(&freq);
    return (double)counter.QuadPart / freq.QuadPart;
}

/* The thread's CPU time, which other processes on a loaded machine do not inflate as they do the
 * wall clock.  Under Wine on x86_64 Linux a PE program can ask the kernel directly
 * (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); elsewhere the wall clock it is. */
static BOOL thread_clock;

static double now(void)
{
#ifdef __x86_64__
    if (thread_clock)
    {
        struct { LONGLONG sec, nsec; } ts;
        LONG_PTR ret;
        __asm__ volatile ("syscall" : "=a"(ret) : "0"((LONG_PTR)228), "D"((LONG_PTR)3), "S"(&ts) : "rcx", "r11", "memory");
        if (!ret) return ts.sec + ts.nsec * 1e-9;
    }
#endif
    return wall_now();
}

static void die(const char *what, long code)
{
    fprintf(stderr, "tls-bench: %s (%#lx)\n", what, code);
    exit(1);
}

/* ---- a byte pipe between the two sides ---- */

struct pipe
{
    BYTE buffer[1 << 20];
    BYTE *data;         /* what is left to read */
    SIZE_T size;
};

static void pipe_put(struct pipe *p, const void *data, SIZE_T size)
{
    if (!p->data || !p->size) p->data = p->buffer;
    if (p->data + p->size + size > p->buffer + sizeof(p->buffer))
    {
        memmove(p->buffer, p->data, p->size);
        p->data = p->buffer;
    }
    if (p->size + size > sizeof(p->buffer)) die("pipe overflow", 0);
    memcpy(p->data + p->size, data, size);
    p->size += size;
}

static void pipe_drop(struct pipe *p, SIZE_T size)
{
    p->data += size;
    p->size -= size;
}

struct link
{
    struct pipe c2s, s2c;
};

/* ---- GnuTLS ends over a pipe ---- */

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

static gnutls_certificate_credentials_t server_creds, raw_client_creds;
static gnutls_priority_t server_priority, raw_client_priority;     /* parsed once, as a server would */
static gnutls_datum_t ticket_key;

/* The server's session-ID database (TLS 1.2 reconnects without tickets): a few slots. */
static struct { gnutls_datum_t key, data; } db[64];
static unsigned db_next;
static CRITICAL_SECTION db_lock;

static int db_store(void *ptr, gnutls_datum_t key, gnutls_datum_t data)
{
    unsigned i;
    EnterCriticalSection(&db_lock);
    i = db_next++ % ARRAYSIZE(db);
    free(db[i].key.data); free(db[i].data.data);
    db[i].key.data = malloc(key.size); memcpy(db[i].key.data, key.data, key.size); db[i].key.size = key.size;
    db[i].data.data = malloc(data.size); memcpy(db[i].data.data, data.data, data.size); db[i].data.size = data.size;
    LeaveCriticalSection(&db_lock);
    return 0;
}

static gnutls_datum_t db_fetch(void *ptr, gnutls_datum_t key)
{
    gnutls_datum_t out = { NULL, 0 };
    unsigned i;
    EnterCriticalSection(&db_lock);
    for (i = 0; i < ARRAYSIZE(db); i++)
    {
        if (db[i].key.size != key.size || memcmp(db[i].key.data, key.data, key.size)) continue;
        out.data = gnutls_malloc(db[i].data.size);
        memcpy(out.data, db[i].data.data, db[i].data.size);
        out.size = db[i].data.size;
        break;
    }
    LeaveCriticalSection(&db_lock);
    return out;
}

static int db_remove(void *ptr, gnutls_datum_t key) { return 0; }

static void server_setup(void)
{
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_t crt;

    gnutls_global_init();
    InitializeCriticalSection(&db_lock);
    gnutls_x509_privkey_init(&key);
    if (rsa) gnutls_x509_privkey_generate(key, GNUTLS_PK_RSA, 2048, 0);
    else gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
    gnutls_x509_crt_init(&crt);
    gnutls_x509_crt_set_key(crt, key);
    gnutls_x509_crt_set_version(crt, 3);
    gnutls_x509_crt_set_serial(crt, "\x01", 1);
    gnutls_x509_crt_set_activation_time(crt, time(NULL) - 3600);
    gnutls_x509_crt_set_expiration_time(crt, time(NULL) + 86400);
    gnutls_x509_crt_set_dn(crt, "CN=localhost", NULL);
    gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
    gnutls_certificate_allocate_credentials(&server_creds);
    gnutls_certificate_set_x509_key(server_creds, &crt, 1, key);
    gnutls_certificate_allocate_credentials(&raw_client_creds);
    gnutls_session_ticket_key_generate(&ticket_key);
    gnutls_priority_init(&server_priority, tls12 ? "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM"
                                                 : "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM", NULL);
    gnutls_priority_init(&raw_client_priority, tls12 ? "NORMAL:-VERS-ALL:+VERS-TLS1.2" : "NORMAL:-VERS-ALL:+VERS-TLS1.3",
                         NULL);
}

static void raw_server_open(struct raw_end *server, struct link *link)
{
    server->in = &link->c2s;
    server->out = &link->s2c;
    gnutls_init(&server->s, GNUTLS_SERVER | GNUTLS_NONBLOCK);
    gnutls_credentials_set(server->s, GNUTLS_CRD_CERTIFICATE, server_creds);
    gnutls_priority_set(server->s, server_priority);
    gnutls_session_ticket_enable_server(server->s, &ticket_key);
    gnutls_db_set_retrieve_function(server->s, db_fetch);
    gnutls_db_set_store_function(server->s, db_store);
    gnutls_db_set_remove_function(server->s, db_remove);
    gnutls_db_set_ptr(server->s, NULL);
    gnutls_transport_set_ptr(server->s, server);
    gnutls_transport_set_pull_function(server->s, raw_pull);
    gnutls_transport_set_push_function(server->s, raw_push);
}

/* ---- the clients ---- */

struct client
{
    struct raw_end raw;                 /* the raw client */
    gnutls_datum_t resume;              /* its last session data */
    CtxtHandle ctx;                     /* the SSPI client */
    BOOL has_ctx;
    CredHandle *cred;
    SecPkgContext_StreamSizes sizes;
    const char *target;
    struct link *link;
};

/* Full handshakes use a client credential without a session cache (dwSessionLifespan -1);
 * reconnects one with the default cache. */
static CredHandle nocache_cred, caching_cred;

#define CLIENT_REQ (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | \
                    ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)

static void sspi_setup(void)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };
    SECURITY_STATUS status;

    cred.grbitEnabledProtocols = tls12 ? SP_PROT_TLS1_2_CLIENT : SP_PROT_TLS1_3_CLIENT;
    cred.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &cred, NULL, NULL,
                                       &caching_cred, NULL);
    if (status != SEC_E_OK) die("credentials", status);
    cred.dwSessionLifespan = ~0u;
    status = AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &cred, NULL, NULL,
                                       &nocache_cred, NULL);
    if (status != SEC_E_OK) die("credentials", status);
}

/* One ISC step over what the server sent; 1 while the handshake goes on, 0 when done. */
static int sspi_step(struct client *c)
{
    struct pipe *in = &c->link->s2c;
    SecBuffer in_bufs[2] = { { in->size, SECBUFFER_TOKEN, in->data }, { 0, SECBUFFER_EMPTY, NULL } };
    SecBuffer out_buf = { 0, SECBUFFER_TOKEN, NULL };
    SecBufferDesc in_desc = { SECBUFFER_VERSION, 2, in_bufs }, out_desc = { SECBUFFER_VERSION, 1, &out_buf };
    SECURITY_STATUS status;
    ULONG attrs;

    status = InitializeSecurityContextA(c->cred, c->has_ctx ? &c->ctx : NULL, (char *)c->target, CLIENT_REQ, 0, 0,
                                        c->has_ctx ? &in_desc : NULL, 0, &c->ctx, &out_desc, &attrs, NULL);
    if (status != SEC_E_OK && status != SEC_I_CONTINUE_NEEDED && status != SEC_E_INCOMPLETE_MESSAGE)
        die("InitializeSecurityContext", status);
    if (status != SEC_E_INCOMPLETE_MESSAGE)
    {
        if (c->has_ctx) pipe_drop(in, in->size - (in_bufs[1].BufferType == SECBUFFER_EXTRA ? in_bufs[1].cbBuffer : 0));
        c->has_ctx = TRUE;
    }
    if (out_buf.pvBuffer)
    {
        pipe_put(&c->link->c2s, out_buf.pvBuffer, out_buf.cbBuffer);
        FreeContextBuffer(out_buf.pvBuffer);
    }
    return status != SEC_E_OK;
}

static void sspi_decrypt(struct client *c, SECURITY_STATUS *status, SIZE_T *plain)
{
    struct pipe *in = &c->link->s2c;
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    int j;

    bufs[0].BufferType = SECBUFFER_DATA; bufs[0].pvBuffer = in->data; bufs[0].cbBuffer = in->size;
    for (j = 1; j < 4; j++) { bufs[j].BufferType = SECBUFFER_EMPTY; bufs[j].pvBuffer = NULL; bufs[j].cbBuffer = 0; }
    *status = DecryptMessage(&c->ctx, &desc, 0, NULL);
    if (*status != SEC_E_OK && *status != SEC_I_RENEGOTIATE) die("DecryptMessage", *status);
    *plain = 0;
    for (j = 1; j < 4; j++) if (bufs[j].BufferType == SECBUFFER_DATA) *plain = bufs[j].cbBuffer;
    for (j = 1; j < 4; j++) if (bufs[j].BufferType == SECBUFFER_EXTRA) break;
    pipe_drop(in, in->size - (j < 4 ? bufs[j].cbBuffer : 0));
}

/* What the server sent after its last handshake flight (TLS 1.3 tickets), read as a client does. */
static void sspi_after(struct client *c)
{
    SECURITY_STATUS status;
    SIZE_T plain;

    while (c->link->s2c.size)
    {
        sspi_decrypt(c, &status, &plain);
        if (status == SEC_I_RENEGOTIATE) sspi_step(c);
    }
}

static int raw_step(struct client *c)
{
    int ret;

    if (!c->raw.s)
    {
        c->raw.in = &c->link->s2c;
        c->raw.out = &c->link->c2s;
        gnutls_init(&c->raw.s, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
        gnutls_credentials_set(c->raw.s, GNUTLS_CRD_CERTIFICATE, raw_client_creds);
        gnutls_priority_set(c->raw.s, raw_client_priority);
        gnutls_transport_set_ptr(c->raw.s, &c->raw);
        gnutls_transport_set_pull_function(c->raw.s, raw_pull);
        gnutls_transport_set_push_function(c->raw.s, raw_push);
        gnutls_server_name_set(c->raw.s, GNUTLS_NAME_DNS, "localhost", 9);
        if (c->resume.data) gnutls_session_set_data(c->raw.s, c->resume.data, c->resume.size);
    }
    ret = gnutls_handshake(c->raw.s);
    if (ret < 0 && ret != GNUTLS_E_AGAIN) die(gnutls_strerror(ret), ret);
    return ret != 0;
}

static void raw_after(struct client *c)
{
    BYTE buf[64];
    int ret;

    while (c->link->s2c.size)
        if ((ret = gnutls_record_recv(c->raw.s, buf, sizeof(buf))) != GNUTLS_E_AGAIN) die("raw tickets", ret);
}

/* One handshake against a raw server; returns the client's time.  The server is kept in KEEP_SERVER
 * when given. */
static double handshake(struct client *c, BOOL sspi, BOOL keep_session, struct raw_end *keep_server)
{
    struct raw_end server;
    double start, spent;
    int more_c, more_s = 1;

    c->link->c2s.size = c->link->s2c.size = 0;
    raw_server_open(&server, c->link);
    start = now();
    more_c = sspi ? sspi_step(c) : raw_step(c);
    spent = now() - start;
    while (more_c || more_s)
    {
        if (more_s && c->link->c2s.size)
        {
            int ret = gnutls_handshake(server.s);
            if (ret < 0 && ret != GNUTLS_E_AGAIN) die(gnutls_strerror(ret), ret);
            more_s = ret != 0;
        }
        if (!more_c && !c->link->s2c.size) continue;
        start = now();
        if (more_c) more_c = sspi ? sspi_step(c) : raw_step(c);
        else if (sspi) sspi_after(c);
        else raw_after(c);
        spent += now() - start;
    }
    start = now();
    if (sspi) sspi_after(c);
    else raw_after(c);
    spent += now() - start;
    if (keep_server) *keep_server = server;
    else gnutls_deinit(server.s);
    if (!keep_session)
    {
        start = now();
        if (sspi)
        {
            DeleteSecurityContext(&c->ctx);
            c->has_ctx = FALSE;
        }
        else
        {
            if (c->resume.data) gnutls_free(c->resume.data);
            c->resume.data = NULL;
            if (c->cred == &caching_cred) gnutls_session_get_data2(c->raw.s, &c->resume);
            gnutls_deinit(c->raw.s);
            c->raw.s = NULL;
        }
        spent += now() - start;
    }
    return spent;
}

static BOOL resumed(struct client *c, BOOL sspi)
{
    SecPkgContext_SessionInfo info;
    if (!sspi) return gnutls_session_is_resumed(c->raw.s);
    if (QueryContextAttributesA(&c->ctx, SECPKG_ATTR_SESSION_INFO, &info) != SEC_E_OK) return FALSE;
    return !!(info.dwFlags & SSL_SESSION_RECONNECT);
}

/* Microseconds per full handshake, or per reconnect. */
static double handshakes(BOOL sspi, BOOL reconnect, int count, double *wall)
{
    static struct link link;
    struct client c = { .link = &link, .target = "localhost" };
    double spent = 0, start;
    int i;

    c.cred = reconnect ? &caching_cred : &nocache_cred;
    handshake(&c, sspi, FALSE, NULL);
    start = now();
    for (i = 0; i < count; i++) spent += handshake(&c, sspi, i == count - 1, NULL);
    if (wall) *wall = (now() - start) / count * 1e6;
    if (resumed(&c, sspi) != reconnect) die(reconnect ? "did not resume" : "resumed", sspi);
    if (sspi) DeleteSecurityContext(&c.ctx);
    else gnutls_deinit(c.raw.s);
    if (c.resume.data) gnutls_free(c.resume.data);
    return spent / count * 1e6;
}

/* ---- records ---- */

static void client_encrypt(struct client *c, BOOL sspi, BYTE *data, SIZE_T size)
{
    static BYTE record[16384 + 1024];
    SecBuffer enc[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, enc };
    SECURITY_STATUS status;

    /* Both clients put the plaintext where they send it from (SSPI encrypts it in place). */
    if (!sspi)
    {
        memcpy(record, data, size);
        if (gnutls_record_send(c->raw.s, record, size) != size) die("raw send", 0);
        return;
    }
    memcpy(record + c->sizes.cbHeader, data, size);
    enc[0].BufferType = SECBUFFER_STREAM_HEADER; enc[0].pvBuffer = record; enc[0].cbBuffer = c->sizes.cbHeader;
    enc[1].BufferType = SECBUFFER_DATA; enc[1].pvBuffer = record + c->sizes.cbHeader; enc[1].cbBuffer = size;
    enc[2].BufferType = SECBUFFER_STREAM_TRAILER; enc[2].pvBuffer = record + c->sizes.cbHeader + size;
    enc[2].cbBuffer = c->sizes.cbTrailer;
    enc[3].BufferType = SECBUFFER_EMPTY; enc[3].pvBuffer = NULL; enc[3].cbBuffer = 0;
    if ((status = EncryptMessage(&c->ctx, 0, &desc, 0)) != SEC_E_OK) die("EncryptMessage", status);
    pipe_put(&c->link->c2s, record, enc[0].cbBuffer + enc[1].cbBuffer + enc[2].cbBuffer);
}

static SIZE_T client_decrypt(struct client *c, BOOL sspi, BYTE *plain, SIZE_T size)
{
    SECURITY_STATUS status;
    SIZE_T got;
    ssize_t ret;

    if (sspi)
    {
        sspi_decrypt(c, &status, &got);
        return got;
    }
    if ((ret = gnutls_record_recv(c->raw.s, plain, size)) < 0) die("raw recv", ret);
    return ret;
}

/* Microseconds per record of SIZE, encrypted (or decrypted) by the client. */
static double records(BOOL sspi, BOOL decrypt, SIZE_T size, int count)
{
    static struct link link;
    static BYTE data[16384], plain[16384];
    struct client c = { .link = &link, .target = "localhost", .cred = &nocache_cred };
    struct raw_end server;
    double spent = 0, start;
    int i, j;

    handshake(&c, sspi, TRUE, &server);
    gnutls_transport_set_ptr(server.s, &server);
    if (sspi) QueryContextAttributesA(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &c.sizes);
    memset(data, 0x5a, sizeof(data));
    for (i = 0; i < count; i += BATCH)
    {
        if (decrypt)
        {
            for (j = 0; j < BATCH; j++) gnutls_record_send(server.s, data, size);
            start = now();
            for (j = 0; j < BATCH; j++) if (client_decrypt(&c, sspi, plain, sizeof(plain)) != size) die("decrypt", j);
            spent += now() - start;
        }
        else
        {
            start = now();
            for (j = 0; j < BATCH; j++) client_encrypt(&c, sspi, data, size);
            spent += now() - start;
            for (j = 0; j < BATCH; j++)
                { ssize_t got = gnutls_record_recv(server.s, plain, sizeof(plain)); if (got != size) die("server recv", got); }
        }
    }
    gnutls_deinit(server.s);
    if (sspi) DeleteSecurityContext(&c.ctx);
    else gnutls_deinit(c.raw.s);
    return spent / (count / BATCH * BATCH) * 1e6;
}

/* ---- two threads on shared credentials ---- */

struct worker
{
    HANDLE thread;
    int count;
    struct link link;
    double cpu;         /* the thread's CPU time over its handshakes */
};

static DWORD WINAPI worker_run(void *param)
{
    struct worker *w = param;
    struct client c = { .link = &w->link, .target = "localhost", .cred = &nocache_cred };
    double cpu = now();
    int i;

    for (i = 0; i < w->count; i++) handshake(&c, TRUE, FALSE, NULL);
    w->cpu = now() - cpu;
    return 0;
}

/* Full SSPI handshakes per second (both sides), on N threads at once; per second of the threads'
 * CPU time in *CPU. */
static double threaded(int n, int count, double *cpu)
{
    static struct worker workers[2];
    HANDLE handles[2];
    double start = wall_now(), cpu_sum = 0;
    int i;

    for (i = 0; i < n; i++)
    {
        workers[i].count = count;
        handles[i] = workers[i].thread = CreateThread(NULL, 0, worker_run, &workers[i], 0, NULL);
    }
    WaitForMultipleObjects(n, handles, TRUE, INFINITE);
    for (i = 0; i < n; i++)
    {
        CloseHandle(handles[i]);
        cpu_sum += workers[i].cpu;
    }
    *cpu = n * count / cpu_sum;
    return n * count / (wall_now() - start);
}

/* ---- memory ---- */

static SIZE_T private_bytes(void)
{
    PROCESS_MEMORY_COUNTERS counters = { sizeof(counters) };
    GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters));
    return counters.PagefileUsage;
}

/* Bytes per idle client context kept after its handshake, and per session its credential caches
 * (one target name each). */
static void memory(int count)
{
    static struct link link;
    struct client *clients = calloc(count, sizeof(*clients));
    char (*names)[32] = calloc(count, 32);
    SIZE_T before;
    int i;

    before = private_bytes();
    for (i = 0; i < count; i++)
    {
        struct client c = { .link = &link, .target = names[i], .cred = &caching_cred };
        sprintf(names[i], "host%d.example", i);
        handshake(&c, TRUE, FALSE, NULL);
    }
    printf("sessmem ours %.0f\n", (double)(private_bytes() - before) / count);
    before = private_bytes();
    for (i = 0; i < count; i++)
    {
        clients[i].link = &link;
        clients[i].target = "localhost";
        clients[i].cred = &nocache_cred;
        handshake(&clients[i], TRUE, TRUE, NULL);
    }
    printf("ctxmem ours %.0f\n", (double)(private_bytes() - before) / count);
    for (i = 0; i < count; i++) DeleteSecurityContext(&clients[i].ctx);

    free(clients);
    free(names);
}

static void report(const char *figure, const char *client, double value)
{
    printf("%s %s %.3f\n", figure, client, value);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    const char *sspi = "sspi";
    double wall;
    int i;

    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--tls12")) tls12 = TRUE;
        else if (!strcmp(argv[i], "--rsa")) rsa = TRUE;
        else if (!strcmp(argv[i], "--no-raw")) no_raw = TRUE;
        else if (!strcmp(argv[i], "--threads")) threads = TRUE;
        else if (!strcmp(argv[i], "--label") && i + 1 < argc) sspi = argv[++i];
        else if (!strcmp(argv[i], "--profile") && i + 1 < argc) only = argv[++i];
        else { fprintf(stderr, "usage: tls-bench [--tls12] [--rsa] [--no-raw] [--threads] [--label NAME] [--profile [raw-]FIGURE]\n"); return 2; }
    }
#ifdef __x86_64__
    thread_clock = GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != NULL;
#endif
    server_setup();
    sspi_setup();

    if (only)
    {
        BOOL sspi_client = strncmp(only, "raw-", 4) != 0;
        const char *figure = sspi_client ? only : only + 4;
        if (!strcmp(figure, "full")) report(only, sspi, handshakes(sspi_client, FALSE, 2000, NULL));
        else if (!strcmp(figure, "resume")) report(only, sspi, handshakes(sspi_client, TRUE, 20000, NULL));
        else if (!strcmp(figure, "enc16k")) report(only, sspi, records(sspi_client, FALSE, 16384, 1 << 16));
        else if (!strcmp(figure, "dec16k")) report(only, sspi, records(sspi_client, TRUE, 16384, 1 << 16));
        else if (!strcmp(figure, "enc64")) report(only, sspi, records(sspi_client, FALSE, 64, 1 << 20));
        else if (!strcmp(figure, "dec64")) report(only, sspi, records(sspi_client, TRUE, 64, 1 << 20));
        return 0;
    }
    if (threads)
    {
        double cpu;

        threaded(1, 10, &cpu);
        report("mt1", sspi, threaded(1, 100, &cpu));
        report("mt1cpu", sspi, cpu);
        report("mt2", sspi, threaded(2, 100, &cpu));
        report("mt2cpu", sspi, cpu);
        memory(200);
        return 0;
    }
    /* Each figure: the SSPI client, then the raw one, so that neither gets the machine's better moments. */
    report("full", sspi, handshakes(TRUE, FALSE, 100, &wall));
    report("wall", sspi, wall);
    if (!no_raw) report("full", "raw", handshakes(FALSE, FALSE, 100, &wall));
    if (!no_raw) report("wall", "raw", wall);
    if (strcmp(sspi, "builtin")) report("resume", sspi, handshakes(TRUE, TRUE, 200, NULL));
    if (!no_raw) report("resume", "raw", handshakes(FALSE, TRUE, 200, NULL));
    report("enc16k", sspi, records(TRUE, FALSE, 16384, 1024));
    if (!no_raw) report("enc16k", "raw", records(FALSE, FALSE, 16384, 1024));
    report("dec16k", sspi, records(TRUE, TRUE, 16384, 1024));
    if (!no_raw) report("dec16k", "raw", records(FALSE, TRUE, 16384, 1024));
    report("enc64", sspi, records(TRUE, FALSE, 64, 16384));
    if (!no_raw) report("enc64", "raw", records(FALSE, FALSE, 64, 16384));
    report("dec64", sspi, records(TRUE, TRUE, 64, 16384));
    if (!no_raw) report("dec64", "raw", records(FALSE, TRUE, 64, 16384));
    return 0;
}
