/*
 * ChangeAccountPassword: routed to the named package (Negotiate: Kerberos, then NTLM) through the
 * ChangeAccountPassword of its LSA-mode table, which tables of SECPKG_INTERFACE_VERSION_2 and
 * later have.  Where no package can change it (Wine's msv1_0 and kerberos have none), the answer
 * is what Windows gives when no domain controller can be reached (docs/windows-behaviour.md).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

typedef NTSTATUS (NTAPI change_password_fn)(UNICODE_STRING *domain, UNICODE_STRING *account, UNICODE_STRING *old,
                                            UNICODE_STRING *new, BOOLEAN impersonating, SecBufferDesc *output);

/* mingw-w64's SECPKG_FUNCTION_TABLE ends where version 1's does; version 2 goes on with this. */
struct lsa_function_table_v2
{
    SECPKG_FUNCTION_TABLE v1;
    change_password_fn *ChangeAccountPassword;
};

static change_password_fn *package_change_password(const WCHAR *name)
{
    const struct lsa_package *package = lsa_find_package_w(name);

    if (!package || package->version < SECPKG_INTERFACE_VERSION_2) return NULL;
    return ((struct lsa_function_table_v2 *)package->lsa)->ChangeAccountPassword;
}

static void init_string(UNICODE_STRING *str, WCHAR *value)
{
    str->Buffer = value;
    str->Length = lstrlenW(value) * sizeof(WCHAR);
    str->MaximumLength = str->Length + sizeof(WCHAR);
}

/* The one SECBUFFER_CHANGE_PASS_RESPONSE buffer Microsoft documents. */
static BOOL valid_output(const SecBufferDesc *output)
{
    return output && output->cBuffers == 1 && output->pBuffers &&
           (output->pBuffers[0].BufferType & ~SECBUFFER_ATTRMASK) == SECBUFFER_CHANGE_PASS_RESPONSE;
}

SECURITY_STATUS WINAPI ChangeAccountPasswordW(WCHAR *package, WCHAR *domain, WCHAR *account, WCHAR *old,
                                              WCHAR *new, BOOLEAN impersonating, ULONG reserved,
                                              SecBufferDesc *output)
{
    static const WCHAR *const negotiated[] = { L"Kerberos", L"NTLM" };
    UNICODE_STRING domain_str, account_str, old_str, new_str;
    change_password_fn *change = NULL;
    unsigned i;

    TRACE("%s %s %s %d %lu %p\n", dbgstr_w(package), dbgstr_w(domain), dbgstr_w(account), impersonating,
          reserved, output);
    LSA_FORWARD(SECURITY_STATUS, ChangeAccountPasswordW, package, domain, account, old, new, impersonating,
                reserved, output);
    if (!package || !domain || !account || !old || !new || reserved || !valid_output(output))
        return SEC_E_INVALID_PARAMETER;
    if (!sspi_find_package(package)) return SEC_E_SECPKG_NOT_FOUND;
    /* Microsoft names the three packages that take it. */
    if (!lstrcmpiW(package, L"Negotiate"))
        for (i = 0; i < ARRAYSIZE(negotiated) && !change; i++) change = package_change_password(negotiated[i]);
    else if (!lstrcmpiW(package, L"Kerberos") || !lstrcmpiW(package, L"NTLM"))
        change = package_change_password(package);
    else return SEC_E_UNSUPPORTED_FUNCTION;
    if (!change)
    {
        WARN("no package can change %s\\%s's password without a domain controller\n", dbgstr_w(domain),
             dbgstr_w(account));
        return SEC_E_NO_AUTHENTICATING_AUTHORITY;
    }
    init_string(&domain_str, domain);
    init_string(&account_str, account);
    init_string(&old_str, old);
    init_string(&new_str, new);
    return change(&domain_str, &account_str, &old_str, &new_str, impersonating, output);
}

SECURITY_STATUS WINAPI ChangeAccountPasswordA(char *package, char *domain, char *account, char *old, char *new,
                                              BOOLEAN impersonating, ULONG reserved, SecBufferDesc *output)
{
    char *in[] = { package, domain, account, old, new };
    WCHAR *w[ARRAYSIZE(in)] = { 0 };
    SECURITY_STATUS status = SEC_E_OK;
    unsigned i;

    for (i = 0; i < ARRAYSIZE(in) && status == SEC_E_OK; i++)
        if (in[i] && !(w[i] = sspi_strdup_atow(in[i]))) status = SEC_E_INSUFFICIENT_MEMORY;
    if (status == SEC_E_OK) status = ChangeAccountPasswordW(w[0], w[1], w[2], w[3], w[4], impersonating, reserved, output);
    for (i = 0; i < ARRAYSIZE(w); i++)
    {
        if (w[i] && (i == 3 || i == 4)) SecureZeroMemory(w[i], lstrlenW(w[i]) * sizeof(WCHAR));
        sspi_free(w[i]);
    }
    return status;
}
