/*
 * Exports that are not implemented: each returns the documented failure for its kind of function
 * and logs a FIXME.  A stub takes N pointer-sized arguments, which is how the real functions pass
 * theirs on both x86_64 and i686 (so the i686 stdcall decoration comes out as N*4).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_STUB_H
#define SSPI_STUB_H

#include <windows.h>
#include "sspi_debug.h"

#ifndef STATUS_NOT_IMPLEMENTED
#define STATUS_NOT_IMPLEMENTED ((LONG)0xC0000002)
#endif

#define STUB_ARGS0 void
#define STUB_ARGS1 ULONG_PTR a1
#define STUB_ARGS2 STUB_ARGS1, ULONG_PTR a2
#define STUB_ARGS3 STUB_ARGS2, ULONG_PTR a3
#define STUB_ARGS4 STUB_ARGS3, ULONG_PTR a4
#define STUB_ARGS5 STUB_ARGS4, ULONG_PTR a5
#define STUB_ARGS6 STUB_ARGS5, ULONG_PTR a6
#define STUB_ARGS7 STUB_ARGS6, ULONG_PTR a7
#define STUB_ARGS8 STUB_ARGS7, ULONG_PTR a8
#define STUB_ARGS9 STUB_ARGS8, ULONG_PTR a9
#define STUB_ARGS12 STUB_ARGS9, ULONG_PTR a10, ULONG_PTR a11, ULONG_PTR a12
#define STUB_ARGS14 STUB_ARGS12, ULONG_PTR a13, ULONG_PTR a14

/* The same arguments passed on, for a stub that forwards where it can. */
#define STUB_PASS0
#define STUB_PASS1 a1
#define STUB_PASS2 STUB_PASS1, a2
#define STUB_PASS3 STUB_PASS2, a3
#define STUB_PASS4 STUB_PASS3, a4
#define STUB_PASS6 STUB_PASS4, a5, a6

/* SECURITY_STATUS functions */
#define STUB_SEC(name, n) \
    LONG WINAPI name(STUB_ARGS##n); \
    LONG WINAPI name(STUB_ARGS##n) { FIXME("not implemented\n"); return (LONG)0x80090302 /* SEC_E_UNSUPPORTED_FUNCTION */; }
/* NTSTATUS functions */
#define STUB_NT(name, n) \
    LONG WINAPI name(STUB_ARGS##n); \
    LONG WINAPI name(STUB_ARGS##n) { FIXME("not implemented\n"); return STATUS_NOT_IMPLEMENTED; }
/* Functions returning a Win32 error code */
#define STUB_WIN32(name, n) \
    DWORD WINAPI name(STUB_ARGS##n); \
    DWORD WINAPI name(STUB_ARGS##n) { FIXME("not implemented\n"); return ERROR_CALL_NOT_IMPLEMENTED; }
/* BOOL/BOOLEAN functions: FALSE with the last error set */
#define STUB_BOOL(name, n) \
    BOOLEAN WINAPI name(STUB_ARGS##n); \
    BOOLEAN WINAPI name(STUB_ARGS##n) { FIXME("not implemented\n"); SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return FALSE; }
/* Functions without a result */
#define STUB_VOID(name, n) \
    void WINAPI name(STUB_ARGS##n); \
    void WINAPI name(STUB_ARGS##n) { FIXME("not implemented\n"); }

#endif /* SSPI_STUB_H */
