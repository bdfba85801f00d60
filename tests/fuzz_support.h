/*
 * The fuzzers' shared parts: a PRNG seeded per target and iteration (so one iteration replays
 * alone), mutations of records, flights and opaque tokens, a crash handler and a hang watchdog that
 * save the input being tried, and a tally of the statuses seen.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef FUZZ_SUPPORT_H
#define FUZZ_SUPPORT_H

#include <windows.h>
#define SECURITY_WIN32
#include <sspi.h>

/* The connections fuzzed: TLS 1.2, TLS 1.3 and DTLS 1.2 (SP_PROT_* of both sides, the extra
 * ISC_REQ_ / ASC_REQ_ flags, and the record header's size). */
struct fuzz_protocol
{
    const char *name;
    DWORD protocols;
    ULONG client_req, server_req;
    SIZE_T header;
};
extern const struct fuzz_protocol fuzz_protocols[3];

struct fuzz_rng { ULONGLONG state; };

ULONG fuzz_next(struct fuzz_rng *rng);
/* A value in [0, n); 0 when n is 0. */
ULONG fuzz_below(struct fuzz_rng *rng, ULONG n);

/* The run's settings, from the environment (make fuzz sets them):
 * SECUR32_FUZZ_SEED, SECUR32_FUZZ_ITERATIONS (per target; 0 or unset: the program's short count),
 * SECUR32_FUZZ_FROM (first iteration), SECUR32_FUZZ_TARGET (only targets whose name contains it),
 * SECUR32_FUZZ_REPLAY (a saved input, tried in place of the mutation at iteration FROM). */
struct fuzz_run
{
    ULONG seed;
    ULONG first, iterations;
    const char *only;
    BYTE *replay;
    SIZE_T replay_size;
};
void fuzz_setup(struct fuzz_run *run, ULONG short_iterations);
BOOL fuzz_wants(const struct fuzz_run *run, const char *target);
/* The generator for one iteration of one target: the same seed, target and iteration give the
 * same mutations. */
void fuzz_seed(struct fuzz_rng *rng, const struct fuzz_run *run, const char *target, ULONG iteration);

/* Mutates DATA (SIZE bytes, room for CAPACITY) in place, one to four times; returns the name of the
 * first mutation.  HEADER is the record header's size (5 for TLS, 13 for DTLS, 0 for an opaque
 * token), so header type, version and length changes hit real record boundaries.  SPLICE (may be
 * NULL) is other real traffic to splice from. */
const char *fuzz_mutate(struct fuzz_rng *rng, BYTE *data, SIZE_T *size, SIZE_T capacity, SIZE_T header,
                        const BYTE *splice, SIZE_T splice_size);

/* Marks the input being tried (kept until the next call): a fatal exception or a call that has not
 * returned after SECUR32_FUZZ_HANG_MS (default 30 s, a hang detector, not a timing check) writes it
 * to fuzz-TARGET-SEED-ITERATION.bin in the working folder, prints the replay command and ends the
 * process with exit code 3.  A NULL target means no call is in progress. */
void fuzz_trying(const struct fuzz_run *run, const char *target, ULONG iteration, const BYTE *data, SIZE_T size);
/* Writes the current input to its file now and prints where; returns the file's name. */
const char *fuzz_save(void);
/* ok() that saves the input when the check fails. */
#define fuzz_ok(cond, ...) do { BOOL fuzz_ok_ = !!(cond); if (!fuzz_ok_) fuzz_save(); ok(fuzz_ok_, __VA_ARGS__); } while (0)

/* Statuses seen by one target. */
struct fuzz_tally
{
    ULONG inputs;
    ULONG kinds;
    SECURITY_STATUS status[32];
    ULONG count[32];
};
void fuzz_count(struct fuzz_tally *tally, SECURITY_STATUS status);
/* "N inputs: 0x... xN, ..." */
const char *fuzz_tally_text(const struct fuzz_tally *tally);
BOOL fuzz_status_in(SECURITY_STATUS status, const SECURITY_STATUS *set, SIZE_T count);

#endif /* FUZZ_SUPPORT_H */
