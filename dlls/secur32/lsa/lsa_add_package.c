/*
 * AddSecurityPackage and DeleteSecurityPackage: an SSP/AP DLL loaded at run time, hosted as the
 * packages of the registry are.  Handles refer to a package's tables for as long as they live,
 * so a hosted package stays loaded until the process ends.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static SRWLOCK add_lock = SRWLOCK_INIT;

SECURITY_STATUS WINAPI AddSecurityPackageW(WCHAR *name, SECURITY_PACKAGE_OPTIONS *options)
{
    BOOL loaded;

    TRACE("%s %p\n", dbgstr_w(name), options);
    if (!name || !*name) return SEC_E_INVALID_PARAMETER;
    if (options && options->Type == SECPKG_OPTIONS_TYPE_SSPI)
    {
        FIXME("SSPI-only providers are not supported\n");
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
    LSA_FORWARD(SECURITY_STATUS, AddSecurityPackageW, name, options);
    AcquireSRWLockExclusive(&add_lock);
    loaded = lsa_load_package(name);
    ReleaseSRWLockExclusive(&add_lock);
    return loaded ? SEC_E_OK : SEC_E_SECPKG_NOT_FOUND;
}

SECURITY_STATUS WINAPI AddSecurityPackageA(char *name, SECURITY_PACKAGE_OPTIONS *options)
{
    SECURITY_STATUS status;
    WCHAR *nameW;

    if (!name) return SEC_E_INVALID_PARAMETER;
    if (!(nameW = sspi_strdup_atow(name))) return SEC_E_INSUFFICIENT_MEMORY;
    status = AddSecurityPackageW(nameW, options);
    sspi_free(nameW);
    return status;
}

SECURITY_STATUS WINAPI DeleteSecurityPackageW(WCHAR *name)
{
    TRACE("%s\n", dbgstr_w(name));
    if (!name) return SEC_E_INVALID_PARAMETER;
    LSA_FORWARD(SECURITY_STATUS, DeleteSecurityPackageW, name);
    if (!sspi_find_package(name)) return SEC_E_SECPKG_NOT_FOUND;
    FIXME("%s stays loaded: its handles may still be in use\n", dbgstr_w(name));
    return SEC_E_UNSUPPORTED_FUNCTION;
}

SECURITY_STATUS WINAPI DeleteSecurityPackageA(char *name)
{
    SECURITY_STATUS status;
    WCHAR *nameW;

    if (!name) return SEC_E_INVALID_PARAMETER;
    if (!(nameW = sspi_strdup_atow(name))) return SEC_E_INSUFFICIENT_MEMORY;
    status = DeleteSecurityPackageW(nameW);
    sspi_free(nameW);
    return status;
}
