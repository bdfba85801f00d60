/*
 * The session cache: a hash table per side for lookups, and a list in insertion order for
 * eviction, under one lock per side.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "session_cache.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cache);

#define BUCKETS 4096
#define DEFAULT_MAX_ENTRIES 20000

struct cache_owner
{
    LONG refs;
    LONG resumable;
};

struct cache_entry
{
    struct cache_entry *older, *newer;  /* insertion order */
    struct cache_entry *next;           /* in the bucket */
    ULONGLONG scope;
    ULONGLONG expires;                  /* GetTickCount64() */
    struct cache_owner *owner;
    SIZE_T key_size, data_size;
    BYTE bytes[];                       /* the key, then the data */
};

struct session_cache
{
    SRWLOCK lock;
    struct cache_entry *buckets[BUCKETS];
    struct cache_entry order;           /* order.newer is the oldest entry, order.older the newest */
    ULONG count;
    ULONG max_entries;
};

static struct session_cache caches[2] =
{
    { SRWLOCK_INIT, { 0 }, { &caches[0].order, &caches[0].order }, 0, DEFAULT_MAX_ENTRIES },
    { SRWLOCK_INIT, { 0 }, { &caches[1].order, &caches[1].order }, 0, DEFAULT_MAX_ENTRIES },
};

struct cache_owner *cache_owner_create(BOOL resumable)
{
    struct cache_owner *owner = HeapAlloc(GetProcessHeap(), 0, sizeof(*owner));

    if (!owner) return NULL;
    owner->refs = 1;
    owner->resumable = resumable;
    return owner;
}

struct cache_owner *cache_owner_addref(struct cache_owner *owner)
{
    InterlockedIncrement(&owner->refs);
    return owner;
}

void cache_owner_release(struct cache_owner *owner)
{
    if (owner && !InterlockedDecrement(&owner->refs)) HeapFree(GetProcessHeap(), 0, owner);
}

void cache_owner_set_resumable(struct cache_owner *owner, BOOL resumable)
{
    InterlockedExchange(&owner->resumable, resumable);
}

BOOL cache_owner_resumable(const struct cache_owner *owner)
{
    return *(volatile const LONG *)&owner->resumable;
}

static unsigned bucket_of(const struct cache_key *key)
{
    ULONG hash = 2166136261u;
    SIZE_T i;

    for (i = 0; i < sizeof(key->scope); i++) hash = (hash ^ (BYTE)(key->scope >> (8 * i))) * 16777619u;
    for (i = 0; i < key->size; i++) hash = (hash ^ key->data[i]) * 16777619u;
    return hash % BUCKETS;
}

static BOOL matches(const struct cache_entry *entry, const struct cache_key *key)
{
    return entry->scope == key->scope && entry->key_size == key->size && !memcmp(entry->bytes, key->data, key->size);
}

/* Unlinks ENTRY (found in bucket B) and wipes it. */
static void drop(struct session_cache *cache, struct cache_entry *entry, unsigned b)
{
    struct cache_entry **link = &cache->buckets[b];

    while (*link != entry) link = &(*link)->next;
    *link = entry->next;
    entry->older->newer = entry->newer;
    entry->newer->older = entry->older;
    cache->count--;
    cache_owner_release(entry->owner);
    SecureZeroMemory(entry, sizeof(*entry) + entry->key_size + entry->data_size);
    HeapFree(GetProcessHeap(), 0, entry);
}

static void drop_entry(struct session_cache *cache, struct cache_entry *entry)
{
    struct cache_key key = { entry->scope, entry->bytes, entry->key_size };
    drop(cache, entry, bucket_of(&key));
}

static struct cache_entry *find(struct session_cache *cache, const struct cache_key *key, unsigned b)
{
    struct cache_entry *entry;

    for (entry = cache->buckets[b]; entry; entry = entry->next)
        if (matches(entry, key)) return entry;
    return NULL;
}

void session_cache_set_limit(enum cache_side side, ULONG max_entries)
{
    struct session_cache *cache = &caches[side];

    AcquireSRWLockExclusive(&cache->lock);
    cache->max_entries = max_entries;
    while (cache->count > max_entries) drop_entry(cache, cache->order.newer);
    ReleaseSRWLockExclusive(&cache->lock);
}

