/*
 * Fuzzes InitializeSecurityContext and AcceptSecurityContext with mutated handshake flights of real
 * handshakes between our client and server, TLS 1.2, TLS 1.3 and DTLS 1.2: each iteration runs a
 * new handshake and mutates the input of one step (the ClientHello into ASC, the server's flight
 * into ISC, the client's last flight into ASC, ...).  Every step's status must come from the
 * documented set; after SEC_E_INCOMPLETE_MESSAGE the unmodified flight must still be accepted and
 * the handshake finish; a handshake that both ends finish must carry a record each way exactly;
 * and every few iterations an unmodified handshake must still succeed on the same credentials.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"
#include "fuzz_support.h"

#include "wine/test.h"
#include "test_support.h"

static const SECURITY_STATUS step_statuses[] =
{
    SEC_E_OK, SEC_I_CONTINUE_NEEDED, SEC_E_INCOMPLETE_MESSAGE, SEC_E_ILLEGAL_MESSAGE, SEC_E_INVALID_TOKEN,
    SEC_E_DECRYPT_FAILURE, SEC_E_MESSAGE_ALTERED, SEC_E_ALGORITHM_MISMATCH, SEC_E_UNSUPPORTED_FUNCTION,
    SEC_E_INTERNAL_ERROR, SEC_E_CERT_UNKNOWN, SEC_E_INVALID_PARAMETER, SEC_E_CONTEXT_EXPIRED, SEC_I_CONTEXT_EXPIRED,
    SEC_I_INCOMPLETE_CREDENTIALS, SEC_E_APPLICATION_PROTOCOL_MISMATCH,
};

static PCCERT_CONTEXT cert;
static struct fuzz_run run;

struct attempt
{
    const char *target;
    ULONG iteration;
    struct fuzz_rng *rng;     /* NULL: no mutation */
    ULONG flight;             /* the step whose input is mutated */
    SIZE_T header;
    struct fuzz_tally *tally;
    ULONG flights;            /* steps with input that ran */
    BOOL mutated;
};

static BOOL waiting(const struct peer *peer)
{
    return peer->status == SEC_I_CONTINUE_NEEDED || peer->status == SEC_E_INCOMPLETE_MESSAGE;
}

/* The receiver's step, its input mutated when this is the chosen flight. */
static void step(struct attempt *attempt, struct peer *receiver, struct peer *sender)
{
    static BYTE original[32768], splice[32768];
    static SIZE_T splice_size;
    SIZE_T original_size = receiver->in_size;
    SECURITY_STATUS status;

    if (attempt->flights++ != attempt->flight || !attempt->rng)
    {
        /* Real traffic of the unmutated steps, to splice from. */
        if (!attempt->mutated && receiver->in_size) memcpy(splice, receiver->in, splice_size = receiver->in_size);
        status = step_peer(receiver, sender, receiver->server ? NULL : "localhost");
        if (attempt->mutated)
        {
            fuzz_count(attempt->tally, status);
            fuzz_ok(fuzz_status_in(status, step_statuses, ARRAYSIZE(step_statuses)),
                    "%s %lu: a later step: %#lx\n", attempt->target, attempt->iteration, status);
        }
        return;
    }
    memcpy(original, receiver->in, original_size);
    fuzz_trying(&run, attempt->target, attempt->iteration, receiver->in, receiver->in_size);
    if (run.replay) memcpy(receiver->in, run.replay, receiver->in_size = min(run.replay_size, sizeof(receiver->in)));
    else fuzz_mutate(attempt->rng, receiver->in, &receiver->in_size, sizeof(receiver->in), attempt->header, splice,
                     splice_size);
    attempt->mutated = TRUE;
    fuzz_trying(&run, attempt->target, attempt->iteration, receiver->in, receiver->in_size);
    status = step_peer(receiver, sender, receiver->server ? NULL : "localhost");
    fuzz_count(attempt->tally, status);
    fuzz_ok(fuzz_status_in(status, step_statuses, ARRAYSIZE(step_statuses)), "%s %lu: flight %lu: %#lx\n",
            attempt->target, attempt->iteration, attempt->flight, status);
    if (status == SEC_E_INCOMPLETE_MESSAGE)
    {
        /* Nothing was taken: the unmodified flight goes on as if nothing had happened. */
        memcpy(receiver->in, original, receiver->in_size = original_size);
        status = step_peer(receiver, sender, receiver->server ? NULL : "localhost");
        fuzz_ok(status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED, "%s %lu: unmodified flight %lu after "
                "SEC_E_INCOMPLETE_MESSAGE: %#lx\n", attempt->target, attempt->iteration, attempt->flight, status);
        attempt->mutated = FALSE;
    }
}

