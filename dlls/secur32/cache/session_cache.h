/*
 * The session cache: what makes reconnects possible.  Two process-wide stores (the client's and
 * the server's) of byte strings under a key, each entry with an expiry time and an owner that
 * says whether the session may be resumed.  It knows nothing of TLS: the package decides what the
 * keys and the data are, the engine produces and consumes the data.
 *
 * Entries hold secrets (serialized sessions with their master secrets): they are wiped when they
 * expire, are evicted, replaced or removed, and at unload.  Every call is thread safe.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SESSION_CACHE_H
#define SESSION_CACHE_H

#include <windows.h>

enum cache_side { CACHE_CLIENT, CACHE_SERVER };

/* A session's resumability, shared by every entry made for it, so that one switch (the
 * SCHANNEL_SESSION token) covers its session ID and all the tickets issued for it. */
struct cache_owner;

struct cache_owner *cache_owner_create(BOOL resumable);
struct cache_owner *cache_owner_addref(struct cache_owner *owner);
void cache_owner_release(struct cache_owner *owner);
void cache_owner_set_resumable(struct cache_owner *owner, BOOL resumable);
BOOL cache_owner_resumable(const struct cache_owner *owner);

/* Where an entry lives: SCOPE (the credential it belongs to) and KEY bytes within it. */
struct cache_key
{
    ULONGLONG scope;
    const BYTE *data;
    SIZE_T size;
};

/* The most entries a side keeps; the oldest go first when it is full.  0 keeps none. */
void session_cache_set_limit(enum cache_side side, ULONG max_entries);
/* Stores DATA under KEY for LIFETIME_MS, replacing what was there.  An owner is required. */
BOOL session_cache_put(enum cache_side side, const struct cache_key *key, const BYTE *data, SIZE_T size,
                       ULONG lifetime_ms, struct cache_owner *owner);
/* A copy of the data of a live entry whose owner allows resumption (free it with
 * session_cache_free_data), and, when OWNER is given, a reference to that owner.  FALSE if none. */
BOOL session_cache_get(enum cache_side side, const struct cache_key *key, BYTE **data, SIZE_T *size,
                       struct cache_owner **owner);
void session_cache_free_data(BYTE *data, SIZE_T size);
/* Removes the entry under KEY; with ONLY_OWNER, only if that owner made it. */
void session_cache_remove(enum cache_side side, const struct cache_key *key, const struct cache_owner *only_owner);
/* Removes every entry of SCOPE (a credential that is gone). */
void session_cache_remove_scope(enum cache_side side, ULONGLONG scope);
/* Removes the entries with these key bytes in any scope, or every entry when DATA is NULL. */
void session_cache_remove_key(enum cache_side side, const BYTE *data, SIZE_T size);
/* Wipes both sides; at unload. */
void session_cache_shutdown(void);

#endif /* SESSION_CACHE_H */
