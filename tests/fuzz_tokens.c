/*
 * Fuzzes the hosted packages' logins: NTLM (Wine's msv1_0 over ntlm_auth), Negotiate (ours, in
 * SPNEGO, over it) and, with the test KDC of tests/kerberos-kdc.sh, Kerberos (Wine's kerberos.dll
 * over MIT Kerberos).  Each iteration runs a new login between our client and server up to one step
 * and mutates that step's real input token: the client's first token into the server's
 * AcceptSecurityContext, the server's answer (NTLM's challenge, Kerberos' AP-REP) into the client's
 * InitializeSecurityContext, NTLM's authenticate message into the server's second step.  Every
 * status must come from the documented set (docs/windows-behaviour.md, "Hosted packages and
 * Negotiate"); after a refused first token the unmodified token is still accepted by a new server
 * context; and every few iterations an unmodified login must still succeed on the same credentials.
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
    /* Wine's kerberos.dll's names for GSS-API's major statuses (its unixlib.c). */
    SEC_E_MESSAGE_ALTERED, SEC_E_OUT_OF_SEQUENCE, SEC_E_CONTEXT_EXPIRED, SEC_E_SECPKG_NOT_FOUND,
    SEC_E_NO_CREDENTIALS,
};
static const ULONG ntlm_statuses = 7;

static WCHAR user[] = L"testuser", domain[] = L"WORKGROUP", password[] = L"testpass";
static WCHAR kerberos_target[64];
static struct fuzz_run run;

/* The tokens mutated, in the order of the login: the client's first, then the other side's
 * answer, and so on; even steps go to the server. */
struct package
{
    const WCHAR *name;
    const char *steps[3];
    ULONG count;
    BOOL kerberos;
};
static const struct package packages[] =
{
    { L"NTLM", { "negotiate", "challenge", "authenticate" }, 3 },
    { L"Negotiate", { "NegTokenInit", "challenge", "authenticate" }, 3 },
    { L"Kerberos", { "AP-REQ", "AP-REP" }, 2, TRUE },
};

struct pair
{
    struct login_side *client, *server;
};

/* STEP's real token, and the side that takes it. */
static struct login_side *receiver(struct pair *pair, ULONG step, const BYTE **token, ULONG *size)
{
    struct login_side *sender = step % 2 ? pair->server : pair->client;

    *token = sender->token;
    *size = sender->token_size;
    return step % 2 ? pair->client : pair->server;
}

/* Runs a new login up to STEP: the side that takes STEP's token has taken the ones before. */
static BOOL run_until(struct pair *pair, ULONG step)
{
    const BYTE *token;
    ULONG k, size;

    login_drop_context(pair->client);
    login_drop_context(pair->server);
    if (login_step(pair->client, FALSE, NULL, 0) != SEC_I_CONTINUE_NEEDED) return FALSE;
    for (k = 0; k < step; k++)
    {
        struct login_side *side = receiver(pair, k, &token, &size);
        if (FAILED(login_step(side, side == pair->server, token, size)) || !side->token_size) return FALSE;
    }
    return TRUE;
}

static BOOL acquire(struct pair *pair, const struct package *package)
{
    if (!package->kerberos)
        return login_acquire(pair->client, package->name, FALSE, user, domain, password) == SEC_E_OK &&
               login_acquire(pair->server, package->name, TRUE, NULL, NULL, NULL) == SEC_E_OK;
    /* The ticket cache's user, the keytab's service, as tests/kerberos.exe logs in. */
    if (login_acquire(pair->client, package->name, FALSE, NULL, NULL, NULL) != SEC_E_OK ||
        login_acquire(pair->server, package->name, TRUE, NULL, NULL, NULL) != SEC_E_OK)
        return FALSE;
    pair->client->target = kerberos_target;
    pair->client->req |= ISC_REQ_MUTUAL_AUTH;
    pair->server->req |= ASC_REQ_MUTUAL_AUTH;
    return TRUE;
}

static void fuzz_package(const struct package *package)
{
    static BYTE original[4096], mutated[4096], previous[4096];
    SIZE_T original_size, mutated_size, previous_size = 0;
    struct pair pair;
    struct fuzz_tally tally[ARRAYSIZE(package->steps)] = { { 0 } };
    struct fuzz_rng rng;
    char target[64];
    const BYTE *token;
    ULONG i, step, size, failures = 0;

    sprintf(target, "tokens %ls", package->name);
    if (!fuzz_wants(&run, target)) return;
    if (package->kerberos && !GetEnvironmentVariableW(L"SECUR32_KRB5_SERVICE", kerberos_target, ARRAYSIZE(kerberos_target)))
    {
        trace("%s: no test KDC (tests/kerberos-kdc.sh runs this target)\n", target);
        return;
    }
    pair.client = calloc(1, sizeof(*pair.client));
    pair.server = calloc(1, sizeof(*pair.server));
    ok(acquire(&pair, package), "%s: credentials\n", target);

    for (i = run.first; i < run.first + run.iterations && failures < 5; i++)
    {
        struct login_side *side;
        SECURITY_STATUS status;

        fuzz_seed(&rng, &run, target, i);
        step = fuzz_below(&rng, package->count);
        /* Every 8th login goes unmodified, through to the end. */
        if (!(i % 8))
        {
            ok(run_until(&pair, package->count - 1), "%s %lu: unmodified login to the last step\n", target, i);
            side = receiver(&pair, package->count - 1, &token, &size);
            status = login_step(side, side == pair.server, token, size);
            ok(status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED, "%s %lu: unmodified login: %#lx\n", target, i,
               status);
            continue;
        }
        if (!run_until(&pair, step))
        {
            ok(0, "%s %lu: login up to the %s failed\n", target, i, package->steps[step]);
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
        if (!fuzz_status_in(status, step_statuses, package->kerberos ? ARRAYSIZE(step_statuses) : ntlm_statuses))
        {
            fuzz_ok(0, "%s %lu: %s of %Iu bytes: status %#lx\n", target, i, package->steps[step], mutated_size, status);
            failures++;
        }
        /* A refused first token leaves nothing behind: a new server context takes the real one. */
        if (!step && FAILED(status))
        {
            login_drop_context(pair.server);
            status = login_step(pair.server, TRUE, original, original_size);
            ok(status == (package->kerberos ? SEC_E_OK : SEC_I_CONTINUE_NEEDED),
               "%s %lu: unmodified first token after a refused one: %#lx\n", target, i, status);
        }
        memcpy(previous, original, previous_size = original_size);
    }
    for (step = 0; step < package->count; step++)
        trace("%s, %s: %s\n", target, package->steps[step], fuzz_tally_text(&tally[step]));
    login_release(pair.client);
    login_release(pair.server);
    free(pair.client);
    free(pair.server);
}

START_TEST(fuzz_tokens)
{
    int i;

    if (!login_ntlm_present())
    {
        skip("no NTLM package (ntlm_auth missing?)\n");
        return;
    }
    fuzz_setup(&run, 24);
    for (i = 0; i < ARRAYSIZE(packages); i++) fuzz_package(&packages[i]);
}
