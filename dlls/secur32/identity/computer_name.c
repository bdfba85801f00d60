/*
 * GetComputerObjectNameA/W: the computer's name as its domain's directory knows it.  A machine in
 * a workgroup has no such name; a member knows its SAM-compatible name (DOMAIN\MACHINE$) without
 * asking a domain controller, every other format needs one.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include <ntsecapi.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

static const struct name_style computer_name_style = { ERROR_INSUFFICIENT_BUFFER, FALSE, FALSE };

/* The NetBIOS name of the domain this machine is a member of, or NULL in a workgroup.  Wine reports
 * a domain SID with an empty name for its workgroup machines, so the name decides. */
static DWORD member_domain(WCHAR **domain)
{
    LSA_OBJECT_ATTRIBUTES attrs = { sizeof(attrs) };
    POLICY_DNS_DOMAIN_INFO *info;
    LSA_HANDLE policy;
    NTSTATUS status;
    DWORD error = ERROR_SUCCESS;

    *domain = NULL;
    if ((status = LsaOpenPolicy(NULL, &attrs, POLICY_VIEW_LOCAL_INFORMATION, &policy)))
        return LsaNtStatusToWinError(status);
    status = LsaQueryInformationPolicy(policy, PolicyDnsDomainInformation, (void **)&info);
    LsaClose(policy);
    if (status) return LsaNtStatusToWinError(status);
    if (info->Sid && info->Name.Length)
    {
        ULONG len = info->Name.Length / sizeof(WCHAR);

        if ((*domain = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR))))
        {
            memcpy(*domain, info->Name.Buffer, len * sizeof(WCHAR));
            (*domain)[len] = 0;
        }
        else error = ERROR_NOT_ENOUGH_MEMORY;
    }
    LsaFreeMemory(info);
    return error;
}

static DWORD computer_object_name(EXTENDED_NAME_FORMAT format, WCHAR **name)
{
    WCHAR computer[MAX_COMPUTERNAME_LENGTH + 1], *domain;
    DWORD error, len = ARRAYSIZE(computer);

    if (format == NameUnknown || !name_format_is_valid(format)) return ERROR_INVALID_PARAMETER;
    if ((error = member_domain(&domain))) return error;
    if (!domain || format != NameSamCompatible) error = ERROR_CANT_ACCESS_DOMAIN_INFO;
    else if (!GetComputerNameW(computer, &len)) error = GetLastError();
    else if (!(*name = HeapAlloc(GetProcessHeap(), 0, (wcslen(domain) + len + 3) * sizeof(WCHAR))))
        error = ERROR_NOT_ENOUGH_MEMORY;
    else
    {
        wcscpy(*name, domain);
        wcscat(*name, L"\\");
        wcscat(*name, computer);
        wcscat(*name, L"$");
    }
    TRACE("domain %s: %lu\n", dbgstr_w(domain), error);
    name_free(domain);
    return error;
}

BOOLEAN SEC_ENTRY GetComputerObjectNameW(EXTENDED_NAME_FORMAT format, WCHAR *buffer, ULONG *size)
{
    TRACE("%d %p %p\n", format, buffer, size);
    return name_query(&computer_name_style, computer_object_name, format, buffer, size, FALSE);
}

BOOLEAN SEC_ENTRY GetComputerObjectNameA(EXTENDED_NAME_FORMAT format, char *buffer, ULONG *size)
{
    TRACE("%d %p %p\n", format, buffer, size);
    return name_query(&computer_name_style, computer_object_name, format, buffer, size, TRUE);
}
