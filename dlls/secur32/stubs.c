/*
 * secur32.dll exports outside the SSPI proper (LSA, SASL, package loading, credential marshalling):
 * not implemented yet, each failing the way its kind of function documents.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_stub.h"

DEFAULT_DEBUG_CHANNEL(stub);

STUB_WIN32(CloseLsaPerformanceData, 0)
STUB_WIN32(CollectLsaPerformanceData, 4)
STUB_NT(CredMarshalTargetInfo, 3)
STUB_NT(CredParseUserNameWithType, 4)
STUB_NT(CredUnmarshalTargetInfo, 4)
STUB_NT(GetSecurityUserInfo, 3)
STUB_WIN32(OpenLsaPerformanceData, 1)
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
