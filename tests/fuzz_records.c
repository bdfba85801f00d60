/*
 * Fuzzes DecryptMessage with mutated records: each iteration the client encrypts a fresh message,
 * a copy of its record is mutated (bit flips, byte sets, truncation, extension, splices, record
 * header type/version/length, garbage) and given to the server.  Each status must come from the
 * documented set; SEC_E_OK must give exactly the plaintext sent; after SEC_E_INCOMPLETE_MESSAGE the
 * unmodified record must still be accepted; after a refusal the unmodified record is either
 * accepted (the context lived on, as DTLS's must) or refused, never read as other data.  A refused
 * connection is replaced by a reconnect on the same credentials, whose first record goes unmodified.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"
#include "fuzz_support.h"

#include "wine/test.h"
#include "test_support.h"

static const SECURITY_STATUS decrypt_statuses[] =
{
    SEC_E_OK, SEC_E_INCOMPLETE_MESSAGE, SEC_E_DECRYPT_FAILURE, SEC_E_ILLEGAL_MESSAGE, SEC_E_MESSAGE_ALTERED,
    SEC_E_INVALID_TOKEN, SEC_I_CONTEXT_EXPIRED, SEC_E_CONTEXT_EXPIRED, SEC_I_RENEGOTIATE,
};

static PCCERT_CONTEXT cert;
static struct fuzz_run run;

/* DecryptMessage over a private copy of DATA, so the call reads nothing beyond the input. */
static SECURITY_STATUS decrypt(struct peer *peer, const BYTE *data, SIZE_T size, BYTE *plain, SIZE_T *plain_size)
{
    BYTE *copy = HeapAlloc(GetProcessHeap(), 0, size ? size : 1);
    SecBuffer bufs[4] = { { size, SECBUFFER_DATA, copy } };
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;
    int i;

    memcpy(copy, data, size);
    status = DecryptMessage(&peer->ctx, &desc, 0, NULL);
    *plain_size = (SIZE_T)-1;
    for (i = 0; i < 4; i++)
        if (status == SEC_E_OK && bufs[i].BufferType == SECBUFFER_DATA && bufs[i].cbBuffer <= 16384)
        {
            *plain_size = bufs[i].cbBuffer;
            memcpy(plain, bufs[i].pvBuffer, bufs[i].cbBuffer);
        }
    HeapFree(GetProcessHeap(), 0, copy);
    return status;
}

static BOOL same(const BYTE *plain, SIZE_T plain_size, const BYTE *sent, SIZE_T sent_size)
{
    return plain_size == sent_size && !memcmp(plain, sent, sent_size);
}

/* A fresh record from the client to the server with SIZE bytes of RNG's making. */
static SECURITY_STATUS new_record(struct peer *client, struct peer *server, struct fuzz_rng *rng, BYTE *sent, SIZE_T size)
{
    SIZE_T i;

    for (i = 0; i < size; i++) sent[i] = (BYTE)fuzz_next(rng);
    server->in_size = 0;
    return send_message(client, server, sent, size);
}

static BOOL fresh_connection(struct peer *client, struct peer *server, const char *name, ULONG *connections)
{
    static const BYTE hello[] = "unmodified";
    BYTE plain[16384];
    SIZE_T plain_size;
    SECURITY_STATUS status;

    (*connections)++;
    if (!reconnect_peers(client, server)) { ok(0, "%s: no connection\n", name); return FALSE; }
    server->in_size = 0;
    send_message(client, server, hello, sizeof(hello));
    status = decrypt(server, server->in, server->in_size, plain, &plain_size);
    ok(status == SEC_E_OK && same(plain, plain_size, hello, sizeof(hello)), "%s: unmodified record: %#lx\n", name, status);
    return status == SEC_E_OK;
}

