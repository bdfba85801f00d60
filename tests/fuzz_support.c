/*
 * The fuzzers' shared parts.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include <schannel.h>

const struct fuzz_protocol fuzz_protocols[3] =
{
    { "TLS 1.2", SP_PROT_TLS1_2, 0, 0, 5 },
    { "TLS 1.3", SP_PROT_TLS1_3, 0, 0, 5 },
    { "DTLS 1.2", SP_PROT_DTLS1_2, ISC_REQ_DATAGRAM, ASC_REQ_DATAGRAM, 13 },
};

/* splitmix64: small, fast and good enough to pick mutations. */
ULONG fuzz_next(struct fuzz_rng *rng)
{
    ULONGLONG z = (rng->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (ULONG)((z ^ (z >> 31)) >> 16);
}

ULONG fuzz_below(struct fuzz_rng *rng, ULONG n)
{
    return n ? fuzz_next(rng) % n : 0;
}

static ULONGLONG env_number(const char *name, ULONGLONG fallback)
{
    const char *value = getenv(name);
    return value && *value ? _strtoui64(value, NULL, 0) : fallback;
}

static BYTE *read_file(const char *name, SIZE_T *size)
{
    BYTE *data = NULL;
    long length;
    FILE *file;

    if (!(file = fopen(name, "rb"))) return NULL;
    if (!fseek(file, 0, SEEK_END) && (length = ftell(file)) >= 0 && !fseek(file, 0, SEEK_SET) &&
        (data = malloc(length + 1)))
        *size = fread(data, 1, length, file);
    fclose(file);
    return data;
}

static LONG CALLBACK crash_handler(EXCEPTION_POINTERS *info);
static DWORD WINAPI watchdog(void *arg);

void fuzz_setup(struct fuzz_run *run, ULONG short_iterations)
{
    const char *replay = getenv("SECUR32_FUZZ_REPLAY");

    memset(run, 0, sizeof(*run));
    run->seed = (ULONG)env_number("SECUR32_FUZZ_SEED", 20261201);
    run->first = env_number("SECUR32_FUZZ_FROM", 0);
    run->iterations = env_number("SECUR32_FUZZ_ITERATIONS", 0);
    if (!run->iterations) run->iterations = short_iterations;
    run->only = getenv("SECUR32_FUZZ_TARGET");
    if (run->only && !*run->only) run->only = NULL;
    if (replay && *replay)
    {
        if (!(run->replay = read_file(replay, &run->replay_size)))
            fprintf(stderr, "cannot read %s\n", replay);
        run->iterations = 1;
    }
    AddVectoredExceptionHandler(1, crash_handler);
    CloseHandle(CreateThread(NULL, 0, watchdog, NULL, 0, NULL));
}

/* A program's whole target ("api") is wanted for the name of one of its parts too, as the replay
 * line prints it. */
BOOL fuzz_wants(const struct fuzz_run *run, const char *target)
{
    return !run->only || strstr(target, run->only) || strstr(run->only, target);
}

void fuzz_seed(struct fuzz_rng *rng, const struct fuzz_run *run, const char *target, ULONG iteration)
{
    ULONGLONG hash = 1469598103934665603ull;

    for (; *target; target++) hash = (hash ^ (BYTE)*target) * 1099511628211ull;
    rng->state = run->seed ^ hash ^ ((ULONGLONG)iteration << 32 | iteration);
    fuzz_next(rng);
}

/* Values that tend to sit on boundaries. */
static BYTE interesting_byte(struct fuzz_rng *rng)
{
    static const BYTE values[] = { 0x00, 0x01, 0x03, 0x04, 0x10, 0x14, 0x15, 0x16, 0x17, 0x18, 0x40, 0x7f,
                                   0x80, 0xfe, 0xfd, 0xff };
    return fuzz_below(rng, 2) ? values[fuzz_below(rng, ARRAYSIZE(values))] : (BYTE)fuzz_next(rng);
}

/* The offset of a random record's header, walking the record lengths; 0 when none is whole. */
static SIZE_T pick_record(struct fuzz_rng *rng, const BYTE *data, SIZE_T size, SIZE_T header)
{
    SIZE_T offsets[64], count = 0, pos = 0;

    while (pos + header <= size && count < ARRAYSIZE(offsets))
    {
        offsets[count++] = pos;
        pos += header + (data[pos + header - 2] << 8 | data[pos + header - 1]);
    }
    return count ? offsets[fuzz_below(rng, count)] : 0;
}

static void set_length(BYTE *data, SIZE_T at, struct fuzz_rng *rng)
{
    USHORT length = data[at] << 8 | data[at + 1];
    static const USHORT values[] = { 0, 1, 0x3fff, 0x4000, 0x4001, 0x4100, 0x4101, 0x4800, 0x4801, 0xffff };

    switch (fuzz_below(rng, 3))
    {
    case 0: length += fuzz_below(rng, 2) ? 1 : -1; break;
    case 1: length = values[fuzz_below(rng, ARRAYSIZE(values))]; break;
    default: length = (USHORT)fuzz_next(rng); break;
    }
    data[at] = length >> 8;
    data[at + 1] = (BYTE)length;
}

/* Functions, not windows.h's macros, which would draw a random argument twice. */
static SIZE_T smaller(SIZE_T a, SIZE_T b) { return a < b ? a : b; }
static SIZE_T larger(SIZE_T a, SIZE_T b) { return a > b ? a : b; }

static const char *mutate_once(struct fuzz_rng *rng, BYTE *data, SIZE_T *size, SIZE_T capacity, SIZE_T header,
                               const BYTE *splice, SIZE_T splice_size)
{
    static const USHORT versions[] = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0305, 0xfeff, 0xfefd, 0xfefc, 0x0000,
                                       0xffff };
    SIZE_T at, count, from, i;
    BOOL records = header && *size >= header;

    switch (fuzz_below(rng, records ? 12 : 9))
    {
    case 0:
        if (!*size) return "empty";
        at = fuzz_below(rng, *size * 8);
        data[at / 8] ^= 1 << (at % 8);
        return "bit flip";
    case 1:
        if (!*size) return "empty";
        data[fuzz_below(rng, *size)] = interesting_byte(rng);
        return "byte set";
    case 2:
        if (!*size) return "empty";
        at = fuzz_below(rng, *size);
        count = 1 + fuzz_below(rng, smaller(8, *size - at));
        for (i = 0; i < count; i++) data[at + i] = (BYTE)fuzz_next(rng);
        return "bytes set";
    case 3:
        *size = fuzz_below(rng, *size);
        return "truncation";
    case 4:
        count = smaller(capacity - *size, 1 + fuzz_below(rng, fuzz_below(rng, 2) ? 16 : 2048));
        for (i = 0; i < count; i++) data[*size + i] = fuzz_below(rng, 2) ? 0 : (BYTE)fuzz_next(rng);
        *size += count;
        return "extension";
    case 5:
        if (!*size) return "empty";
        at = fuzz_below(rng, *size);
        count = smaller(*size - at, 1 + fuzz_below(rng, 64));
        memmove(data + at, data + at + count, *size - at - count);
        *size -= count;
        return "deletion";
    case 6:
        if (!splice || !splice_size) return "no splice";
        from = fuzz_below(rng, splice_size);
        at = fuzz_below(rng, *size + 1);
        count = smaller(capacity - at, smaller(splice_size - from, 1 + fuzz_below(rng, 512)));
        memcpy(data + at, splice + from, count);
        *size = larger(*size, at + count);
        return "splice";
    case 7:
        if (!*size) return "empty";
        at = fuzz_below(rng, *size);
        count = smaller(smaller(*size - at, capacity - *size), 1 + fuzz_below(rng, 256));
        memmove(data + at + count, data + at, *size - at);
        *size += count;
        return "duplication";
    case 8:
        *size = smaller(capacity, 1 + fuzz_below(rng, 512));
        for (i = 0; i < *size; i++) data[i] = (BYTE)fuzz_next(rng);
        return "garbage";
    case 9:
        data[pick_record(rng, data, *size, header)] = interesting_byte(rng);
        return "header type";
    case 10:
        at = pick_record(rng, data, *size, header) + 1;
        i = versions[fuzz_below(rng, ARRAYSIZE(versions))];
        data[at] = i >> 8;
        data[at + 1] = (BYTE)i;
        return "header version";
    default:
        set_length(data, pick_record(rng, data, *size, header) + header - 2, rng);
        return "header length";
    }
}

