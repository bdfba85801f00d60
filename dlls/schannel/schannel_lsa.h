/*
 * schannel.dll as an LSA package: the SpLsaModeInitialize and SpUserModeInitialize tables.  Their
 * entries route to the Schannel package secur32.dll serves, through its SSPI functions, so a host
 * that loads this DLL gets the same package as every other caller of the process.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SCHANNEL_LSA_H
#define SCHANNEL_LSA_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <ntsecapi.h>
#include <ntsecpkg.h>

#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif

/* What an LSA_SEC_HANDLE of these tables points to: secur32's handle of the credential or context. */
struct lsa_object
{
    DWORD magic;
    SecHandle handle;
};

/* The SSPI handle behind HANDLE, or NULL when HANDLE is not one of ours. */
SecHandle *lsa_object_handle(LSA_SEC_HANDLE handle, DWORD magic);
#define LSA_CRED_MAGIC 0x43484353   /* "SCHC" */
#define LSA_CTXT_MAGIC 0x58484353   /* "SCHX" */

/* A table entry that calls secur32's CALL on the handle behind its first argument, HANDLE, when
 * that is a handle of kind MAGIC. */
#define LSA_ENTRY(name, magic, call, params, args) \
    NTSTATUS NTAPI name params \
    { \
        SecHandle *sspi = lsa_object_handle(handle, magic); \
        return sspi ? call args : SEC_E_INVALID_HANDLE; \
    }

/* QueryContextAttributes, an entry of both tables. */
NTSTATUS NTAPI schannel_query_context(LSA_SEC_HANDLE handle, ULONG attr, void *buffer);

/* What SpLsaModeInitialize and SpUserModeInitialize give: one table of the current interface. */
NTSTATUS schannel_give_table(ULONG *package_version, void **tables, ULONG *count, void *table);

#endif /* SCHANNEL_LSA_H */
