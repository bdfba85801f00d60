/*
 * Reconnects: which sessions Schannel keeps, under which keys, for how long, and when one may be
 * resumed.  The engine serializes sessions and recognises tickets; the session cache stores them;
 * this file holds Windows' rules between the two (see docs/windows-behaviour.md, "Reconnects"):
 *   - a client resumes only a session of the same credentials and the same target name;
 *   - a server resumes by session ID (TLS 1.2 and older) and by tickets, for its own credentials;
 *   - every entry made for a session shares the session's owner, whose flag the SCHANNEL_SESSION
 *     token switches, so disabling covers the session ID and every ticket issued for it;
 *   - a reconnect carries on its original session's owner, so a token on either connection
 *     applies to the session they share.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "cache/session_cache.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

/* Server entries share one scope per credential: a tag byte keeps session IDs and tickets apart. */
#define KEY_SESSION_ID 'I'
#define KEY_TICKET 'T'
#define MAX_KEY 64           /* a tag and a session ID (at most 32 bytes) or a ticket's SHA-256 */

void schan_session_settings(struct schan_credentials *creds, DWORD lifespan)
{
    static LONG64 next_serial;
    BOOL server = creds->use == SECPKG_CRED_INBOUND;
    struct schan_registry_cache settings;
    DWORD machine;

    creds->serial = InterlockedIncrement64(&next_serial);
    schan_registry_cache(&settings);
    session_cache_set_limit(server ? CACHE_SERVER : CACHE_CLIENT, settings.max_entries);
    machine = server ? settings.server_time : settings.client_time;
    /* A zero machine time turns the cache off; so does a lifespan of (DWORD)-1, as .NET uses it. */
    if (!machine || !settings.max_entries || lifespan == ~0u) creds->cache_lifetime = 0;
    else creds->cache_lifetime = lifespan ? lifespan : machine;
    TRACE("credentials %I64u: sessions cached for %lu ms\n", creds->serial, creds->cache_lifetime);
}

void schan_session_forget(struct schan_credentials *creds)
{
    session_cache_remove_scope(creds->use == SECPKG_CRED_INBOUND ? CACHE_SERVER : CACHE_CLIENT, creds->serial);
}

static void client_key(struct schan_context *ctx, struct cache_key *key)
{
    key->scope = ctx->creds->serial;
    key->data = (const BYTE *)ctx->cache_target;
    key->size = strlen(ctx->cache_target);
}

/* KEY_SESSION_ID or KEY_TICKET, then the bytes, in BUFFER. */
static BOOL server_key(struct schan_context *ctx, BYTE tag, const struct tls_blob *id, BYTE *buffer,
                       struct cache_key *key)
{
    if (id->size >= MAX_KEY) return FALSE;
    buffer[0] = tag;
    memcpy(buffer + 1, id->data, id->size);
    key->scope = ctx->creds->serial;
    key->data = buffer;
    key->size = id->size + 1;
    return TRUE;
}

/* The context takes on the owner of the session it resumes; a token applied to it before
 * (.NET disables reconnects right after the first step) carries over. */
static void adopt(struct schan_context *ctx, struct cache_owner *owner)
{
    AcquireSRWLockExclusive(&ctx->owner_lock);
    if (!cache_owner_resumable(ctx->owner)) cache_owner_set_resumable(owner, FALSE);
    cache_owner_release(ctx->owner);
    ctx->owner = owner;
    ReleaseSRWLockExclusive(&ctx->owner_lock);
}

/* Stores DATA under KEY for the context's session; ApplyControlToken may switch owners meanwhile.
 * A client keeps only resumable sessions; a server keeps refused ones too, for a later ENABLE. */
static void put(struct schan_context *ctx, enum cache_side side, const struct cache_key *key, const BYTE *data,
                SIZE_T size)
{
    AcquireSRWLockShared(&ctx->owner_lock);
    if (cache_owner_resumable(ctx->owner) || side == CACHE_SERVER)
        session_cache_put(side, key, data, size, ctx->creds->cache_lifetime, ctx->owner);
    ReleaseSRWLockShared(&ctx->owner_lock);
}