const char *fuzz_mutate(struct fuzz_rng *rng, BYTE *data, SIZE_T *size, SIZE_T capacity, SIZE_T header,
                        const BYTE *splice, SIZE_T splice_size)
{
    const char *first = mutate_once(rng, data, size, capacity, header, splice, splice_size);
    ULONG more = fuzz_below(rng, 4) ? 0 : fuzz_below(rng, 4);

    while (more--) mutate_once(rng, data, size, capacity, header, splice, splice_size);
    return first;
}

/* The input being tried, for the crash handler and the watchdog. */
static struct
{
    const char *target;
    ULONG seed;
    ULONG iteration;
    const BYTE *data;
    SIZE_T size;
    LONG serial;
    char file[MAX_PATH];
} current;

const char *fuzz_save(void)
{
    char name[64];
    FILE *file;
    int i;

    /* The target's name with only letters and digits kept. */
    for (i = 0; current.target[i] && i < sizeof(name) - 1; i++)
        name[i] = isalnum((BYTE)current.target[i]) ? current.target[i] : '_';
    name[i] = 0;
    snprintf(current.file, sizeof(current.file), "fuzz-%s-%lu-%lu.bin", name, current.seed, current.iteration);
    if ((file = fopen(current.file, "wb")))
    {
        if (current.data) fwrite(current.data, 1, current.size, file);
        fclose(file);
    }
    printf("fuzz: input of \"%s\" iteration %lu saved in %s\n", current.target, current.iteration, current.file);
    return current.file;
}

