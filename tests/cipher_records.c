/*
 * Records under each AEAD suite of TLS 1.2 and 1.3 (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305),
 * both ways, in curl's layout (one block, a header of cbHeader bytes) and in three separate buffers,
 * the two layouts in turn: every record is exactly cbHeader + data + cbTrailer bytes, and the peer
 * reads each in order, so neither layout's records lose the other's place in the sequence.
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

struct suite
{
    const char *name;
    DWORD protocol;             /* SP_PROT_* of both sides */
    DWORD id;                   /* what SECPKG_ATTR_CIPHER_INFO gives */
    const WCHAR *disabled;      /* the client's disabled cipher (SCH_CREDENTIALS), or NULL */
    DWORD disabled_bits;        /* its key length, 0 for every length */
};

static const struct suite suites[] =
{
    { "TLS 1.2 AES-256-GCM", SP_PROT_TLS1_2, 0xc030 },
    { "TLS 1.2 AES-128-GCM", SP_PROT_TLS1_2, 0xc02f, L"AES", 256 },
    { "TLS 1.2 ChaCha20-Poly1305", SP_PROT_TLS1_2, 0xcca8, L"AES" },
    { "TLS 1.3 AES-256-GCM", SP_PROT_TLS1_3, 0x1302 },
    { "TLS 1.3 AES-128-GCM", SP_PROT_TLS1_3, 0x1301, L"AES", 256 },
    { "TLS 1.3 ChaCha20-Poly1305", SP_PROT_TLS1_3, 0x1303, L"AES" },
};

static const SIZE_T sizes[] = { 1, 64, 1000, 16384, 17, 4096 };

/* A client whose SCH_CREDENTIALS turn SUITE's disabled cipher off; ChaCha20 goes too where AES-256 is
 * the one disabled, so that AES-128 is what remains. */