static void client_state(void *object, const struct tls_blob *state)
{
    struct schan_context *ctx = object;
    struct cache_owner *fresh;
    struct cache_key key;

    /* A session the server would not resume is a new one: it gets an owner of its own. */
    AcquireSRWLockExclusive(&ctx->owner_lock);
    if (ctx->owner_adopted && !tls_session_resumed(ctx->tls) &&
        (fresh = cache_owner_create(cache_owner_resumable(ctx->owner))))
    {
        cache_owner_release(ctx->owner);
        ctx->owner = fresh;
    }
    ctx->owner_adopted = FALSE;
    ReleaseSRWLockExclusive(&ctx->owner_lock);
    client_key(ctx, &key);
    put(ctx, CACHE_CLIENT, &key, state->data, state->size);
}

static void server_store(void *object, const struct tls_blob *id, const struct tls_blob *state)
{
    struct schan_context *ctx = object;
    BYTE buffer[MAX_KEY];
    struct cache_key key;

    if (server_key(ctx, KEY_SESSION_ID, id, buffer, &key)) put(ctx, CACHE_SERVER, &key, state->data, state->size);
}

static BOOL server_lookup(struct schan_context *ctx, BYTE tag, const struct tls_blob *id, struct tls_output *out)
{
    struct cache_owner *owner;
    BYTE buffer[MAX_KEY], *data;
    struct cache_key key;
    SIZE_T size;
    BOOL ok;

    if (!server_key(ctx, tag, id, buffer, &key)) return FALSE;
    if (!session_cache_get(CACHE_SERVER, &key, &data, &size, &owner)) return FALSE;
    ok = !out || tls_output_append(out, data, size);
    session_cache_free_data(data, size);
    if (ok) adopt(ctx, owner);
    else cache_owner_release(owner);
    return ok;
}

static BOOL server_fetch(void *object, const struct tls_blob *id, struct tls_output *state)
{
    return server_lookup(object, KEY_SESSION_ID, id, state);
}

static void server_remove(void *object, const struct tls_blob *id)
{
    BYTE buffer[MAX_KEY];
    struct cache_key key;

    if (server_key(object, KEY_SESSION_ID, id, buffer, &key)) session_cache_remove(CACHE_SERVER, &key, NULL);
}

static void ticket_issued(void *object, const struct tls_blob *ticket)
{
    struct schan_context *ctx = object;
    BYTE buffer[MAX_KEY];
    struct cache_key key;

    if (server_key(ctx, KEY_TICKET, ticket, buffer, &key)) put(ctx, CACHE_SERVER, &key, NULL, 0);
}

static BOOL ticket_accepted(void *object, const struct tls_blob *ticket)
{
    return server_lookup(object, KEY_TICKET, ticket, NULL);
}

SECURITY_STATUS schan_session_setup(struct schan_context *ctx, const char *target)
{
    struct schan_credentials *creds = ctx->creds;
    struct tls_resumption callbacks = { ctx };
    ULONG lifetime = ((ULONGLONG)creds->cache_lifetime + 999) / 1000;
    struct tls_blob state = { NULL, 0 };
    struct cache_owner *owner;
    struct cache_key key;
    BYTE *data;
    BOOL ok;

    if (!(ctx->owner = cache_owner_create(!(ctx->server && (creds->flags & SCH_CRED_DISABLE_RECONNECTS)))))
        return SEC_E_INSUFFICIENT_MEMORY;
    if (!creds->cache_lifetime) return SEC_E_OK;
    if (ctx->server)
    {
        callbacks.store = server_store;
        callbacks.fetch = server_fetch;
        callbacks.remove = server_remove;
        callbacks.ticket_issued = ticket_issued;
        callbacks.ticket_accepted = ticket_accepted;
        return tls_session_set_resumption(ctx->tls, &callbacks, lifetime, NULL) ? SEC_E_OK : SEC_E_INTERNAL_ERROR;
    }
    if (!target) return SEC_E_OK;   /* a target name we could not convert: never mistaken for another */

    if (!(ctx->cache_target = sspi_alloc(strlen(target) + 1))) return SEC_E_INSUFFICIENT_MEMORY;
    strcpy(ctx->cache_target, target);
    callbacks.client_state = client_state;
    client_key(ctx, &key);
    if (session_cache_get(CACHE_CLIENT, &key, &data, &state.size, &owner))
    {
        state.data = data;
        adopt(ctx, owner);
        ctx->owner_adopted = TRUE;
    }
    ok = tls_session_set_resumption(ctx->tls, &callbacks, lifetime, &state);
    session_cache_free_data(data, state.size);
    TRACE("%p: %s\n", ctx, state.size ? "offering a cached session" : "no cached session");
    return ok ? SEC_E_OK : SEC_E_INTERNAL_ERROR;
}

