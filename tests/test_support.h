/*
 * Helpers shared by the test programs.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <windows.h>

/* TRUE when the named module in this process is one of Wine's builtin DLLs (the reference run
 * under Wine), FALSE for ours and for Windows' own. */
BOOL is_wine_builtin(const char *module);

/* TRUE when the named module was loaded from the test program's own folder: that is how the tests
 * run our DLLs, on Wine as on Windows. */
BOOL is_ours(const char *module);

/* The major number of the Wine this runs on (8, 10), 0 on Windows. */
int wine_major_version(void);

/* Marks a check where Wine's builtin secur32 is known to differ from Windows: counted as todo in
 * the reference run under Wine, as an ordinary check against ours and on Windows. */
#define todo_builtin todo_if(is_wine_builtin("secur32.dll"))
#define todo_builtin_if(cond) todo_if((cond) && is_wine_builtin("secur32.dll"))
/* The same where only the builtin of Wine 10 (and later) differs from Windows (Wine 8's agrees). */
#define todo_builtin10 todo_builtin_if(wine_major_version() >= 10)
/* The same where only the builtin of Wine 8 differs from Windows (Wine 10's agrees). */
#define todo_builtin8 todo_builtin_if(wine_major_version() < 10)

#if defined(__WINE_WINE_TEST_H) && defined(TLS_SUPPORT_H)
/* The start of a test program that needs a server: skips (NULL) against Wine's builtin secur32, else
 * makes the server certificate.  Wine 8's has no AcceptSecurityContext; Wine 10's has one, but
 * where it differs from Windows in these programs (hundreds of checks) is not marked yet. */
static inline PCCERT_CONTEXT start_server_tests(void)
{
    PCCERT_CONTEXT cert;

    if (is_wine_builtin("secur32.dll"))
    {
        if (wine_major_version() < 10) skip("Wine %d's builtin secur32 has no AcceptSecurityContext\n", wine_major_version());
        else skip("Wine %d's builtin secur32: its server's differences from Windows are not marked yet\n",
                  wine_major_version());
        return NULL;
    }
    cert = make_test_certificate("localhost");
    ok(cert != NULL, "no test certificate: %lu\n", GetLastError());
    return cert;
}
#endif

#endif /* TEST_SUPPORT_H */
