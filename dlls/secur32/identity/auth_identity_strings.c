/*
 * Identities to and from strings: SspiEncodeStringsAsAuthIdentity,
 * SspiEncodeAuthIdentityAsStrings, and SspiCompareAuthIdentities.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

SECURITY_STATUS SEC_ENTRY SspiEncodeStringsAsAuthIdentity(PCWSTR user, PCWSTR domain, PCWSTR password,
                                                          PSEC_WINNT_AUTH_IDENTITY_OPAQUE *identity)
{
    struct identity_view view = { IDENTITY_EX };

    TRACE("%s %s %p %p\n", dbgstr_w(user), dbgstr_w(domain), password, identity);
    if (!user && !domain && !password) return SEC_E_INVALID_TOKEN;
    if (!identity) return SEC_E_INVALID_PARAMETER;
    view.flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
    view.user = user;
    view.user_len = user ? wcslen(user) : 0;
    view.domain = domain;
    view.domain_len = domain ? wcslen(domain) : 0;
    view.password = password;
    view.password_len = password ? wcslen(password) : 0;
    view.password_bytes = view.password_len * sizeof(WCHAR);
    return identity_build(&view, identity);
}

static SECURITY_STATUS string_out(const void *str, ULONG len, BOOL ansi, PCWSTR *out)
{
    *out = NULL;
    if (!str) return SEC_E_OK;
    return (*out = identity_string_w(str, len, ansi)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

SECURITY_STATUS SEC_ENTRY SspiEncodeAuthIdentityAsStrings(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity, PCWSTR *user,
                                                          PCWSTR *domain, PCWSTR *password)
{
    struct identity_view view;
    SECURITY_STATUS status;

    TRACE("%p %p %p %p\n", identity, user, domain, password);
    if (!identity || !user || !domain || !password) return SEC_E_INVALID_PARAMETER;
    if (!identity_view_of(identity, &view)) return SEC_E_INVALID_TOKEN;
    if (view.flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED) return STATUS_INVALID_PARAMETER;
    *user = *domain = *password = NULL;
    if (!(status = string_out(view.user, view.user_len, view.ansi, user)) &&
        !(status = string_out(view.domain, view.domain_len, view.ansi, domain)) &&
        !(status = string_out(view.password, view.password_len, view.ansi, password)))
        return SEC_E_OK;
    SspiLocalFree((void *)*user);
    SspiLocalFree((void *)*domain);
    *user = *domain = NULL;
    return status;
}

static BOOL same_string(const void *a, ULONG a_len, BOOL a_ansi, const void *b, ULONG b_len, BOOL b_ansi,
                        BOOL ignore_case)
{
    WCHAR *a_w, *b_w;
    BOOL same;

    if (!a || !b) return !a == !b;
    a_w = identity_string_w(a, a_len, a_ansi);
    b_w = identity_string_w(b, b_len, b_ansi);
    same = a_w && b_w && !(ignore_case ? wcsicmp(a_w, b_w) : wcscmp(a_w, b_w));
    SspiLocalFree(a_w);
    SspiLocalFree(b_w);
    return same;
}

/* Encrypted passwords are compared as they are stored. */
static BOOL same_password(const struct identity_view *a, const struct identity_view *b)
{
    ULONG encrypted = SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED;

    if ((a->flags & encrypted) != (b->flags & encrypted)) return FALSE;
    if (!(a->flags & encrypted))
        return same_string(a->password, a->password_len, a->ansi, b->password, b->password_len, b->ansi, FALSE);
    return a->password_bytes == b->password_bytes && !memcmp(a->password, b->password, a->password_bytes);
}

/* The same user: user and domain names equal without regard to case (a NULL identity is the
 * caller's own logon on both sides); the same identity: the same user with the same password. */
SECURITY_STATUS SEC_ENTRY SspiCompareAuthIdentities(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity1,
                                                    PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity2,
                                                    PBOOLEAN same_user, PBOOLEAN same_identity)
{
    struct identity_view a, b;
    BOOL user, identity;

    TRACE("%p %p %p %p\n", identity1, identity2, same_user, same_identity);
    if (!identity1 || !identity2)
        user = identity = !identity1 && !identity2;
    else
    {
        if (!identity_view_of(identity1, &a) || !identity_view_of(identity2, &b)) return SEC_E_INVALID_TOKEN;
        user = same_string(a.user, a.user_len, a.ansi, b.user, b.user_len, b.ansi, TRUE) &&
               same_string(a.domain, a.domain_len, a.ansi, b.domain, b.domain_len, b.ansi, TRUE);
        identity = user && same_password(&a, &b);
    }
    if (same_user) *same_user = user;
    if (same_identity) *same_identity = identity;
    return SEC_E_OK;
}
