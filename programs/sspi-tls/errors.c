/*
 * sspi-tls: the one error line a failed run prints, and names for status codes.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <sspi.h>
#include <wincrypt.h>

#include "errors.h"

static char message[512];
static int code;

BOOL error_set(int exit_code, const char *format, ...)
{
    va_list args;

    if (code) return FALSE;     /* the first failure is the cause; later ones follow from it */
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    code = exit_code;
    return FALSE;
}

static void one_line(void)
{
    char *p;

    for (p = message; *p; p++) if ((unsigned char)*p < 0x20) *p = '?';   /* one line, whatever the input */
}

int error_report(void)
{
    one_line();
    fprintf(stderr, "sspi-tls: %s\n", code ? message : "failed");
    return code ? code : EXIT_TLS;
}

int error_take(char *buffer, size_t size)
{
    int taken = code ? code : EXIT_TLS;

    one_line();
    snprintf(buffer, size, "%s", code ? message : "failed");
    code = 0;
    message[0] = 0;
    return taken;
}

#define NAME(x) { x, #x }
static const struct { LONG status; const char *name; } names[] =
{
    NAME(SEC_E_OK), NAME(SEC_E_UNSUPPORTED_FUNCTION), NAME(SEC_E_INVALID_HANDLE), NAME(SEC_E_INVALID_TOKEN),
    NAME(SEC_E_INTERNAL_ERROR), NAME(SEC_E_SECPKG_NOT_FOUND), NAME(SEC_E_NO_CREDENTIALS),
    NAME(SEC_E_UNKNOWN_CREDENTIALS), NAME(SEC_E_ILLEGAL_MESSAGE), NAME(SEC_E_ALGORITHM_MISMATCH),
    NAME(SEC_E_DECRYPT_FAILURE), NAME(SEC_E_CERT_UNKNOWN), NAME(SEC_E_CERT_EXPIRED),
    NAME(SEC_E_UNTRUSTED_ROOT), NAME(SEC_E_WRONG_PRINCIPAL), NAME(SEC_E_INCOMPLETE_MESSAGE),
    NAME(SEC_E_CONTEXT_EXPIRED), NAME(SEC_E_INSUFFICIENT_MEMORY), NAME(SEC_E_INVALID_PARAMETER),
    NAME(SEC_E_MESSAGE_ALTERED), NAME(SEC_E_BUFFER_TOO_SMALL), NAME(SEC_I_CONTEXT_EXPIRED),
    NAME(CERT_E_UNTRUSTEDROOT), NAME(CERT_E_CHAINING), NAME(CERT_E_CN_NO_MATCH), NAME(CERT_E_EXPIRED),
    NAME(CERT_E_WRONG_USAGE), NAME(CERT_E_REVOKED), NAME(CERT_E_UNTRUSTEDTESTROOT),
    NAME(TRUST_E_CERT_SIGNATURE), NAME(CRYPT_E_REVOCATION_OFFLINE), NAME(CRYPT_E_NO_REVOCATION_CHECK),
};

const char *status_text(LONG status)
{
    static char text[4][80];
    static LONG next;
    char *out = text[InterlockedIncrement(&next) % 4];    /* a few may sit in one printf */
    size_t i;

    for (i = 0; i < ARRAYSIZE(names); i++)
        if (names[i].status == status)
        {
            snprintf(out, sizeof(text[0]), "0x%08lx %s", (unsigned long)status, names[i].name);
            return out;
        }
    snprintf(out, sizeof(text[0]), "0x%08lx", (unsigned long)status);
    return out;
}
