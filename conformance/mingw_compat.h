/*
 * Force-included into Wine's conformance tests (conformance/local.mk), which are built unmodified:
 * what Wine's own headers declare for them and mingw-w64's do not.  main.c includes only windef.h
 * and winbase.h, whose Wine versions pull in the console API that wine/test.h's STANDALONE main()
 * calls; mingw-w64's need wincon.h (which needs wingdi.h) for it.  Wine 10's wine/debug.h
 * declares ntdll's debug functions DECLSPEC_EXPORT, which Wine's winnt.h defines and mingw-w64's
 * does not.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windef.h>
#include <winbase.h>
#include <wingdi.h>
#include <wincon.h>

#ifndef DECLSPEC_EXPORT
#define DECLSPEC_EXPORT __declspec(dllexport)
#endif
