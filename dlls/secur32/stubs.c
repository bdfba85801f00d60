/*
 * secur32.dll's internal exports, which Microsoft does not describe (their callers are parts of
 * Windows: the LSA, the SMB and Kerberos clients, the user-mode context import), and the target
 * information marshalling, whose blob format is not public.  On Windows, where Windows' own
 * secur32 forwards these names to sspicli.dll, so do we (sspicli's real implementation serves
 * them); under Wine, whose sspicli forwards back here, each fails the way its kind of function
 * does when it cannot serve (docs/windows-behaviour.md).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_stub.h"
#include "lsa/lsa_private.h"

DEFAULT_DEBUG_CHANNEL(stub);

/* An NTSTATUS export: sspicli's where the LSA is real, else STATUS_NOT_IMPLEMENTED. */
#define FORWARD_NT(name, n) \
    LONG WINAPI name(STUB_ARGS##n); \
    LONG WINAPI name(STUB_ARGS##n) \
    { \
        LSA_FORWARD(LONG, name, STUB_PASS##n); \
        FIXME("not implemented\n"); \
        return STATUS_NOT_IMPLEMENTED; \
    }

FORWARD_NT(CredMarshalTargetInfo, 3)
FORWARD_NT(CredParseUserNameWithType, 4)
FORWARD_NT(CredUnmarshalTargetInfo, 4)
FORWARD_NT(SecCacheSspiPackages, 0)
FORWARD_NT(SecDeleteUserModeContext, 1)
FORWARD_NT(SecInitUserModeContext, 2)
FORWARD_NT(SeciAllocateAndSetCallFlags, 2)
FORWARD_NT(SeciAllocateAndSetIPAddress, 3)
FORWARD_NT(SeciFreeCallContext, 0)
FORWARD_NT(SecpSetIPAddress, 2)
FORWARD_NT(SecpTranslateName, 6)
FORWARD_NT(SecpTranslateNameEx, 6)

void WINAPI SecpFreeMemory(STUB_ARGS1);
void WINAPI SecpFreeMemory(STUB_ARGS1)
{
    void (WINAPI *forward)(ULONG_PTR) = (void *)lsa_forward("SecpFreeMemory");

    if (forward) { forward(a1); return; }
    FIXME("not implemented\n");
}
