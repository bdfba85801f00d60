/*
 * sspi-tls: the one error line a failed run prints, its exit code, and names for status codes.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_ERRORS_H
#define SSPI_TLS_ERRORS_H

#include <windows.h>

/* Exit codes (docs/sspi-tls.md). */
#define EXIT_TLS          1     /* handshake, records, --expect, --verify */
#define EXIT_USAGE        2     /* unknown option, missing or bad argument */
#define EXIT_NETWORK      3     /* name resolution, connect, accept, timeouts, peer gone */
#define EXIT_CREDENTIALS  4     /* certificate file, password, store, AcquireCredentialsHandle */

/* Records the first failure of a run; always returns FALSE, so callers write
 * "return error_set(...)". */
BOOL error_set(int exit_code, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Prints the recorded failure as one line on stderr and returns its exit code. */
int error_report(void);
/* Takes the recorded failure (its message into BUFFER, made one line) and clears it, so a server
 * can report one connection's failure and go on; returns its exit code, 0 when none. */
int error_take(char *buffer, size_t size);

/* "0x80090302 SEC_E_UNSUPPORTED_FUNCTION", or the number alone when the code has no name here. */
const char *status_text(LONG status);

#endif
