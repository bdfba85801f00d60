/*
 * secur32.dll exports outside the SSPI proper (LSA, SASL, package loading, credential marshalling):
 * not implemented yet, each failing the way its kind of function documents.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_stub.h"

DEFAULT_DEBUG_CHANNEL(stub);

STUB_SEC(ChangeAccountPasswordA, 8)
STUB_SEC(ChangeAccountPasswordW, 8)
STUB_WIN32(CloseLsaPerformanceData, 0)
STUB_WIN32(CollectLsaPerformanceData, 4)
STUB_NT(CredMarshalTargetInfo, 3)
STUB_NT(CredParseUserNameWithType, 4)
STUB_NT(CredUnmarshalTargetInfo, 4)
STUB_NT(GetSecurityUserInfo, 3)
STUB_NT(LsaLogonUser, 14)
STUB_WIN32(OpenLsaPerformanceData, 1)
STUB_SEC(SaslAcceptSecurityContext, 9)
STUB_SEC(SaslEnumerateProfilesA, 2)
STUB_SEC(SaslEnumerateProfilesW, 2)
STUB_SEC(SaslGetContextOption, 5)
STUB_SEC(SaslGetProfilePackageA, 2)
STUB_SEC(SaslGetProfilePackageW, 2)
STUB_SEC(SaslIdentifyPackageA, 2)
STUB_SEC(SaslIdentifyPackageW, 2)
STUB_SEC(SaslInitializeSecurityContextA, 12)
STUB_SEC(SaslInitializeSecurityContextW, 12)
STUB_SEC(SaslSetContextOption, 4)
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
