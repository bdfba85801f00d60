/*
 * Negotiate's CallPackage, reached with package id 0: NegGetCallerName, which .NET's
 * System.DirectoryServices asks for the caller's SAM-compatible name.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include <secext.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(negotiate);

/* The response and its string in one buffer LsaFreeReturnBuffer frees. */
static NTSTATUS get_caller_name(NEGOTIATE_CALLER_NAME_REQUEST *req, void **out, ULONG *out_size)
{
    NEGOTIATE_CALLER_NAME_RESPONSE *resp;
    ULONG len = 0, size;
    LUID own;

    /* A zero logon id is the caller's own session; another session is not ours to name. */
    if ((req->LogonId.LowPart || req->LogonId.HighPart) &&
        (!lsa_own_logon_id(&own) || own.LowPart != req->LogonId.LowPart || own.HighPart != req->LogonId.HighPart))
        return STATUS_NO_SUCH_LOGON_SESSION;
    GetUserNameExW(NameSamCompatible, NULL, &len);
    if (!len) return STATUS_NO_SUCH_LOGON_SESSION;
    size = sizeof(*resp) + len * sizeof(WCHAR);
    if (!(resp = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size))) return STATUS_NO_MEMORY;
    resp->MessageType = NegGetCallerName;
    resp->CallerName = (WCHAR *)(resp + 1);
    if (!GetUserNameExW(NameSamCompatible, resp->CallerName, &len))
    {
        lsa_heap_free(resp);
        return STATUS_NO_SUCH_LOGON_SESSION;
    }
    *out = resp;
    *out_size = size;
    return STATUS_SUCCESS;
}

NTSTATUS negotiate_call_package(void *in, ULONG in_size, void **out, ULONG *out_size, NTSTATUS *protocol_status)
{
    ULONG type;

    if (!in || in_size < sizeof(ULONG)) return STATUS_INVALID_PARAMETER;
    type = *(ULONG *)in;
    switch (type)
    {
    case NegGetCallerName:
        if (in_size < sizeof(NEGOTIATE_CALLER_NAME_REQUEST)) return STATUS_INVALID_PARAMETER;
        return *protocol_status = get_caller_name(in, out, out_size);
    default:
        FIXME("message type %lu not supported\n", type);
        return STATUS_NOT_SUPPORTED;
    }
}
