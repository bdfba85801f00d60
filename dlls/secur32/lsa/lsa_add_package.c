/*
 * AddSecurityPackage and DeleteSecurityPackage: an SSP/AP DLL loaded at run time, hosted as the
 * packages of the registry are.  DeleteSecurityPackage does what Microsoft documents: it takes a
 * provider off the list Negotiate chooses from.  Handles refer to a package's tables for as long
 * as they live, so the package itself stays loaded, and callable by name, until the process ends.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static SRWLOCK add_lock = SRWLOCK_INIT;
static BOOL deleted[LSA_MAX_PACKAGES];   /* taken off Negotiate's list, by index in lsa_packages */

BOOL lsa_negotiable(const struct lsa_package *package)
{
    return !deleted[package - lsa_packages];
}

/* Adding a DLL again puts its packages back on Negotiate's list. */
static void undelete_module(const WCHAR *dll)
{
    HMODULE module = GetModuleHandleW(dll);
    ULONG i;

    for (i = 0; module && i < lsa_package_count; i++) if (lsa_packages[i].module == module) deleted[i] = FALSE;
}

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
    if ((loaded = lsa_load_package(name))) undelete_module(name);
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

/* Only the hosted packages are Negotiate's providers: Negotiate and Schannel are not on its list. */
SECURITY_STATUS WINAPI DeleteSecurityPackageW(WCHAR *name)
{
    const struct lsa_package *package;
    SECURITY_STATUS status = SEC_E_SECPKG_NOT_FOUND;

    TRACE("%s\n", dbgstr_w(name));
    if (!name) return SEC_E_INVALID_PARAMETER;
    LSA_FORWARD(SECURITY_STATUS, DeleteSecurityPackageW, name);
    lsa_load_packages();
    AcquireSRWLockExclusive(&add_lock);
    if ((package = lsa_find_package_w(name)) && lsa_negotiable(package))
    {
        deleted[package - lsa_packages] = TRUE;
        status = SEC_E_OK;
    }
    ReleaseSRWLockExclusive(&add_lock);
    return status;
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
