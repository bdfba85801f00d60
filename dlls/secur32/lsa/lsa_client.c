/*
 * The LSA client functions over the hosted packages: connections (LsaConnectUntrusted,
 * LsaRegisterLogonProcess), package ids (LsaLookupAuthenticationPackage: Negotiate is 0, the
 * loaded packages 1, 2, ...), LsaCallAuthenticationPackage to the package's CallPackage, and
 * LsaFreeReturnBuffer for what it returns.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

#define NEGOTIATE_PACKAGE_ID 0

/* A connection: trusted ones (a registered logon process) reach CallPackage, untrusted ones
 * CallPackageUntrusted, as in Windows' LSA. */
struct lsa_connection
{
    struct lsa_connection *next;
    BOOL trusted;
};

static SRWLOCK connections_lock = SRWLOCK_INIT;
static struct lsa_connection *connections;

static NTSTATUS open_connection(BOOL trusted, HANDLE *handle)
{
    struct lsa_connection *connection;

    if (!handle) return STATUS_INVALID_PARAMETER;
    lsa_load_packages();
    if (!(connection = sspi_alloc(sizeof(*connection)))) return STATUS_NO_MEMORY;
    connection->trusted = trusted;
    AcquireSRWLockExclusive(&connections_lock);
    connection->next = connections;
    connections = connection;
    ReleaseSRWLockExclusive(&connections_lock);
    *handle = connection;
    return STATUS_SUCCESS;
}

/* Whether HANDLE is a live connection, and if so whether it is trusted; REMOVE takes it out. */
static BOOL find_connection(HANDLE handle, BOOL remove, BOOL *trusted)
{
    struct lsa_connection **entry;
    BOOL found = FALSE;

    AcquireSRWLockExclusive(&connections_lock);
    for (entry = &connections; *entry; entry = &(*entry)->next)
    {
        if (*entry != handle) continue;
        found = TRUE;
        if (trusted) *trusted = (*entry)->trusted;
        if (remove) *entry = (*entry)->next;
        break;
    }
    ReleaseSRWLockExclusive(&connections_lock);
    return found;
}

NTSTATUS WINAPI LsaConnectUntrusted(HANDLE *handle)
{
    TRACE("%p\n", handle);
    LSA_FORWARD(NTSTATUS, LsaConnectUntrusted, handle);
    return open_connection(FALSE, handle);
}

