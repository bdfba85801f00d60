/*
 * The TLS engine's part of reconnects: GnuTLS's session database and ticket hooks, mapped to the
 * caller's tls_resumption callbacks.
 *
 * Tickets are GnuTLS's own, but the caller decides which may be used: the handshake hook sees each
 * ticket the server issues and, before GnuTLS reads a ClientHello, every ticket it offers (GnuTLS
 * resumes the first one it can open).  The process has three ticket keys (GnuTLS rotates each every
 * few lifetimes), and a ticket names the key that made it.  A session takes the key of the tickets
 * it is offered; when one is not accepted it takes a key that made none of the refused ones, so
 * GnuTLS cannot open them and runs a full handshake exactly as for unknown tickets, while the
 * tickets it then issues are good ones.  (Should every key have made a refused ticket, the session
 * gets a throwaway key.)  The caller knows a ticket by its SHA-256.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"
#include "byte_reader.h"

DEFAULT_DEBUG_CHANNEL(tls);

#define EXT_SESSION_TICKET 35
#define EXT_PRE_SHARED_KEY 41

/* A GnuTLS ticket starts with the name of the key that encrypted it. */
#define KEY_NAME_SIZE 16
#define KNOWN_NAMES 64
#define TICKET_KEYS 3
#define NO_KEY 0xff         /* a throwaway key: its tickets are neither learnt nor reported */
#define MAX_OFFERED 16

static INIT_ONCE ticket_keys_once = INIT_ONCE_STATIC_INIT;
static gnutls_datum_t ticket_keys[TICKET_KEYS];

/* Which key each recently seen key name belongs to, learnt from the tickets issued. */
static struct { BYTE name[KEY_NAME_SIZE]; BYTE key; } known_names[KNOWN_NAMES];
static unsigned next_name;
static SRWLOCK names_lock = SRWLOCK_INIT;

static BOOL WINAPI make_ticket_keys(INIT_ONCE *once, void *param, void **context)
{
    unsigned i;

    for (i = 0; i < TICKET_KEYS; i++)
        if (gnutls_session_ticket_key_generate(&ticket_keys[i]) < 0) return FALSE;
    return TRUE;
}

/* Wipes and frees GnuTLS-allocated secret bytes (a key, a serialized session). */
static void wipe_datum(gnutls_datum_t *key)
{
    if (!key->data) return;
    gnutls_memset(key->data, 0, key->size);
    gnutls_free(key->data);
    key->data = NULL;
}

void tls_engine_shutdown(void)
{
    unsigned i;

    for (i = 0; i < TICKET_KEYS; i++) wipe_datum(&ticket_keys[i]);
}

static void learn_key_name(const BYTE *ticket, SIZE_T size, BYTE key)
{
    unsigned i;

    if (size < KEY_NAME_SIZE) return;
    AcquireSRWLockExclusive(&names_lock);
    for (i = 0; i < KNOWN_NAMES; i++)
        if (!memcmp(known_names[i].name, ticket, KEY_NAME_SIZE)) break;
    if (i == KNOWN_NAMES)
    {
        i = next_name++ % KNOWN_NAMES;
        memcpy(known_names[i].name, ticket, KEY_NAME_SIZE);
    }
    known_names[i].key = key;
    ReleaseSRWLockExclusive(&names_lock);
}

/* The key that made TICKET; the first one when the name is not known. */
static BYTE key_of(const BYTE *ticket, SIZE_T size)
{
    BYTE key = 0;
    unsigned i;

    if (size < KEY_NAME_SIZE) return 0;
    AcquireSRWLockShared(&names_lock);
    for (i = 0; i < KNOWN_NAMES; i++)
        if (!memcmp(known_names[i].name, ticket, KEY_NAME_SIZE)) key = known_names[i].key;
    ReleaseSRWLockShared(&names_lock);
    return key;
}

static struct tls_blob blob(const void *data, SIZE_T size)
{
    struct tls_blob b = { data, size };
    return b;
}

static int db_store(void *ptr, gnutls_datum_t id, gnutls_datum_t state)
{
    struct tls_resume *resume = tls_session_resume_state(ptr);
    struct tls_blob id_blob = blob(id.data, id.size), state_blob = blob(state.data, state.size);

    resume->callbacks.store(resume->callbacks.ctx, &id_blob, &state_blob);
    return 0;
}

static gnutls_datum_t db_fetch(void *ptr, gnutls_datum_t id)
{
    struct tls_resume *resume = tls_session_resume_state(ptr);
    struct tls_blob id_blob = blob(id.data, id.size);
    gnutls_datum_t state = { NULL, 0 };
    struct tls_output out = { 0 };

    if (resume->callbacks.fetch(resume->callbacks.ctx, &id_blob, &out) && (state.data = gnutls_malloc(out.size)))
    {
        memcpy(state.data, out.data, out.size);
        state.size = out.size;
    }
    tls_output_wipe(&out);
    return state;
}

static int db_remove(void *ptr, gnutls_datum_t id)
{
    struct tls_resume *resume = tls_session_resume_state(ptr);
    struct tls_blob id_blob = blob(id.data, id.size);

    resume->callbacks.remove(resume->callbacks.ctx, &id_blob);
    return 0;
}

