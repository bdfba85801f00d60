/*
 * secur32.dll's internal exports, which Microsoft does not describe (their callers are parts of
 * Windows: the LSA, the SMB and Kerberos clients, the user-mode context import), and the target
 * information marshalling, whose blob format is not public: each fails the way its kind of
 * function does when it cannot serve (docs/windows-behaviour.md).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_stub.h"

DEFAULT_DEBUG_CHANNEL(stub);

STUB_NT(CredMarshalTargetInfo, 3)
STUB_NT(CredParseUserNameWithType, 4)
STUB_NT(CredUnmarshalTargetInfo, 4)
STUB_NT(SecCacheSspiPackages, 0)
STUB_NT(SecDeleteUserModeContext, 1)
STUB_NT(SecInitUserModeContext, 2)
STUB_NT(SeciAllocateAndSetCallFlags, 2)
STUB_NT(SeciAllocateAndSetIPAddress, 3)
STUB_NT(SeciFreeCallContext, 0)
STUB_VOID(SecpFreeMemory, 1)
STUB_NT(SecpSetIPAddress, 2)
STUB_NT(SecpTranslateName, 6)
STUB_NT(SecpTranslateNameEx, 6)
