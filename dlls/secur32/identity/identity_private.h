/*
 * Names and identities: GetUserNameEx, GetComputerObjectName, TranslateName and the Sspi* helpers
 * for authentication identities.  Nothing here touches a package or a handle.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef IDENTITY_PRIVATE_H
#define IDENTITY_PRIVATE_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <secext.h>

#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((SECURITY_STATUS)0xC000000D)
#endif

/* account_names.c: the formats EXTENDED_NAME_FORMAT defines, and the names a machine outside a
 * domain can give.  Each returns a Win32 error; *name is a process-heap string on success. */
BOOL name_format_is_valid(EXTENDED_NAME_FORMAT format);
DWORD name_of_token_user(PSID *sid);
DWORD name_sam_compatible(PSID sid, WCHAR **name);
DWORD name_display(PSID sid, WCHAR **name);
void name_free(WCHAR *name);

/* How a function hands a name back: the error for a short buffer, whether the count on success
 * includes the terminator, and whether a NULL buffer with a zero size is a successful size query. */
struct name_style
{
    DWORD short_buffer_error;
    BOOL success_counts_terminator;
    BOOL size_query_succeeds;
};
/* Copies NAME out (converted when ANSI) or sets ERROR, then frees NAME. */
BOOLEAN name_return(const struct name_style *style, DWORD error, WCHAR *name, void *buffer, ULONG *size,
                    BOOL ansi);
/* The A and W forms of a function that names something in one format. */
BOOLEAN name_query(const struct name_style *style, DWORD (*get)(EXTENDED_NAME_FORMAT, WCHAR **),
                   EXTENDED_NAME_FORMAT format, void *buffer, ULONG *size, BOOL ansi);

/* auth_identity.c: every form of identity a caller may hand in (SEC_WINNT_AUTH_IDENTITY_A/W,
 * _EXA/_EXW, _EX2), seen the same way.  Lengths are in characters of the identity's width. */
enum identity_form { IDENTITY_PLAIN, IDENTITY_EX, IDENTITY_EX2 };

struct identity_view
{
    enum identity_form form;
    BOOL ansi;
    BOOL ours;              /* one block laid out by identity_build */
    const void *user, *domain, *password, *packages;
    ULONG user_len, domain_len, password_len, packages_len;
    /* The bytes the password occupies: in our blocks its characters and terminator padded to
     * CryptProtectMemory's block size (so it can be encrypted in place), else its characters. */
    ULONG password_bytes;
    ULONG flags;
};

/* FALSE for NULL and for a structure whose fields contradict each other. */
BOOL identity_view_of(const void *identity, struct identity_view *view);
/* A new identity of the view's width in one LocalAlloc block (SspiFreeAuthIdentity frees it):
 * the _EX structure, then each present string with its terminator; flags gain MARSHALLED. */
SECURITY_STATUS identity_build(const struct identity_view *view, void **identity);
/* A copy of an _EX2 identity, as one LocalAlloc block. */
SECURITY_STATUS identity_copy_ex2(const SEC_WINNT_AUTH_IDENTITY_EX2 *ex2, ULONG size, void **identity);
/* A LocalAlloc'd copy of COUNT characters as a wide string, or NULL. */
WCHAR *identity_string_w(const void *str, ULONG count, BOOL ansi);

#endif /* IDENTITY_PRIVATE_H */