BOOL tls_session_set_resumption(struct tls_session *session, const struct tls_resumption *resumption,
                                ULONG lifetime, const struct tls_blob *state)
{
    gnutls_session_t s = tls_session_gnutls(session);
    struct tls_resume *resume = tls_session_resume_state(session);
    int ret;

    resume->callbacks = *resumption;
    gnutls_db_set_cache_expiration(s, max(lifetime, 1));
    if (!tls_session_is_server(session))
    {
        if (!state || !state->size) return TRUE;
        if ((ret = gnutls_session_set_data(s, state->data, state->size)) < 0)
            WARN("cached session not usable: %s\n", gnutls_strerror(ret));
        return TRUE;
    }
    if (!InitOnceExecuteOnce(&ticket_keys_once, make_ticket_keys, NULL, NULL)) return FALSE;
    if ((ret = gnutls_session_ticket_enable_server(s, &ticket_keys[0])) < 0)
    {
        WARN("tickets: %s\n", gnutls_strerror(ret));
        return FALSE;
    }
    gnutls_db_set_ptr(s, session);
    gnutls_db_set_store_function(s, db_store);
    gnutls_db_set_retrieve_function(s, db_fetch);
    gnutls_db_set_remove_function(s, db_remove);
    return TRUE;
}

/* The caller's name for a ticket: its SHA-256, in DIGEST. */
static struct tls_blob ticket_id(const struct tls_blob *ticket, BYTE digest[32])
{
    gnutls_hash_fast(GNUTLS_DIG_SHA256, ticket->data, ticket->size, digest);
    return blob(digest, 32);
}

/* Makes the session use KEY for its tickets, or a throwaway key for NO_KEY. */
static void use_ticket_key(struct tls_session *session, struct tls_resume *resume, BYTE key)
{
    gnutls_session_t s = tls_session_gnutls(session);
    gnutls_datum_t throwaway = { NULL, 0 };
    int ret;

    if (key == resume->ticket_key) return;
    if (key != NO_KEY) ret = gnutls_session_ticket_enable_server(s, &ticket_keys[key]);
    else if ((ret = gnutls_session_ticket_key_generate(&throwaway)) >= 0)
        ret = gnutls_session_ticket_enable_server(s, &throwaway);
    wipe_datum(&throwaway);
    /* GnuTLS keeps the key it has used already (a renegotiation): its tickets' names mean nothing. */
    resume->ticket_key = ret < 0 ? NO_KEY : key;
}

/* Asks about every ticket a ClientHello offers and picks the session's key: that of the tickets
 * when all are accepted, else one that made none of the refused tickets. */
static void choose_ticket_key(struct tls_session *session, struct tls_resume *resume, const struct tls_blob *tickets,
                              unsigned count)
{
    unsigned refused = 0, i;
    BYTE digest[32], key = key_of(tickets[0].data, tickets[0].size);
    struct tls_blob id;

    for (i = 0; i < count; i++)
    {
        id = ticket_id(&tickets[i], digest);
        if (!resume->callbacks.ticket_accepted(resume->callbacks.ctx, &id))
            refused |= 1u << key_of(tickets[i].data, tickets[i].size);
    }
    if (refused)
    {
        for (key = 0; key < TICKET_KEYS && (refused & (1u << key)); key++) {}
        if (key == TICKET_KEYS) key = NO_KEY;
        TRACE("%p: offered ticket refused, full handshake\n", session);
    }
    use_ticket_key(session, resume, key);
}

/* The tickets a ClientHello offers: a TLS 1.2 session ticket, TLS 1.3 PSK identities. */
static void offered_tickets(struct tls_session *session, struct tls_resume *resume, const gnutls_datum_t *msg)
{
    struct byte_reader r = { msg->data, msg->data + msg->size }, v, exts, ext, ids, id;
    struct tls_blob tickets[MAX_OFFERED];
    unsigned type, count = 0;

    if (!reader_skip(&r, 2 + 32) || !reader_vector(&r, 1, &v)) return;     /* version, random, session ID */
    if (tls_session_is_datagram(session) && !reader_vector(&r, 1, &v)) return;  /* cookie */
    if (!reader_vector(&r, 2, &v) || !reader_vector(&r, 1, &v) || !reader_vector(&r, 2, &exts)) return;
    while (exts.pos + 4 <= exts.end)
    {
        type = exts.pos[0] << 8 | exts.pos[1];
        exts.pos += 2;
        if (!reader_vector(&exts, 2, &ext)) break;
        if (type == EXT_SESSION_TICKET && ext.pos < ext.end && count < MAX_OFFERED)
            tickets[count++] = blob(ext.pos, ext.end - ext.pos);
        else if (type == EXT_PRE_SHARED_KEY && reader_vector(&ext, 2, &ids))
        {
            while (reader_vector(&ids, 2, &id) && reader_skip(&ids, 4))
            {
                /* More than we look at: none of them may be used. */
                if (count == MAX_OFFERED)
                {
                    use_ticket_key(session, resume, NO_KEY);
                    return;
                }
                tickets[count++] = blob(id.pos, id.end - id.pos);
            }
        }
    }
    if (count) choose_ticket_key(session, resume, tickets, count);
}

