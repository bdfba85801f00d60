/*
 * The handle table: SecHandle values name slots, never pointers, so a stale, forged or twice
 * deleted handle is recognised and refused instead of being dereferenced.
 *
 * A handle is { dwLower = slot index + 1, dwUpper = the object's serial }.  Serials are never
 * reused, so a handle whose slot has since been given to a new object does not match it.
 *
 * Lookups take no lock (EncryptMessage and DecryptMessage look a handle up per record): slots live
 * in chunks that are never moved or freed, so any slot may be read at any time, and a lookup takes
 * its reference with one compare-and-swap that succeeds only while the slot holds an object, then
 * checks that the object is still the handle's.  A slot goes back to the free list only once its
 * last reference is gone.  Creating and freeing objects take the lock.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

struct slot
{
    struct sspi_object obj;     /* first: handed out as sspi_object */
    LONG refs;                  /* the table's (until deleted) and the callers'; 0: no object */
    enum sspi_handle_kind kind;
    ULONG_PTR serial;           /* the object's while its handle is live, else 0 */
    ULONG index;
    struct slot *next_free;
};

/* Chunk K holds 64 << K slots: 2^24 slots in all, as many as the table ever allowed. */
#define FIRST_CHUNK_BITS 6
#define CHUNKS 18
#define MAX_SLOTS ((1u << (CHUNKS + FIRST_CHUNK_BITS)) - (1u << FIRST_CHUNK_BITS))

static SRWLOCK table_lock = SRWLOCK_INIT;
static struct slot *chunks[CHUNKS];
static struct slot *free_slots;
static ULONG slot_count;
static ULONG_PTR next_serial = 1;

static ULONG chunk_of(ULONG biased)
{
    return 31 - __builtin_clz(biased) - FIRST_CHUNK_BITS;
}

/* The slot of INDEX (from 0), or NULL if its chunk was never made. */
static struct slot *slot_at(ULONG index)
{
    ULONG biased = index + (1u << FIRST_CHUNK_BITS), chunk = chunk_of(biased);
    struct slot *base;

    if (!(base = __atomic_load_n(&chunks[chunk], __ATOMIC_ACQUIRE))) return NULL;
    return &base[biased - (1u << (chunk + FIRST_CHUNK_BITS))];
}

/* Called with the lock held: a free slot, from the free list or a fresh one. */
static struct slot *take_slot(void)
{
    ULONG chunk = chunk_of(slot_count + (1u << FIRST_CHUNK_BITS));
    struct slot *slot;

    if ((slot = free_slots))
    {
        free_slots = slot->next_free;
        return slot;
    }
    if (slot_count == MAX_SLOTS) return NULL;
    if (!chunks[chunk])
    {
        struct slot *base = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*base) << (chunk + FIRST_CHUNK_BITS));

        if (!base) return NULL;
        __atomic_store_n(&chunks[chunk], base, __ATOMIC_RELEASE);
    }
    slot = slot_at(slot_count);
    slot->index = slot_count++;
    return slot;
}

static void slot_release(struct slot *slot)
{
    if (InterlockedDecrement(&slot->refs)) return;
    TRACE("freeing %s object %p\n", slot->kind == SSPI_CONTEXT ? "context" : "credentials", slot->obj.object);
    if (slot->kind == SSPI_CONTEXT)
    {
        if (slot->obj.package->ops->delete_context) slot->obj.package->ops->delete_context(slot->obj.object);
    }
    else if (slot->obj.package->ops->free_credentials)
        slot->obj.package->ops->free_credentials(slot->obj.object);
    AcquireSRWLockExclusive(&table_lock);
    slot->next_free = free_slots;
    free_slots = slot;
    ReleaseSRWLockExclusive(&table_lock);
}

SECURITY_STATUS sspi_handle_create(SecHandle *handle, enum sspi_handle_kind kind,
                                   const struct sspi_package *package, void *object)
{
    struct slot *slot;

    AcquireSRWLockExclusive(&table_lock);
    if (!(slot = take_slot()))
    {
        ReleaseSRWLockExclusive(&table_lock);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    slot->obj.package = package;
    slot->obj.object = object;
    slot->kind = kind;
    __atomic_store_n(&slot->serial, next_serial++, __ATOMIC_RELEASE);
    /* Published last: a lookup that wins its reference sees the fields above. */
    __atomic_store_n(&slot->refs, 1, __ATOMIC_RELEASE);
    handle->dwLower = slot->index + 1;
    handle->dwUpper = slot->serial;
    ReleaseSRWLockExclusive(&table_lock);
    return SEC_E_OK;
}

/* The slot HANDLE names if it holds a live object of KIND, without a reference. */
static struct slot *find_slot(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;

    if (!handle || !handle->dwLower || handle->dwLower > MAX_SLOTS || !handle->dwUpper) return NULL;
    if (!(slot = slot_at(handle->dwLower - 1))) return NULL;
    if (__atomic_load_n(&slot->serial, __ATOMIC_ACQUIRE) != handle->dwUpper) return NULL;
    return slot;
}

struct sspi_object *sspi_handle_get(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;
    LONG refs;

    if (!(slot = find_slot(handle, kind))) return NULL;
    refs = __atomic_load_n(&slot->refs, __ATOMIC_ACQUIRE);
    do if (!refs) return NULL;
    while (!__atomic_compare_exchange_n(&slot->refs, &refs, refs + 1, TRUE, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
    /* The slot cannot change hands while referenced: is it still the handle's object? */
    if (__atomic_load_n(&slot->serial, __ATOMIC_ACQUIRE) != handle->dwUpper || slot->kind != kind)
    {
        slot_release(slot);
        return NULL;
    }
    return &slot->obj;
}

void sspi_handle_put(struct sspi_object *obj)
{
    slot_release((struct slot *)obj);
}

BOOL sspi_handle_delete(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;
    ULONG_PTR serial;

    if (!(slot = find_slot(handle, kind)) || slot->kind != kind) return FALSE;
    /* One deleter wins; lookups fail from here on, and the table's reference goes. */
    serial = handle->dwUpper;
    if (!__atomic_compare_exchange_n(&slot->serial, &serial, 0, FALSE, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return FALSE;
    slot_release(slot);
    return TRUE;
}
