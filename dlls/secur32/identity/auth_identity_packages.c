/*
 * SspiExcludePackage: a copy of an identity whose package list (the comma-separated list
 * Negotiate reads, "!name" excluding a package) also excludes the named package.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

static BOOL names_package(const WCHAR *entry, size_t len, const WCHAR *package)
{
    if (len && *entry == '!')
    {
        entry++;
        len--;
    }
    return len == wcslen(package) && !wcsnicmp(entry, package, len);
}

/* The old entries but those naming the package, then "!package". */
static WCHAR *exclude_from_list(const WCHAR *list, const WCHAR *package)
{
    size_t size = (list ? wcslen(list) : 0) + wcslen(package) + 3;
    const WCHAR *entry, *end;
    WCHAR *out;

    if (!(out = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, size * sizeof(WCHAR)))) return NULL;
    for (entry = list; entry && *entry; entry = *end ? end + 1 : end)
    {
        if (!(end = wcschr(entry, ','))) end = entry + wcslen(entry);
        if (end == entry || names_package(entry, end - entry, package)) continue;
        wcsncat(out, entry, end - entry);
        wcscat(out, L",");
    }
    wcscat(out, L"!");
    wcscat(out, package);
    return out;
}

static char *list_to_ansi(const WCHAR *list)
{
    int len = WideCharToMultiByte(CP_ACP, 0, list, -1, NULL, 0, NULL, NULL);
    char *out;

    if ((out = LocalAlloc(LMEM_FIXED, len))) WideCharToMultiByte(CP_ACP, 0, list, -1, out, len, NULL, NULL);
    return out;
}

SECURITY_STATUS SEC_ENTRY SspiExcludePackage(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity, PCWSTR package,
                                             PSEC_WINNT_AUTH_IDENTITY_OPAQUE *new_identity)
{
    WCHAR *old_list = NULL, *list = NULL;
    char *list_a = NULL;
    struct identity_view view;
    SECURITY_STATUS status = SEC_E_INSUFFICIENT_MEMORY;

    TRACE("%p %s %p\n", identity, dbgstr_w(package), new_identity);
    if (!identity || !package || !*package || wcschr(package, ',') || !new_identity)
        return SEC_E_INVALID_PARAMETER;
    if (!identity_view_of(identity, &view)) return SEC_E_INVALID_TOKEN;
    if (view.form == IDENTITY_EX2) return SEC_E_UNSUPPORTED_FUNCTION;
    if ((!view.packages || (old_list = identity_string_w(view.packages, view.packages_len, view.ansi))) &&
        (list = exclude_from_list(old_list, package)) && (!view.ansi || (list_a = list_to_ansi(list))))
    {
        view.form = IDENTITY_EX;
        view.packages = view.ansi ? (void *)list_a : (void *)list;
        view.packages_len = view.ansi ? strlen(list_a) : wcslen(list);
        status = identity_build(&view, new_identity);
    }
    SspiLocalFree(old_list);
    SspiLocalFree(list);
    SspiLocalFree(list_a);
    return status;
}