/* The ticket of a NewSessionTicket body: TLS 1.2 lifetime, ticket; TLS 1.3 lifetime, age_add,
 * nonce, ticket, extensions. */
static void report_issued_ticket(struct tls_session *session, struct tls_resume *resume, const gnutls_datum_t *msg)
{
    struct byte_reader r = { msg->data, msg->data + msg->size }, v, ticket;
    struct tls_blob issued, id;
    BYTE digest[32];

    if (gnutls_protocol_get_version(tls_session_gnutls(session)) == GNUTLS_TLS1_3)
    {
        if (!reader_skip(&r, 8) || !reader_vector(&r, 1, &v)) return;
    }
    else if (!reader_skip(&r, 4)) return;
    if (!reader_vector(&r, 2, &ticket) || ticket.pos == ticket.end) return;
    if (resume->ticket_key == NO_KEY) return;
    issued = blob(ticket.pos, ticket.end - ticket.pos);
    learn_key_name(issued.data, issued.size, resume->ticket_key);
    id = ticket_id(&issued, digest);
    resume->callbacks.ticket_issued(resume->callbacks.ctx, &id);
}

/* GnuTLS reports its own session IDs under TLS 1.2 with tickets (RFC 5077 lets each end make one
 * up), so the ServerHello's is read from the message itself: version, random, session ID. */
static void read_session_id(struct tls_resume *resume, const gnutls_datum_t *msg)
{
    struct byte_reader r = { msg->data, msg->data + msg->size }, id;

    if (!reader_skip(&r, 2 + 32) || !reader_vector(&r, 1, &id) || id.end - id.pos > sizeof(resume->id)) return;
    resume->id_size = id.end - id.pos;
    memcpy(resume->id, id.pos, resume->id_size);
}

int tls_resume_hook(struct tls_session *session, unsigned type, BOOL post, BOOL incoming, const gnutls_datum_t *msg)
{
    struct tls_resume *resume = tls_session_resume_state(session);

    if (type == GNUTLS_HANDSHAKE_SERVER_HELLO && post && incoming != tls_session_is_server(session))
        read_session_id(resume, msg);
    if (!resume->callbacks.ctx) return 0;
    if (tls_session_is_server(session))
    {
        if (type == GNUTLS_HANDSHAKE_CLIENT_HELLO && incoming && !post) offered_tickets(session, resume, msg);
        else if (type == GNUTLS_HANDSHAKE_NEW_SESSION_TICKET && !incoming && post)
            report_issued_ticket(session, resume, msg);
    }
    else if (type == GNUTLS_HANDSHAKE_NEW_SESSION_TICKET && incoming && post)
        resume->ticket_arrived = TRUE;
    return 0;
}

static BOOL session_state(struct tls_session *session, struct tls_output *out)
{
    gnutls_session_t s = tls_session_gnutls(session);
    gnutls_datum_t data;
    BOOL ok;

    if (gnutls_protocol_get_version(s) == GNUTLS_TLS1_3 && !(gnutls_session_get_flags(s) & GNUTLS_SFLAGS_SESSION_TICKET))
        return FALSE;
    if (gnutls_session_get_data2(s, &data) < 0) return FALSE;
    ok = tls_output_append(out, data.data, data.size);
    wipe_datum(&data);
    return ok;
}

/* From outside the engine's calls: another thread may be decrypting. */
BOOL tls_session_state(struct tls_session *session, struct tls_output *out)
{
    BOOL ok;

    tls_session_lock_recv(session, TRUE);
    ok = session_state(session, out);
    tls_session_lock_recv(session, FALSE);
    return ok;
}

void tls_resume_report(struct tls_session *session, BOOL handshake_done)
{
    struct tls_resume *resume = tls_session_resume_state(session);
    struct tls_output state = { 0 };
    struct tls_blob state_blob;

    if (!resume->callbacks.client_state || !(handshake_done || resume->ticket_arrived)) return;
    resume->ticket_arrived = FALSE;
    if (!session_state(session, &state)) return;
    state_blob = blob(state.data, state.size);
    resume->callbacks.client_state(resume->callbacks.ctx, &state_blob);
    tls_output_wipe(&state);
}

BOOL tls_session_resumed(struct tls_session *session)
{
    return gnutls_session_is_resumed(tls_session_gnutls(session));
}

struct tls_blob tls_session_id(struct tls_session *session)
{
    struct tls_resume *resume = tls_session_resume_state(session);
    return blob(resume->id, resume->id_size);
}

BOOL tls_session_master_secret(struct tls_session *session, BYTE *out, SIZE_T size)
{
    gnutls_session_t s = tls_session_gnutls(session);
    gnutls_datum_t secret;

    if (gnutls_protocol_get_version(s) == GNUTLS_TLS1_3) return FALSE;
    gnutls_session_get_master_secret(s, &secret);
    if (secret.size != size) return FALSE;
    memcpy(out, secret.data, size);
    return TRUE;
}
