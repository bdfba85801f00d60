/*
 * The package registry: which security packages this DLL serves, and the calls that describe
 * them (EnumerateSecurityPackages, QuerySecurityPackageInfo).  A new package adds one line to
 * package_sets[], in the order Windows lists them: Negotiate, the hosted LSA packages (Kerberos,
 * NTLM, third-party ones), then Schannel.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "schannel/schannel_package.h"
#include "lsa/lsa_packages.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

struct package_set
{
    const struct sspi_package *packages;
    const ULONG *count;
};

static const struct package_set package_sets[] =
{
    { negotiate_packages, &negotiate_package_count },
    { lsa_sspi_packages, &lsa_sspi_package_count },
    { schannel_packages, &schannel_package_count },
};

/* The hosted packages are found on first use (they load DLLs, which DllMain must not). */
#define FOR_EACH_PACKAGE(pkg, set) \
    lsa_load_packages(); \
    for (set = package_sets; set < package_sets + ARRAYSIZE(package_sets); set++) \
        for (pkg = set->packages; pkg < set->packages + *set->count; pkg++)

const struct sspi_package *sspi_find_package(const WCHAR *name)
{
    const struct package_set *set;
    const struct sspi_package *pkg;

    if (!name) return NULL;
    FOR_EACH_PACKAGE(pkg, set)
        if (!lstrcmpiW(pkg->name, name)) return pkg;
    return NULL;
}

/* Both the A and W forms are packed into one block: the info array, then the strings, so that one
 * FreeContextBuffer frees everything. */
static SIZE_T string_size(const WCHAR *str, BOOL unicode)
{
    return unicode ? (lstrlenW(str) + 1) * sizeof(WCHAR) : (SIZE_T)sspi_wtoa_size(str);
}

static char *pack_string(const WCHAR *str, char *dst, BOOL unicode)
{
    SIZE_T size = string_size(str, unicode);

    if (unicode) memcpy(dst, str, size);
    else sspi_wtoa_into(str, dst, size);
    return dst + size;
}

/* SecPkgInfoA and SecPkgInfoW have the same layout; only the string types differ. */
static void *pack_infos(const struct sspi_package **pkgs, ULONG count, BOOL unicode)
{
    SIZE_T size = count * sizeof(SecPkgInfoW);
    SecPkgInfoW *infos;
    char *strings;
    ULONG i;

    for (i = 0; i < count; i++)
        size += string_size(pkgs[i]->name, unicode) + string_size(pkgs[i]->comment, unicode);
    if (!(infos = sspi_alloc(size))) return NULL;
    strings = (char *)(infos + count);
    for (i = 0; i < count; i++)
    {
        infos[i].fCapabilities = pkgs[i]->capabilities;
        infos[i].wVersion = pkgs[i]->version;
        infos[i].wRPCID = pkgs[i]->rpc_id;
        infos[i].cbMaxToken = pkgs[i]->max_token;
        infos[i].Name = (WCHAR *)strings;
        strings = pack_string(pkgs[i]->name, strings, unicode);
        infos[i].Comment = (WCHAR *)strings;
        strings = pack_string(pkgs[i]->comment, strings, unicode);
    }
    return infos;
}

void *sspi_package_info(const struct sspi_package *package, BOOL unicode)
{
    return pack_infos(&package, 1, unicode);
}

static SECURITY_STATUS enumerate_packages(ULONG *count, void **infos, BOOL unicode)
{
    const struct sspi_package *all[32];
    const struct package_set *set;
    const struct sspi_package *pkg;
    ULONG n = 0;

    if (!count || !infos) return SEC_E_INVALID_PARAMETER;
    FOR_EACH_PACKAGE(pkg, set)
        if (n < ARRAYSIZE(all)) all[n++] = pkg;
    if (!(*infos = pack_infos(all, n, unicode))) return SEC_E_INSUFFICIENT_MEMORY;
    *count = n;
    return SEC_E_OK;
}

static SECURITY_STATUS query_package_info(const WCHAR *name, void **info, BOOL unicode)
{
    const struct sspi_package *pkg;
    void *result;

    /* A failure leaves *INFO as it was (Wine's main.c conformance test). */
    if (!info) return SEC_E_INVALID_PARAMETER;
    if (!(pkg = sspi_find_package(name)))
    {
        WARN("no package %s\n", dbgstr_w(name));
        return SEC_E_SECPKG_NOT_FOUND;
    }
    if (!(result = sspi_package_info(pkg, unicode))) return SEC_E_INSUFFICIENT_MEMORY;
    *info = result;
    return SEC_E_OK;
}

SECURITY_STATUS WINAPI EnumerateSecurityPackagesW(ULONG *count, SecPkgInfoW **infos)
{
    TRACE("%p %p\n", count, infos);
    return enumerate_packages(count, (void **)infos, TRUE);
}

SECURITY_STATUS WINAPI EnumerateSecurityPackagesA(ULONG *count, SecPkgInfoA **infos)
{
    TRACE("%p %p\n", count, infos);
    return enumerate_packages(count, (void **)infos, FALSE);
}

SECURITY_STATUS WINAPI QuerySecurityPackageInfoW(SEC_WCHAR *name, SecPkgInfoW **info)
{
    TRACE("%s %p\n", dbgstr_w(name), info);
    return query_package_info(name, (void **)info, TRUE);
}

SECURITY_STATUS WINAPI QuerySecurityPackageInfoA(SEC_CHAR *name, SecPkgInfoA **info)
{
    SECURITY_STATUS status;
    WCHAR *nameW = NULL;

    TRACE("%s %p\n", dbgstr_a(name), info);
    if (name && !(nameW = sspi_strdup_atow(name))) return SEC_E_INSUFFICIENT_MEMORY;
    status = query_package_info(nameW, (void **)info, FALSE);
    sspi_free(nameW);
    return status;
}

/* Buffers handed out may hold secrets (SESSION_KEY, KEYING_MATERIAL): wiped before they go. */
SECURITY_STATUS WINAPI FreeContextBuffer(void *buffer)
{
    SIZE_T size;

    TRACE("%p\n", buffer);
    if (buffer && (size = HeapSize(GetProcessHeap(), 0, buffer)) != (SIZE_T)-1) SecureZeroMemory(buffer, size);
    sspi_free(buffer);
    return SEC_E_OK;
}
