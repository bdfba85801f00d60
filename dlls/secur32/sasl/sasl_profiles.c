/*
 * The SASL profiles: which SASL mechanism each package serves (Windows' SaslProfiles: GSSAPI is
 * Kerberos, GSS-SPNEGO is Negotiate), SaslEnumerateProfiles, SaslGetProfilePackage and
 * SaslIdentifyPackage.  A profile is listed only while its package is served.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sasl_private.h"
#include "lsa/spnego.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sasl);

/* GSS-SPNEGO carries no RFC 4752 layer exchange: Microsoft's takes the protection from the
 * context's flags (docs/windows-behaviour.md). */
static const struct sasl_profile profiles[] =
{
    { L"GSSAPI", L"Kerberos", TRUE },
    { L"GSS-SPNEGO", L"Negotiate", FALSE },
};

const struct sasl_profile *sasl_profile_of_package(const WCHAR *package)
{
    unsigned i;

    for (i = 0; i < ARRAYSIZE(profiles); i++) if (!lstrcmpiW(profiles[i].package, package)) return &profiles[i];
    return NULL;
}

static const struct sspi_package *served_package(const struct sasl_profile *profile)
{
    return sspi_find_package(profile->package);
}

static SECURITY_STATUS enumerate_profiles(void **list, ULONG *count, BOOL unicode)
{
    SIZE_T size = unicode ? sizeof(WCHAR) : 1;
    char *out, *pos;
    ULONG n = 0;
    unsigned i;

    if (!list || !count) return SEC_E_INVALID_PARAMETER;
    for (i = 0; i < ARRAYSIZE(profiles); i++)
        if (served_package(&profiles[i]))
            size += unicode ? (lstrlenW(profiles[i].name) + 1) * sizeof(WCHAR) : (SIZE_T)sspi_wtoa_size(profiles[i].name);
    if (!(out = sspi_alloc(size))) return SEC_E_INSUFFICIENT_MEMORY;
    /* One NUL-terminated name after another, then an empty one. */
    for (i = 0, pos = out; i < ARRAYSIZE(profiles); i++)
    {
        SIZE_T len;

        if (!served_package(&profiles[i])) continue;
        len = unicode ? (lstrlenW(profiles[i].name) + 1) * sizeof(WCHAR) : (SIZE_T)sspi_wtoa_size(profiles[i].name);
        if (unicode) memcpy(pos, profiles[i].name, len);
        else sspi_wtoa_into(profiles[i].name, pos, len);
        pos += len;
        n++;
    }
    memset(pos, 0, unicode ? sizeof(WCHAR) : 1);
    *list = out;
    *count = n;
    return SEC_E_OK;
}

SECURITY_STATUS WINAPI SaslEnumerateProfilesW(WCHAR **list, ULONG *count)
{
    TRACE("%p %p\n", list, count);
    return enumerate_profiles((void **)list, count, TRUE);
}

SECURITY_STATUS WINAPI SaslEnumerateProfilesA(char **list, ULONG *count)
{
    TRACE("%p %p\n", list, count);
    return enumerate_profiles((void **)list, count, FALSE);
}

static SECURITY_STATUS profile_info(const struct sasl_profile *profile, void **info, BOOL unicode)
{
    const struct sspi_package *package;
    void *result;

    if (!profile || !(package = served_package(profile))) return SEC_E_SECPKG_NOT_FOUND;
    if (!(result = sspi_package_info(package, unicode))) return SEC_E_INSUFFICIENT_MEMORY;
    *info = result;
    return SEC_E_OK;
}

static const struct sasl_profile *find_profile(const WCHAR *name)
{
    unsigned i;

    for (i = 0; i < ARRAYSIZE(profiles); i++) if (!lstrcmpiW(profiles[i].name, name)) return &profiles[i];
    return NULL;
}

SECURITY_STATUS WINAPI SaslGetProfilePackageW(WCHAR *name, SecPkgInfoW **info)
{
    TRACE("%s %p\n", dbgstr_w(name), info);
    if (!name || !info) return SEC_E_INVALID_PARAMETER;
    return profile_info(find_profile(name), (void **)info, TRUE);
}

SECURITY_STATUS WINAPI SaslGetProfilePackageA(char *name, SecPkgInfoA **info)
{
    SECURITY_STATUS status;
    WCHAR *nameW;

    TRACE("%s %p\n", dbgstr_a(name), info);
    if (!name || !info) return SEC_E_INVALID_PARAMETER;
    if (!(nameW = sspi_strdup_atow(name))) return SEC_E_INSUFFICIENT_MEMORY;
    status = profile_info(find_profile(nameW), (void **)info, FALSE);
    sspi_free(nameW);
    return status;
}

/* The client's first token tells the profile: a GSS-API token of Kerberos (GSSAPI) or of SPNEGO
 * (GSS-SPNEGO). */
static const struct sasl_profile *identify(const SecBufferDesc *input)
{
    const SecBuffer *token = lsa_find_token(input);
    const BYTE *data = token ? token->pvBuffer : NULL, *mech;
    ULONG size = data ? token->cbBuffer : 0;

    if (!(mech = spnego_token_mech(data, size))) return NULL;
    if (spnego_is_kerberos(mech)) return &profiles[0];
    if (spnego_is_init(data, size)) return &profiles[1];
    return NULL;
}

static SECURITY_STATUS identify_package(const SecBufferDesc *input, void **info, BOOL unicode)
{
    if (!input || !info || (input->cBuffers && !input->pBuffers)) return SEC_E_INVALID_PARAMETER;
    return profile_info(identify(input), info, unicode);
}

SECURITY_STATUS WINAPI SaslIdentifyPackageW(SecBufferDesc *input, SecPkgInfoW **info)
{
    TRACE("%p %p\n", input, info);
    return identify_package(input, (void **)info, TRUE);
}

SECURITY_STATUS WINAPI SaslIdentifyPackageA(SecBufferDesc *input, SecPkgInfoA **info)
{
    TRACE("%p %p\n", input, info);
    return identify_package(input, (void **)info, FALSE);
}