BOOL session_cache_put(enum cache_side side, const struct cache_key *key, const BYTE *data, SIZE_T size,
                       ULONG lifetime_ms, struct cache_owner *owner)
{
    struct session_cache *cache = &caches[side];
    unsigned b = bucket_of(key);
    struct cache_entry *entry, *old;

    if (!(entry = HeapAlloc(GetProcessHeap(), 0, sizeof(*entry) + key->size + size))) return FALSE;
    entry->scope = key->scope;
    entry->expires = GetTickCount64() + lifetime_ms;
    entry->owner = cache_owner_addref(owner);
    entry->key_size = key->size;
    entry->data_size = size;
    memcpy(entry->bytes, key->data, key->size);
    if (size) memcpy(entry->bytes + key->size, data, size);

    AcquireSRWLockExclusive(&cache->lock);
    if ((old = find(cache, key, b))) drop(cache, old, b);
    while (cache->count && cache->count >= cache->max_entries) drop_entry(cache, cache->order.newer);
    if (!cache->max_entries)
    {
        ReleaseSRWLockExclusive(&cache->lock);
        cache_owner_release(entry->owner);
        SecureZeroMemory(entry, sizeof(*entry) + key->size + size);
        HeapFree(GetProcessHeap(), 0, entry);
        return FALSE;
    }
    entry->next = cache->buckets[b];
    cache->buckets[b] = entry;
    entry->newer = &cache->order;
    entry->older = cache->order.older;
    entry->older->newer = entry;
    cache->order.older = entry;
    cache->count++;
    ReleaseSRWLockExclusive(&cache->lock);
    TRACE("%s: stored %Iu bytes, scope %I64u, %lu ms, %lu entries\n", side ? "server" : "client", size,
          key->scope, lifetime_ms, cache->count);
    return TRUE;
}

BOOL session_cache_get(enum cache_side side, const struct cache_key *key, BYTE **data, SIZE_T *size,
                       struct cache_owner **owner)
{
    struct session_cache *cache = &caches[side];
    unsigned b = bucket_of(key);
    struct cache_entry *entry;
    BOOL found = FALSE;

    BOOL exclusive = FALSE;

    *data = NULL;
    *size = 0;
    /* Lookups share the lock; only dropping an expired entry takes it alone (and looks again, as
     * another thread may have dropped or replaced it meanwhile). */
    AcquireSRWLockShared(&cache->lock);
    if ((entry = find(cache, key, b)) && entry->expires <= GetTickCount64())
    {
        ReleaseSRWLockShared(&cache->lock);
        AcquireSRWLockExclusive(&cache->lock);
        exclusive = TRUE;
        if ((entry = find(cache, key, b)) && entry->expires <= GetTickCount64())
        {
            TRACE("%s: entry expired\n", side ? "server" : "client");
            drop(cache, entry, b);
            entry = NULL;
        }
    }
    if (entry && cache_owner_resumable(entry->owner) &&
        (!entry->data_size || (*data = HeapAlloc(GetProcessHeap(), 0, entry->data_size))))
    {
        if (entry->data_size) memcpy(*data, entry->bytes + entry->key_size, entry->data_size);
        *size = entry->data_size;
        if (owner) *owner = cache_owner_addref(entry->owner);
        found = TRUE;
    }
    if (exclusive) ReleaseSRWLockExclusive(&cache->lock);
    else ReleaseSRWLockShared(&cache->lock);
    TRACE("%s: scope %I64u, %s\n", side ? "server" : "client", key->scope,
          found ? "found" : entry ? "not resumable" : "none");
    return found;
}

void session_cache_free_data(BYTE *data, SIZE_T size)
{
    if (!data) return;
    SecureZeroMemory(data, size);
    HeapFree(GetProcessHeap(), 0, data);
}

void session_cache_remove(enum cache_side side, const struct cache_key *key, const struct cache_owner *only_owner)
{
    struct session_cache *cache = &caches[side];
    unsigned b = bucket_of(key);
    struct cache_entry *entry;

    AcquireSRWLockExclusive(&cache->lock);
    if ((entry = find(cache, key, b)) && (!only_owner || entry->owner == only_owner)) drop(cache, entry, b);
    ReleaseSRWLockExclusive(&cache->lock);
}

/* Drops the entries PRED selects, oldest first. */
static void drop_where(struct session_cache *cache, BOOL (*pred)(const struct cache_entry *, const void *),
                       const void *arg)
{
    struct cache_entry *entry, *next;

    AcquireSRWLockExclusive(&cache->lock);
    for (entry = cache->order.newer; entry != &cache->order; entry = next)
    {
        next = entry->newer;
        if (pred(entry, arg)) drop_entry(cache, entry);
    }
    ReleaseSRWLockExclusive(&cache->lock);
}

static BOOL in_scope(const struct cache_entry *entry, const void *arg)
{
    return entry->scope == *(const ULONGLONG *)arg;
}

static BOOL has_key(const struct cache_entry *entry, const void *arg)
{
    const struct cache_key *key = arg;
    return !key->data || (entry->key_size == key->size && !memcmp(entry->bytes, key->data, key->size));
}

void session_cache_remove_scope(enum cache_side side, ULONGLONG scope)
{
    drop_where(&caches[side], in_scope, &scope);
}

void session_cache_remove_key(enum cache_side side, const BYTE *data, SIZE_T size)
{
    struct cache_key key = { 0, data, size };
    drop_where(&caches[side], has_key, &key);
}

/* At process exit other threads are gone, possibly holding a lock: no locking then. */
void session_cache_shutdown(void)
{
    unsigned side;

    for (side = 0; side < ARRAYSIZE(caches); side++)
        while (caches[side].count) drop_entry(&caches[side], caches[side].order.newer);
}