void schan_session_free(struct schan_context *ctx)
{
    cache_owner_release(ctx->owner);
    sspi_free(ctx->cache_target);
}

/* SSL_SESSION_ENABLE_RECONNECTS on a connected client stores the session again, which a disable
 * before had removed (or kept out). */
static void store_client_session(struct schan_context *ctx)
{
    struct tls_output state = { 0 };
    struct tls_blob blob;

    if (ctx->server || !ctx->cache_target || ctx->state != SCHAN_CONNECTED) return;
    if (tls_session_state(ctx->tls, &state))
    {
        blob.data = state.data;
        blob.size = state.size;
        client_state(ctx, &blob);
    }
    tls_output_wipe(&state);
}

SECURITY_STATUS schan_session_control(struct schan_context *ctx, DWORD flags)
{
    struct cache_key key;

    TRACE("%p: %s reconnects\n", ctx, flags == SSL_SESSION_ENABLE_RECONNECTS ? "enable" : "disable");
    switch (flags)
    {
    case SSL_SESSION_ENABLE_RECONNECTS:
        AcquireSRWLockShared(&ctx->owner_lock);
        cache_owner_set_resumable(ctx->owner, TRUE);
        ReleaseSRWLockShared(&ctx->owner_lock);
        store_client_session(ctx);
        return SEC_E_OK;
    case SSL_SESSION_DISABLE_RECONNECTS:
        AcquireSRWLockShared(&ctx->owner_lock);
        cache_owner_set_resumable(ctx->owner, FALSE);
        if (!ctx->server && ctx->cache_target)
        {
            client_key(ctx, &key);
            session_cache_remove(CACHE_CLIENT, &key, ctx->owner);
        }
        ReleaseSRWLockShared(&ctx->owner_lock);
        return SEC_E_OK;
    default:
        WARN("unknown SCHANNEL_SESSION flags %#lx\n", flags);
        return SEC_E_INVALID_TOKEN;
    }
}

/* SECPKG_ATTR_SESSION_INFO: SSL_SESSION_RECONNECT exactly when the handshake resumed a session,
 * and the session ID field of the ServerHello (under TLS 1.3 the legacy_session_id it echoes). */
SECURITY_STATUS schan_session_info(struct schan_context *ctx, SecPkgContext_SessionInfo *info)
{
    struct tls_blob id = tls_session_id(ctx->tls);

    memset(info, 0, sizeof(*info));
    info->dwFlags = tls_session_resumed(ctx->tls) ? SSL_SESSION_RECONNECT : 0;
    info->cbSessionId = min(id.size, sizeof(info->rgbSessionId));
    if (info->cbSessionId) memcpy(info->rgbSessionId, id.data, info->cbSessionId);
    return SEC_E_OK;
}

/* SECPKG_ATTR_SESSION_KEY, which Microsoft leaves undefined for TLS; ours is 48 bytes:
 *   TLS 1.0-1.2, DTLS: the session's master secret (a reconnect shares it with its original);
 *   TLS 1.3: the RFC 8446 exporter value for SESSION_KEY_LABEL with no context (one per connection).
 * Both ends get the same bytes; OpenSSL shows them as "Master-Key" or with -keymatexport. */
#define SESSION_KEY_SIZE 48
#define SESSION_KEY_LABEL "EXPERIMENTAL-schannel-session-key"

SECURITY_STATUS schan_session_key(struct schan_context *ctx, SecPkgContext_SessionKey *key)
{
    BYTE *bytes;

    key->SessionKeyLength = 0;
    key->SessionKey = NULL;
    if (!(bytes = sspi_alloc(SESSION_KEY_SIZE))) return SEC_E_INSUFFICIENT_MEMORY;
    if (!tls_session_master_secret(ctx->tls, bytes, SESSION_KEY_SIZE) &&
        !tls_session_export_keying(ctx->tls, SESSION_KEY_LABEL, strlen(SESSION_KEY_LABEL), NULL, 0, bytes,
                                   SESSION_KEY_SIZE))
    {
        sspi_free(bytes);
        return SEC_E_INTERNAL_ERROR;
    }
    key->SessionKeyLength = SESSION_KEY_SIZE;
    key->SessionKey = bytes;
    return SEC_E_OK;
}
