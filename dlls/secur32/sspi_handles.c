/*
 * The handle table: SecHandle values name slots, never pointers, so a stale, forged or twice
 * deleted handle is recognised and refused instead of being dereferenced.
 *
 * A handle is { dwLower = slot index + 1, dwUpper = the slot's serial }.  Serials are never reused,
 * so a handle whose slot has since been given to a new object does not match it.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

struct entry
{
    struct sspi_object obj;     /* first: handed out as sspi_object */
    enum sspi_handle_kind kind;
    LONG refs;
};

struct slot
{
    struct entry *entry;
    ULONG_PTR serial;
};

static SRWLOCK table_lock = SRWLOCK_INIT;
static struct slot *slots;
static ULONG slot_count, slot_capacity, free_hint;
static ULONG_PTR next_serial = 1;

static void entry_release(struct entry *entry)
{
    if (InterlockedDecrement(&entry->refs)) return;
    TRACE("freeing %s object %p\n", entry->kind == SSPI_CONTEXT ? "context" : "credentials", entry->obj.object);
    if (entry->kind == SSPI_CONTEXT)
    {
        if (entry->obj.package->ops->delete_context) entry->obj.package->ops->delete_context(entry->obj.object);
    }
    else if (entry->obj.package->ops->free_credentials)
        entry->obj.package->ops->free_credentials(entry->obj.object);
    sspi_free(entry);
}

static BOOL grow_table(void)
{
    ULONG capacity = slot_capacity ? slot_capacity * 2 : 64;
    SIZE_T size = capacity * sizeof(*slots);
    struct slot *grown;

    if (capacity > 0x1000000) return FALSE;
    grown = slots ? HeapReAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, slots, size)
                  : HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    if (!grown) return FALSE;
    slots = grown;
    slot_capacity = capacity;
    return TRUE;
}

SECURITY_STATUS sspi_handle_create(SecHandle *handle, enum sspi_handle_kind kind,
                                   const struct sspi_package *package, void *object)
{
    struct entry *entry;
    ULONG index;

    if (!(entry = sspi_alloc(sizeof(*entry)))) return SEC_E_INSUFFICIENT_MEMORY;
    entry->obj.package = package;
    entry->obj.object = object;
    entry->kind = kind;
    entry->refs = 1;

    AcquireSRWLockExclusive(&table_lock);
    for (index = free_hint; index < slot_count; index++) if (!slots[index].entry) break;
    if (index == slot_count)
    {
        if (slot_count == slot_capacity && !grow_table())
        {
            ReleaseSRWLockExclusive(&table_lock);
            sspi_free(entry);
            return SEC_E_INSUFFICIENT_MEMORY;
        }
        slot_count++;
    }
    slots[index].entry = entry;
    slots[index].serial = next_serial++;
    free_hint = index + 1;
    handle->dwLower = index + 1;
    handle->dwUpper = slots[index].serial;
    ReleaseSRWLockExclusive(&table_lock);
    return SEC_E_OK;
}

/* Called with the lock held. */
static struct slot *find_slot(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;

    if (!handle->dwLower || handle->dwLower > slot_count) return NULL;
    slot = &slots[handle->dwLower - 1];
    if (!slot->entry || slot->serial != handle->dwUpper || slot->entry->kind != kind) return NULL;
    return slot;
}

struct sspi_object *sspi_handle_get(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;
    struct entry *entry = NULL;

    if (!handle) return NULL;
    AcquireSRWLockShared(&table_lock);
    if ((slot = find_slot(handle, kind)))
    {
        entry = slot->entry;
        InterlockedIncrement(&entry->refs);
    }
    ReleaseSRWLockShared(&table_lock);
    return entry ? &entry->obj : NULL;
}

void sspi_handle_put(struct sspi_object *obj)
{
    entry_release((struct entry *)obj);
}

BOOL sspi_handle_delete(const SecHandle *handle, enum sspi_handle_kind kind)
{
    struct slot *slot;
    struct entry *entry = NULL;

    if (!handle) return FALSE;
    AcquireSRWLockExclusive(&table_lock);
    if ((slot = find_slot(handle, kind)))
    {
        entry = slot->entry;
        slot->entry = NULL;
        if (handle->dwLower - 1 < free_hint) free_hint = handle->dwLower - 1;
    }
    ReleaseSRWLockExclusive(&table_lock);
    if (!entry) return FALSE;
    entry_release(entry);
    return TRUE;
}