static BOOL acquire_suite_client(struct peer *client, const struct suite *suite)
{
    static WCHAR chacha[] = L"CHACHA20_POLY1305";
    CRYPTO_SETTINGS disabled[2] = { { TlsParametersCngAlgUsageCipher }, { TlsParametersCngAlgUsageCipher } };
    TLS_PARAMETERS params = { 0 };
    SCH_CREDENTIALS auth = { SCH_CREDENTIALS_VERSION };
    WCHAR name[32];

    memset(client, 0, sizeof(*client));
    client->status = SEC_I_CONTINUE_NEEDED;
    auth.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    auth.cTlsParameters = 1;
    auth.pTlsParameters = &params;
    params.grbitDisabledProtocols = ~(suite->protocol & CLIENT_PROTOCOLS) & CLIENT_PROTOCOLS;
    if (suite->disabled)
    {
        lstrcpyW(name, suite->disabled);
        disabled[0].strCngAlgId.Buffer = name;
        disabled[0].strCngAlgId.Length = disabled[0].strCngAlgId.MaximumLength = lstrlenW(name) * sizeof(WCHAR);
        disabled[0].dwMinBitLength = disabled[0].dwMaxBitLength = suite->disabled_bits;
        disabled[1].strCngAlgId.Buffer = chacha;
        disabled[1].strCngAlgId.Length = disabled[1].strCngAlgId.MaximumLength = lstrlenW(chacha) * sizeof(WCHAR);
        params.cDisabledCrypto = suite->disabled_bits ? 2 : 1;
        params.pDisabledCrypto = disabled;
    }
    return AcquireCredentialsHandleA(NULL, (SEC_CHAR *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &auth, NULL, NULL,
                                     &client->cred, NULL) == SEC_E_OK;
}

/* Encrypts SIZE bytes of PATTERN from FROM, in one block or in three, and hands the record to TO. */
static void send_record(struct peer *from, struct peer *to, const BYTE *pattern, SIZE_T size, BOOL one_block,
                        const char *name)
{
    static BYTE block[16384 + 256], header[64], data[16384], trailer[64];
    SecPkgContext_StreamSizes stream;
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;
    BYTE *record;

    QueryContextAttributesA(&from->ctx, SECPKG_ATTR_STREAM_SIZES, &stream);
    bufs[0].BufferType = SECBUFFER_STREAM_HEADER; bufs[0].cbBuffer = stream.cbHeader;
    bufs[1].BufferType = SECBUFFER_DATA; bufs[1].cbBuffer = size;
    bufs[2].BufferType = SECBUFFER_STREAM_TRAILER; bufs[2].cbBuffer = stream.cbTrailer;
    bufs[3].BufferType = SECBUFFER_EMPTY; bufs[3].pvBuffer = NULL; bufs[3].cbBuffer = 0;
    bufs[0].pvBuffer = one_block ? block : header;
    bufs[1].pvBuffer = one_block ? block + stream.cbHeader : data;
    bufs[2].pvBuffer = one_block ? block + stream.cbHeader + size : trailer;
    memcpy(bufs[1].pvBuffer, pattern, size);
    status = EncryptMessage(&from->ctx, 0, &desc, 0);
    ok(status == SEC_E_OK, "%s: encrypt %u bytes: %#lx\n", name, (unsigned)size, status);
    ok(bufs[0].cbBuffer == stream.cbHeader && bufs[1].cbBuffer == size && bufs[2].cbBuffer == stream.cbTrailer,
       "%s: %u bytes came out as %lu + %lu + %lu\n", name, (unsigned)size, bufs[0].cbBuffer, bufs[1].cbBuffer,
       bufs[2].cbBuffer);
    record = bufs[0].pvBuffer;
    ok(record[0] == 0x17 && record[1] == 3 && record[2] == 3 &&
       (record[3] << 8 | record[4]) == stream.cbHeader - 5 + size + stream.cbTrailer,
       "%s: record header %02x %02x%02x %02x%02x\n", name, record[0], record[1], record[2], record[3], record[4]);
    memcpy(to->in + to->in_size, bufs[0].pvBuffer, bufs[0].cbBuffer);
    memcpy(to->in + to->in_size + bufs[0].cbBuffer, bufs[1].pvBuffer, bufs[1].cbBuffer);
    memcpy(to->in + to->in_size + bufs[0].cbBuffer + bufs[1].cbBuffer, bufs[2].pvBuffer, bufs[2].cbBuffer);
    to->in_size += bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer;
}

static void receive_record(struct peer *to, const BYTE *pattern, SIZE_T size, const char *name)
{
    SecBuffer bufs[4];
    SECURITY_STATUS status = decrypt_received(to, bufs);

    ok(status == SEC_E_OK && bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == size &&
       !memcmp(bufs[1].pvBuffer, pattern, size), "%s: decrypt %u bytes: %#lx, %lu bytes\n", name, (unsigned)size,
       status, bufs[1].cbBuffer);
    ok(bufs[3].BufferType == SECBUFFER_EMPTY, "%s: %lu bytes left over\n", name, bufs[3].cbBuffer);
    to->in_size = 0;
}

static void test_suite(const struct suite *suite)
{
    static BYTE pattern[16384 + 2 * ARRAY_SIZE(sizes)];
    SecPkgContext_CipherInfo info;
    struct peer client, server;
    char name[96];
    unsigned i, way;

    for (i = 0; i < sizeof(pattern); i++) pattern[i] = i * 13 + 5;
    acquire_peer(&server, TRUE, suite->protocol & SERVER_PROTOCOLS, cert);
    if (!acquire_suite_client(&client, suite) || !run_handshake(&client, &server, "localhost") ||
        receive_records(&client, &server, "localhost") != SEC_E_OK)
    {
        ok(0, "%s: no connection\n", suite->name);
        release_peer(&client);
        release_peer(&server);
        return;
    }
    ok(QueryContextAttributesA(&client.ctx, SECPKG_ATTR_CIPHER_INFO, &info) == SEC_E_OK && info.dwCipherSuite == suite->id,
       "%s: suite %#lx\n", suite->name, info.dwCipherSuite);
    for (way = 0; way < 2; way++)
    {
        struct peer *from = way ? &server : &client, *to = way ? &client : &server;

        for (i = 0; i < 2 * ARRAY_SIZE(sizes); i++)
        {
            SIZE_T size = sizes[i / 2];
            sprintf(name, "%s, %s, record %u (%s)", suite->name, way ? "server" : "client", i,
                    i % 2 ? "three buffers" : "one block");
            send_record(from, to, pattern + i, size, !(i % 2), name);
            receive_record(to, pattern + i, size, name);
        }
    }
    release_peer(&client);
    release_peer(&server);
}

/* Past 2^24 TLS 1.3 records under one key (where GnuTLS on its own would send a KeyUpdate in front of
 * the next record, which EncryptMessage's one record in cbHeader + data + cbTrailer cannot hold),
 * records go on as before: each exactly that size, each read by the peer as data.  The records
 * around the count are written in three buffers, by GnuTLS itself. */
static void test_record_count(void)
{
    static const ULONG count = (1 << 24) + 4, edge = (1 << 24) - 16;
    SecPkgContext_StreamSizes stream;
    struct peer client, server;
    BYTE block[64], header[64], data[1], trailer[64];
    SecBuffer bufs[4];
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status = SEC_E_OK;
    ULONG i, wrong = 0;

    if (!connect_peers(&client, &server, SP_PROT_TLS1_3, cert)) { ok(0, "no connection\n"); return; }
    QueryContextAttributesA(&client.ctx, SECPKG_ATTR_STREAM_SIZES, &stream);
    for (i = 0; i < count && status == SEC_E_OK; i++)
    {
        BOOL apart = i >= edge;
        BYTE *record = apart ? header : block, *plain = apart ? data : block + stream.cbHeader;

        *plain = i;
        bufs[0].BufferType = SECBUFFER_STREAM_HEADER; bufs[0].pvBuffer = record; bufs[0].cbBuffer = stream.cbHeader;
        bufs[1].BufferType = SECBUFFER_DATA; bufs[1].pvBuffer = plain; bufs[1].cbBuffer = 1;
        bufs[2].BufferType = SECBUFFER_STREAM_TRAILER; bufs[2].pvBuffer = apart ? trailer : plain + 1;
        bufs[2].cbBuffer = stream.cbTrailer;
        bufs[3].BufferType = SECBUFFER_EMPTY; bufs[3].pvBuffer = NULL; bufs[3].cbBuffer = 0;
        if ((status = EncryptMessage(&client.ctx, 0, &desc, 0)) != SEC_E_OK) break;
        if (bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer != stream.cbHeader + 1 + stream.cbTrailer) wrong++;
        if (apart)
        {
            memcpy(block, header, stream.cbHeader);
            block[stream.cbHeader] = *data;
            memcpy(block + stream.cbHeader + 1, trailer, stream.cbTrailer);
        }
        bufs[0].BufferType = SECBUFFER_DATA; bufs[0].pvBuffer = block;
        bufs[0].cbBuffer = stream.cbHeader + 1 + stream.cbTrailer;
        bufs[1].BufferType = bufs[2].BufferType = bufs[3].BufferType = SECBUFFER_EMPTY;
        if ((status = DecryptMessage(&server.ctx, &desc, 0, NULL)) != SEC_E_OK) break;
        if (bufs[1].cbBuffer != 1 || *(BYTE *)bufs[1].pvBuffer != (BYTE)i) wrong++;
    }
    ok(status == SEC_E_OK && i == count, "record %lu: %#lx\n", i, status);
    ok(!wrong, "%lu records were not what was sent\n", wrong);
    release_peer(&client);
    release_peer(&server);
}

START_TEST(cipher_records)
{
    unsigned i;

    if (!(cert = start_server_tests())) return;
    for (i = 0; i < ARRAY_SIZE(suites); i++) test_suite(&suites[i]);
    test_record_count();
    free_test_certificate(cert);
}