static void fail_now(const char *what, DWORD code)
{
    char cwd[MAX_PATH];

    if (!current.target) return;
    fuzz_save();
    GetCurrentDirectoryA(sizeof(cwd), cwd);
    printf("fuzz: %s %#lx at target \"%s\" seed %lu iteration %lu; input in %s\\%s\n"
           "replay (in build/x86_64): make fuzz FUZZ_TARGET='%s' SEED=%lu FROM=%lu ITERATIONS=1 [REPLAY=that file]\n",
           what, code, current.target, current.seed, current.iteration, cwd, current.file, current.target,
           current.seed, current.iteration);
    fflush(stdout);
    TerminateProcess(GetCurrentProcess(), 3);
}

static LONG CALLBACK crash_handler(EXCEPTION_POINTERS *info)
{
    switch (info->ExceptionRecord->ExceptionCode)
    {
    case EXCEPTION_ACCESS_VIOLATION:
    case EXCEPTION_ILLEGAL_INSTRUCTION:
    case EXCEPTION_PRIV_INSTRUCTION:
    case EXCEPTION_INT_DIVIDE_BY_ZERO:
    case EXCEPTION_STACK_OVERFLOW:
    case EXCEPTION_ARRAY_BOUNDS_EXCEEDED:
    case EXCEPTION_IN_PAGE_ERROR:
    case 0xc0000374: /* STATUS_HEAP_CORRUPTION */
    case 0xc0000409: /* STATUS_STACK_BUFFER_OVERRUN */
        if (current.target) fail_now("crash", info->ExceptionRecord->ExceptionCode);
        break;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static DWORD WINAPI watchdog(void *arg)
{
    DWORD bound = (DWORD)env_number("SECUR32_FUZZ_HANG_MS", 30000), waited = 0;
    LONG serial = -1;

    for (;;)
    {
        Sleep(500);
        if (!current.target || current.serial != serial)
        {
            serial = current.serial;
            waited = 0;
            continue;
        }
        if ((waited += 500) >= bound) fail_now("hang", bound);
    }
    return 0;
}

void fuzz_trying(const struct fuzz_run *run, const char *target, ULONG iteration, const BYTE *data, SIZE_T size)
{
    if (target && getenv("SECUR32_FUZZ_VERBOSE")) printf("fuzz: %s %lu\n", target, iteration), fflush(stdout);
    current.seed = run->seed;
    current.iteration = iteration;
    current.data = data;
    current.size = size;
    current.target = target;
    InterlockedIncrement(&current.serial);
}

void fuzz_count(struct fuzz_tally *tally, SECURITY_STATUS status)
{
    ULONG i;

    tally->inputs++;
    for (i = 0; i < tally->kinds && tally->status[i] != status; i++);
    if (i == tally->kinds)
    {
        if (i == ARRAYSIZE(tally->status)) return;
        tally->kinds++;
        tally->status[i] = status;
    }
    tally->count[i]++;
}

const char *fuzz_tally_text(const struct fuzz_tally *tally)
{
    static char text[1024];
    int used;
    ULONG i;

    used = snprintf(text, sizeof(text), "%lu inputs:", tally->inputs);
    for (i = 0; i < tally->kinds && used < sizeof(text) - 32; i++)
        used += snprintf(text + used, sizeof(text) - used, " %#lx x%lu", tally->status[i], tally->count[i]);
    return text;
}

BOOL fuzz_status_in(SECURITY_STATUS status, const SECURITY_STATUS *set, SIZE_T count)
{
    while (count--) if (set[count] == status) return TRUE;
    return FALSE;
}
