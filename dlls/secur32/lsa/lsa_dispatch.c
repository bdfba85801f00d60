/*
 * The LSA dispatch table the hosted packages call back into.  Here the "LSA" is this process:
 * the LSA heap and the client's buffers are both the process heap, so a client buffer the package
 * fills is what LsaCallAuthenticationPackage returns and LsaFreeReturnBuffer frees.  Logon
 * sessions and stored credentials belong to a real LSA, which a process cannot have.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static NTSTATUS NTAPI create_logon_session(LUID *logon_id)
{
    FIXME("%p: no LSA to hold logon sessions\n", logon_id);
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS NTAPI delete_logon_session(LUID *logon_id)
{
    FIXME("%p: no LSA to hold logon sessions\n", logon_id);
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS NTAPI add_credential(LUID *logon_id, ULONG package_id, LSA_STRING *key, LSA_STRING *credentials)
{
    FIXME("%p %lu: no LSA to store credentials\n", logon_id, package_id);
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS NTAPI get_credentials(LUID *logon_id, ULONG package_id, ULONG *context, BOOLEAN all,
                                      LSA_STRING *key, ULONG *key_length, LSA_STRING *credentials)
{
    FIXME("%p %lu: no LSA to store credentials\n", logon_id, package_id);
    return STATUS_NOT_IMPLEMENTED;
}

static NTSTATUS NTAPI delete_credential(LUID *logon_id, ULONG package_id, LSA_STRING *key)
{
    FIXME("%p %lu: no LSA to store credentials\n", logon_id, package_id);
    return STATUS_NOT_IMPLEMENTED;
}

static void * NTAPI heap_alloc(ULONG size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

/* Packages keep keys and passwords in this heap: wiped before it goes back. */
void lsa_heap_free(void *ptr)
{
    SIZE_T size;

    if (!ptr) return;
    if ((size = HeapSize(GetProcessHeap(), 0, ptr)) != (SIZE_T)-1) SecureZeroMemory(ptr, size);
    HeapFree(GetProcessHeap(), 0, ptr);
}

static void NTAPI heap_free(void *ptr)
{
    lsa_heap_free(ptr);
}

static NTSTATUS NTAPI allocate_client_buffer(PLSA_CLIENT_REQUEST request, ULONG size, void **ptr)
{
    if (!ptr) return STATUS_INVALID_PARAMETER;
    return (*ptr = heap_alloc(size)) ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

static NTSTATUS NTAPI free_client_buffer(PLSA_CLIENT_REQUEST request, void *ptr)
{
    lsa_heap_free(ptr);
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI copy_to_client_buffer(PLSA_CLIENT_REQUEST request, ULONG size, void *client, void *buffer)
{
    if (size && (!client || !buffer)) return STATUS_INVALID_PARAMETER;
    memcpy(client, buffer, size);
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI copy_from_client_buffer(PLSA_CLIENT_REQUEST request, ULONG size, void *buffer, void *client)
{
    if (size && (!client || !buffer)) return STATUS_INVALID_PARAMETER;
    memcpy(buffer, client, size);
    return STATUS_SUCCESS;
}

LSA_DISPATCH_TABLE lsa_dispatch_table =
{
    create_logon_session,
    delete_logon_session,
    add_credential,
    get_credentials,
    delete_credential,
    heap_alloc,
    heap_free,
    allocate_client_buffer,
    free_client_buffer,
    copy_to_client_buffer,
    copy_from_client_buffer,
};

static NTSTATUS NTAPI register_callback(ULONG id, PLSA_CALLBACK_FUNCTION callback)
{
    FIXME("%lu %p: no LSA to call back from\n", id, callback);
    return STATUS_NOT_IMPLEMENTED;
}

SECPKG_DLL_FUNCTIONS lsa_dll_functions =
{
    heap_alloc,
    heap_free,
    register_callback,
};
