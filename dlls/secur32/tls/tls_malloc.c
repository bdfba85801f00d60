/*
 * malloc, calloc, realloc and free for the code linked into the DLL (GnuTLS, nettle, GMP and
 * MinGW's helpers, which call them by these names): a small per-thread cache of freed blocks in
 * front of the process heap.  Wine's heap takes a critical section per call, and GnuTLS allocates
 * and frees a buffer per record; most blocks come back to the thread that freed the last one of
 * their size.  msvcrt's own allocations (which it frees itself) are untouched.
 *
 * Secrets: GnuTLS, nettle and GMP wipe key material before they free it, as they do over msvcrt.
 * What this layer adds is the copy a moving realloc leaves behind, so it wipes that one.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <winternl.h>

#include "tls_engine.h"

/* Classes of 32 << K bytes including the header; bigger blocks go straight to the heap. */
#define CLASSES 11
#define MIN_CLASS_BITS 5
#define LARGE CLASSES
#define SMALL_CACHED 16     /* blocks kept per class up to 1 KiB */
#define BIG_CACHED 2        /* and above: 156 KiB at most per thread */
#define NO_CACHE ((struct thread_cache *)1)     /* the thread is ending: heap only */

struct header
{
    SIZE_T size;        /* what the caller asked for */
    SIZE_T class;       /* 16 bytes in all: the caller's block stays 16-byte aligned */
};

struct thread_cache
{
    struct header *free[CLASSES];
    unsigned count[CLASSES];
};

static DWORD cache_index = TLS_OUT_OF_INDEXES;

void tls_malloc_startup(void)
{
    cache_index = TlsAlloc();
}

/* NtCurrentTeb(), whose inline segment read GCC 12 takes for an out-of-bounds access. */
static TEB *current_teb(void)
{
    TEB *teb;
#ifdef __x86_64__
    __asm__("movq %%gs:0x30, %0" : "=r" (teb));
#else
    __asm__("movl %%fs:0x18, %0" : "=r" (teb));
#endif
    return teb;
}

/* The thread's cache without touching its last error (TlsGetValue clears it). */
static struct thread_cache *get_cache(void)
{
    struct thread_cache *cache;
    DWORD error;

    if (cache_index < ARRAYSIZE(((TEB *)0)->TlsSlots)) return current_teb()->TlsSlots[cache_index];
    if (cache_index == TLS_OUT_OF_INDEXES) return NO_CACHE;
    error = GetLastError();
    cache = TlsGetValue(cache_index);
    SetLastError(error);
    return cache;
}

static struct thread_cache *make_cache(void)
{
    struct thread_cache *cache = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*cache));
    DWORD error = GetLastError();

    if (!cache) return NO_CACHE;
    TlsSetValue(cache_index, cache);
    SetLastError(error);
    return cache;
}

static unsigned class_of(SIZE_T total)
{
    unsigned class = 0;

    while (class < CLASSES && total > (SIZE_T)1 << (class + MIN_CLASS_BITS)) class++;
    return class;
}

static unsigned cache_limit(unsigned class)
{
    return class + MIN_CLASS_BITS <= 10 ? SMALL_CACHED : BIG_CACHED;
}

static void *allocate(size_t size)
{
    struct thread_cache *cache;
    struct header *block;
    unsigned class;

    if (size > MAXSIZE_T - sizeof(*block)) return NULL;
    class = class_of(size + sizeof(*block));
    if (class != LARGE && (cache = get_cache()) != NO_CACHE && cache && (block = cache->free[class]))
    {
        cache->free[class] = *(struct header **)block;
        cache->count[class]--;
    }
    else if (!(block = HeapAlloc(GetProcessHeap(), 0, class == LARGE ? size + sizeof(*block)
                                                                     : (SIZE_T)1 << (class + MIN_CLASS_BITS))))
        return NULL;
    block->size = size;
    block->class = class;
    return block + 1;
}

void *malloc(size_t size)
{
    return allocate(size);
}

void free(void *ptr)
{
    struct header *block = (struct header *)ptr - 1;
    struct thread_cache *cache;
    unsigned class;

    if (!ptr) return;
    class = block->class;
    if (class != LARGE && (cache = get_cache()) != NO_CACHE)
    {
        if (!cache) cache = make_cache();
        if (cache != NO_CACHE && cache->count[class] < cache_limit(class))
        {
            *(struct header **)block = cache->free[class];
            cache->free[class] = block;
            cache->count[class]++;
            return;
        }
    }
    HeapFree(GetProcessHeap(), 0, block);
}

void *calloc(size_t count, size_t size)
{
    void *ptr;

    if (size && count > MAXSIZE_T / size) return NULL;
    /* Not malloc: GCC would fold malloc and memset into a call to calloc, this one. */
    if ((ptr = allocate(count * size))) memset(ptr, 0, count * size);
    return ptr;
}

void *realloc(void *ptr, size_t size)
{
    struct header *block = (struct header *)ptr - 1;
    void *moved;

    if (!ptr) return allocate(size);
    if (!size)
    {
        free(ptr);
        return NULL;
    }
    /* A small block that still fits its class stays where it is. */
    if (block->class != LARGE && size <= ((SIZE_T)1 << (block->class + MIN_CLASS_BITS)) - sizeof(*block))
    {
        block->size = size;
        return ptr;
    }
    if (!(moved = allocate(size))) return NULL;
    memcpy(moved, ptr, min(size, block->size));
    SecureZeroMemory(ptr, block->size);
    free(ptr);
    return moved;
}

/* DLL_THREAD_DETACH: the thread's blocks go back to the heap, and what it frees from here on too. */
void tls_malloc_thread_exit(void)
{
    struct thread_cache *cache;
    struct header *block;
    unsigned class;

    if ((cache = get_cache()) == NO_CACHE) return;
    TlsSetValue(cache_index, NO_CACHE);
    if (!cache) return;
    for (class = 0; class < CLASSES; class++)
        while ((block = cache->free[class]))
        {
            cache->free[class] = *(struct header **)block;
            HeapFree(GetProcessHeap(), 0, block);
        }
    HeapFree(GetProcessHeap(), 0, cache);
}

/* DLL_PROCESS_DETACH: after this every call goes to the heap (the CRT's exit code still frees).
 * Other threads' caches, should the DLL be unloaded while they run, stay with the heap. */
void tls_malloc_shutdown(void)
{
    DWORD index = cache_index;

    tls_malloc_thread_exit();
    if (index == TLS_OUT_OF_INDEXES) return;
    cache_index = TLS_OUT_OF_INDEXES;
    TlsFree(index);
}