/* A record each way must arrive exactly, or be refused. */
static BOOL records_each_way(struct peer *client, struct peer *server)
{
    static const char ping[] = "ping from the client", pong[] = "pong from the server";
    struct peer *from[2] = { client, server }, *to[2] = { server, client };
    const char *data[2] = { ping, pong };
    SecBuffer bufs[4];
    BOOL good = TRUE;
    int i;

    if (receive_records(client, server, "localhost") != SEC_E_OK) return FALSE;
    for (i = 0; i < 2; i++)
    {
        to[i]->in_size = 0;
        if (send_message(from[i], to[i], data[i], sizeof(ping)) != SEC_E_OK) return FALSE;
        if (decrypt_received(to[i], bufs) != SEC_E_OK) good = FALSE;
        else fuzz_ok(bufs[1].BufferType == SECBUFFER_DATA && bufs[1].cbBuffer == sizeof(ping) &&
                     !memcmp(bufs[1].pvBuffer, data[i], sizeof(ping)), "records after a handshake differ\n");
    }
    return good;
}

/* A handshake on new contexts; TRUE when both ends finished and records pass. */
static BOOL handshake(struct attempt *attempt, struct peer *client, struct peer *server)
{
    int round;

    if (client->has_ctx) DeleteSecurityContext(&client->ctx);
    if (server->has_ctx) DeleteSecurityContext(&server->ctx);
    client->has_ctx = server->has_ctx = FALSE;
    client->in_size = server->in_size = 0;
    client->status = server->status = SEC_I_CONTINUE_NEEDED;
    attempt->flights = 0;
    attempt->mutated = FALSE;

    step_peer(client, server, "localhost");
    for (round = 0; round < 32; round++)
    {
        BOOL moved = FALSE;
        if (waiting(server) && server->in_size) { step(attempt, server, client); moved = TRUE; }
        if (waiting(client) && client->in_size) { step(attempt, client, server); moved = TRUE; }
        if (!moved) break;
    }
    fuzz_trying(&run, NULL, 0, NULL, 0);
    return client->status == SEC_E_OK && server->status == SEC_E_OK && records_each_way(client, server);
}

static void fuzz_protocol(const struct fuzz_protocol *protocol)
{
    struct attempt attempt = { 0 };
    struct fuzz_tally tally = { 0 };
    ULONG i, flights, finished = 0;
    struct peer client, server;
    struct fuzz_rng rng;
    char target[64];

    sprintf(target, "flights %s", protocol->name);
    if (!fuzz_wants(&run, target)) return;
    /* No reconnects: every handshake is a full one, with the same flights. */
    acquire_peer(&client, FALSE, protocol->protocols & (CLIENT_PROTOCOLS | SP_PROT_DTLS1_X_CLIENT), NULL);
    acquire_server(&server, protocol->protocols & (SERVER_PROTOCOLS | SP_PROT_DTLS1_X_SERVER), SCH_CRED_DISABLE_RECONNECTS,
                   cert);
    client.extra_req = protocol->client_req;
    server.extra_req = protocol->server_req;
    attempt.target = target;
    attempt.header = protocol->header;
    attempt.tally = &tally;

    ok(handshake(&attempt, &client, &server), "%s: unmodified handshake\n", target);
    flights = attempt.flights;
    for (i = run.first; i < run.first + run.iterations; i++)
    {
        fuzz_seed(&rng, &run, target, i);
        attempt.rng = &rng;
        attempt.iteration = i;
        attempt.flight = fuzz_below(&rng, flights);
        if (handshake(&attempt, &client, &server)) finished++;
        if (i % 16 == 15)
        {
            attempt.rng = NULL;
            ok(handshake(&attempt, &client, &server), "%s %lu: unmodified handshake\n", target, i);
        }
    }
    trace("%s: %lu flights; %s; %lu finished\n", target, flights, fuzz_tally_text(&tally), finished);
    release_peer(&client);
    release_peer(&server);
}

START_TEST(fuzz_handshake)
{
    int i;

    if (!(cert = start_server_tests())) return;
    fuzz_setup(&run, 100);
    for (i = 0; i < ARRAYSIZE(fuzz_protocols); i++) fuzz_protocol(&fuzz_protocols[i]);
    free_test_certificate(cert);
}