/* A process is its own LSA here: registering as a logon process needs no privilege. */
NTSTATUS WINAPI LsaRegisterLogonProcess(LSA_STRING *name, HANDLE *handle, LSA_OPERATIONAL_MODE *mode)
{
    NTSTATUS status;

    TRACE("%s %p %p\n", name && name->Buffer ? dbgstr_a(name->Buffer) : "(null)", handle, mode);
    LSA_FORWARD(NTSTATUS, LsaRegisterLogonProcess, name, handle, mode);
    if (!name || !mode) return STATUS_INVALID_PARAMETER;
    if ((status = open_connection(TRUE, handle))) return status;
    *mode = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LsaDeregisterLogonProcess(HANDLE handle)
{
    TRACE("%p\n", handle);
    LSA_FORWARD(NTSTATUS, LsaDeregisterLogonProcess, handle);
    if (!find_connection(handle, TRUE, NULL)) return STATUS_INVALID_HANDLE;
    sspi_free(handle);
    return STATUS_SUCCESS;
}

static BOOL lsa_string_is(const LSA_STRING *str, const char *name)
{
    return str->Length == strlen(name) && !_strnicmp(str->Buffer, name, str->Length);
}

NTSTATUS WINAPI LsaLookupAuthenticationPackage(HANDLE handle, LSA_STRING *name, ULONG *id)
{
    const struct lsa_package *package;

    TRACE("%p %p %p\n", handle, name, id);
    LSA_FORWARD(NTSTATUS, LsaLookupAuthenticationPackage, handle, name, id);
    if (!find_connection(handle, FALSE, NULL)) return STATUS_INVALID_HANDLE;
    if (!name || !id || (name->Length && !name->Buffer)) return STATUS_INVALID_PARAMETER;
    if (lsa_string_is(name, "Negotiate") && negotiate_package_count)
    {
        *id = NEGOTIATE_PACKAGE_ID;
        return STATUS_SUCCESS;
    }
    /* msv1_0's LSA name is NTLM; Windows knows it by its authentication package name. */
    if (lsa_string_is(name, MSV1_0_PACKAGE_NAME)) package = lsa_find_package_a("NTLM", 4);
    else package = lsa_find_package_a(name->Buffer, name->Length);
    if (!package)
    {
        WARN("no package %.*s\n", name->Length, name->Buffer);
        return STATUS_NO_SUCH_PACKAGE;
    }
    *id = package->package_id;
    return STATUS_SUCCESS;
}

static const struct lsa_package *package_by_id(ULONG id)
{
    ULONG i;

    for (i = 0; i < lsa_package_count; i++) if (lsa_packages[i].package_id == id) return &lsa_packages[i];
    return NULL;
}

NTSTATUS WINAPI LsaCallAuthenticationPackage(HANDLE handle, ULONG id, void *in, ULONG in_size, void **out,
                                             ULONG *out_size, NTSTATUS *protocol_status)
{
    const struct lsa_package *package;
    PLSA_AP_CALL_PACKAGE call;
    NTSTATUS unused_status;
    void *unused_out;
    ULONG unused_size;
    BOOL trusted;

    TRACE("%p %lu %p %lu %p %p %p\n", handle, id, in, in_size, out, out_size, protocol_status);
    LSA_FORWARD(NTSTATUS, LsaCallAuthenticationPackage, handle, id, in, in_size, out, out_size, protocol_status);
    if (!find_connection(handle, FALSE, &trusted)) return STATUS_INVALID_HANDLE;
    if (!out) out = &unused_out;
    if (!out_size) out_size = &unused_size;
    if (!protocol_status) protocol_status = &unused_status;
    *out = NULL;
    *out_size = 0;
    *protocol_status = STATUS_SUCCESS;
    if (id == NEGOTIATE_PACKAGE_ID && negotiate_package_count)
        return negotiate_call_package(in, in_size, out, out_size, protocol_status);
    if (!(package = package_by_id(id))) return STATUS_NO_SUCH_PACKAGE;
    call = trusted && package->lsa->CallPackage ? package->lsa->CallPackage : package->lsa->CallPackageUntrusted;
    if (!call) return STATUS_NOT_SUPPORTED;
    /* The client's buffer is in this process: its base is the buffer itself. */
    return call(NULL, in, in, in_size, out, out_size, protocol_status);
}

/* A logon makes a token, which takes the LSA's SeCreateTokenPrivilege: a package hosted in this
 * process can check the password but not log the user on (docs/windows-behaviour.md). */
NTSTATUS WINAPI LsaLogonUser(HANDLE handle, LSA_STRING *origin, SECURITY_LOGON_TYPE type, ULONG id, void *auth,
                             ULONG auth_size, TOKEN_GROUPS *groups, TOKEN_SOURCE *source, void **profile,
                             ULONG *profile_size, LUID *logon_id, HANDLE *token, QUOTA_LIMITS *quotas,
                             NTSTATUS *sub_status)
{
    const struct lsa_package *package;

    TRACE("%p %p %d %lu %p %lu %p %p\n", handle, origin, type, id, auth, auth_size, groups, source);
    LSA_FORWARD(NTSTATUS, LsaLogonUser, handle, origin, type, id, auth, auth_size, groups, source, profile,
                profile_size, logon_id, token, quotas, sub_status);
    if (!find_connection(handle, FALSE, NULL)) return STATUS_INVALID_HANDLE;
    if (!origin || !source || !profile || !profile_size || !logon_id || !token || !quotas || !sub_status ||
        (auth_size && !auth))
        return STATUS_INVALID_PARAMETER;
    *profile = NULL;
    *profile_size = 0;
    *token = NULL;
    *sub_status = STATUS_SUCCESS;
    if (type < Interactive || type > CachedUnlock) return STATUS_INVALID_LOGON_TYPE;
    if (id == NEGOTIATE_PACKAGE_ID && negotiate_package_count) return STATUS_NOT_SUPPORTED;
    if (!(package = package_by_id(id))) return STATUS_NO_SUCH_PACKAGE;
    if (package->lsa->LogonUserEx2 || package->lsa->LogonUserEx || package->lsa->LogonUser)
        FIXME("%s has a logon, but no token can be made outside the LSA\n", dbgstr_w(package->info.Name));
    return STATUS_NOT_SUPPORTED;
}

NTSTATUS WINAPI LsaFreeReturnBuffer(void *buffer)
{
    TRACE("%p\n", buffer);
    LSA_FORWARD(NTSTATUS, LsaFreeReturnBuffer, buffer);
    lsa_heap_free(buffer);
    return STATUS_SUCCESS;
}
