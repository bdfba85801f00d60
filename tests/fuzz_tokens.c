/*
 * Fuzzes the hosted packages' logins: NTLM (Wine's msv1_0 over ntlm_auth) and Negotiate (ours, in
 * SPNEGO, over it).  Each iteration runs a new login between our client and server up to one step
 * and mutates that step's real input token: the client's first token into the server's
 * AcceptSecurityContext, the server's challenge into the client's InitializeSecurityContext, or the
 * client's authenticate message into the server's second step.  Every status must come from the
 * documented set (docs/windows-behaviour.md, "Hosted packages and Negotiate"); after a refused
 * first token the unmodified token is still accepted by a new server context; and every few
 * iterations an unmodified login must still succeed on the same credentials.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "login_support.h"
#include "fuzz_support.h"

#include "wine/test.h"
#include "test_support.h"

static const SECURITY_STATUS step_statuses[] =
{
    SEC_E_OK, SEC_I_CONTINUE_NEEDED, SEC_E_INVALID_TOKEN, SEC_E_LOGON_DENIED, SEC_E_INTERNAL_ERROR,
    SEC_E_BUFFER_TOO_SMALL, SEC_E_INVALID_HANDLE,
};

static WCHAR user[] = L"testuser", domain[] = L"WORKGROUP", password[] = L"testpass";
static struct fuzz_run run;

/* The steps whose input is mutated, by the side that receives it. */
static const char *const step_names[] = { "first token", "challenge", "authenticate" };

struct pair
{
    struct login_side *client, *server;
};

/* Runs the login up to STEP: the side that takes STEP's token has taken the ones before. */
static BOOL run_until(struct pair *pair, ULONG step)
{
    login_drop_context(pair->client);
    login_drop_context(pair->server);
    if (login_step(pair->client, FALSE, NULL, 0) != SEC_I_CONTINUE_NEEDED) return FALSE;
    if (!step) return TRUE;
    if (login_step(pair->server, TRUE, pair->client->token, pair->client->token_size) != SEC_I_CONTINUE_NEEDED)
        return FALSE;
    if (step == 1) return TRUE;
    return login_step(pair->client, FALSE, pair->server->token, pair->server->token_size) == SEC_E_OK;
}

/* STEP's real token, and the side that takes it. */
static struct login_side *receiver(struct pair *pair, ULONG step, const BYTE **token, ULONG *size)
{
    struct login_side *sender = step == 1 ? pair->server : pair->client;

    *token = sender->token;
    *size = sender->token_size;
    return step == 1 ? pair->client : pair->server;
}

static void fuzz_package(const WCHAR *package)
{
    static BYTE original[4096], mutated[4096], previous[4096];
    SIZE_T original_size, mutated_size, previous_size = 0;
    struct pair pair;
    struct fuzz_tally tally[ARRAYSIZE(step_names)] = { { 0 } };
    struct fuzz_rng rng;
    char target[64];
    const BYTE *token;
    ULONG i, step, size, failures = 0;

    sprintf(target, "tokens %ls", package);
    if (!fuzz_wants(&run, target)) return;
    pair.client = calloc(1, sizeof(*pair.client));
    pair.server = calloc(1, sizeof(*pair.server));
    ok(login_acquire(pair.client, package, FALSE, user, domain, password) == SEC_E_OK, "%s: client credentials\n", target);
    ok(login_acquire(pair.server, package, TRUE, NULL, NULL, NULL) == SEC_E_OK, "%s: server credentials\n", target);

    for (i = run.first; i < run.first + run.iterations && failures < 5; i++)
    {
        struct login_side *side;
        SECURITY_STATUS status;

        fuzz_seed(&rng, &run, target, i);
        step = fuzz_below(&rng, ARRAYSIZE(step_names));
        /* Every 8th login goes unmodified, through to the end. */
        if (!(i % 8))
        {
            ok(run_until(&pair, 2), "%s %lu: unmodified login to the last step\n", target, i);
            status = login_step(pair.server, TRUE, pair.client->token, pair.client->token_size);
            ok(status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED, "%s %lu: unmodified login: %#lx\n", target, i,
               status);
            continue;
        }
        if (!run_until(&pair, step))
        {
            ok(0, "%s %lu: login up to the %s failed\n", target, i, step_names[step]);
            break;
        }
        side = receiver(&pair, step, &token, &size);
        original_size = min(size, sizeof(original));
        memcpy(original, token, original_size);
        memcpy(mutated, original, mutated_size = original_size);
        fuzz_trying(&run, target, i, mutated, mutated_size);
        if (run.replay) memcpy(mutated, run.replay, mutated_size = min(run.replay_size, sizeof(mutated)));
        else fuzz_mutate(&rng, mutated, &mutated_size, sizeof(mutated), 0, previous, previous_size);
        fuzz_trying(&run, target, i, mutated, mutated_size);
        status = login_step(side, side == pair.server, mutated, mutated_size);
        fuzz_trying(&run, NULL, i, NULL, 0);
        fuzz_count(&tally[step], status);
        if (!fuzz_status_in(status, step_statuses, ARRAYSIZE(step_statuses)))
        {
            fuzz_ok(0, "%s %lu: %s of %Iu bytes: status %#lx\n", target, i, step_names[step], mutated_size, status);
            failures++;
        }
        /* A refused first token leaves nothing behind: a new server context takes the real one. */
        if (!step && status != SEC_I_CONTINUE_NEEDED && status != SEC_E_OK)
        {
            login_drop_context(pair.server);
            status = login_step(pair.server, TRUE, original, original_size);
            ok(status == SEC_I_CONTINUE_NEEDED, "%s %lu: unmodified first token after a refused one: %#lx\n",
               target, i, status);
        }
        memcpy(previous, original, previous_size = original_size);
    }
    for (step = 0; step < ARRAYSIZE(step_names); step++)
        trace("%s, %s: %s\n", target, step_names[step], fuzz_tally_text(&tally[step]));
    login_release(pair.client);
    login_release(pair.server);
    free(pair.client);
    free(pair.server);
}

START_TEST(fuzz_tokens)
{
    if (!login_ntlm_present())
    {
        skip("no NTLM package (ntlm_auth missing?)\n");
        return;
    }
    fuzz_setup(&run, 24);
    fuzz_package(L"NTLM");
    fuzz_package(L"Negotiate");
}