static void fuzz_protocol(const struct fuzz_protocol *protocol)
{
    static BYTE sent[600], original[1024], mutated[4096], previous[1024], plain[16384];
    SIZE_T original_size, mutated_size, previous_size = 0, plain_size;
    ULONG i, connections = 0, failures = 0;
    struct fuzz_tally tally = { 0 };
    struct peer client, server;
    SECURITY_STATUS status, again;
    struct fuzz_rng rng;
    char target[64];
    SIZE_T sent_size;

    sprintf(target, "records %s", protocol->name);
    if (!fuzz_wants(&run, target)) return;
    acquire_peer(&client, FALSE, protocol->protocols & (CLIENT_PROTOCOLS | SP_PROT_DTLS1_X_CLIENT), NULL);
    acquire_peer(&server, TRUE, protocol->protocols & (SERVER_PROTOCOLS | SP_PROT_DTLS1_X_SERVER), cert);
    client.extra_req = protocol->client_req;
    server.extra_req = protocol->server_req;
    if (!fresh_connection(&client, &server, target, &connections)) goto done;

    for (i = run.first; i < run.first + run.iterations && failures < 5; i++)
    {
        fuzz_seed(&rng, &run, target, i);
        /* Empty records too, over TLS (tests/records.c); DTLS's EncryptMessage needs a byte
         * (docs/windows-behaviour.md, "Empty records"). */
        sent_size = protocol->header == 13 ? 1 + fuzz_below(&rng, sizeof(sent) - 1) : fuzz_below(&rng, sizeof(sent));
        if ((status = new_record(&client, &server, &rng, sent, sent_size)) != SEC_E_OK)
        {
            ok(0, "%s %lu: EncryptMessage of %Iu bytes: %#lx\n", target, i, sent_size, status);
            break;
        }
        original_size = server.in_size;
        memcpy(original, server.in, original_size);
        mutated_size = original_size;
        memcpy(mutated, original, original_size);
        fuzz_trying(&run, target, i, mutated, mutated_size);
        if (run.replay) memcpy(mutated, run.replay, mutated_size = min(run.replay_size, sizeof(mutated)));
        else fuzz_mutate(&rng, mutated, &mutated_size, sizeof(mutated), protocol->header, previous, previous_size);

        fuzz_trying(&run, target, i, mutated, mutated_size);
        status = decrypt(&server, mutated, mutated_size, plain, &plain_size);
        fuzz_count(&tally, status);
        if (!fuzz_status_in(status, decrypt_statuses, ARRAYSIZE(decrypt_statuses)) ||
            (status == SEC_E_OK && !same(plain, plain_size, sent, sent_size)))
        {
            fuzz_ok(0, "%s %lu: status %#lx, %Id bytes of plaintext for %Iu sent\n", target, i, status,
                    plain_size, sent_size);
            failures++;
        }
        if (status != SEC_E_OK)
        {
            /* The unmodified record, once more on the same context. */
            again = decrypt(&server, original, original_size, plain, &plain_size);
            if (status == SEC_E_INCOMPLETE_MESSAGE || again == SEC_E_OK)
                fuzz_ok(again == SEC_E_OK && same(plain, plain_size, sent, sent_size),
                        "%s %lu: unmodified record after %#lx: %#lx\n", target, i, status, again);
            if (again != SEC_E_OK && !fresh_connection(&client, &server, target, &connections)) break;
        }
        fuzz_trying(&run, NULL, i, NULL, 0);
        memcpy(previous, original, previous_size = original_size);
    }
    trace("%s: %s, %lu connections\n", target, fuzz_tally_text(&tally), connections);
done:
    release_peer(&client);
    release_peer(&server);
}

START_TEST(fuzz_records)
{
    int i;

    if (!(cert = start_server_tests())) return;
    fuzz_setup(&run, 80);
    for (i = 0; i < ARRAYSIZE(fuzz_protocols); i++) fuzz_protocol(&fuzz_protocols[i]);
    free_test_certificate(cert);
}
