/*
 * SspiPrepareForCredRead / SspiPrepareForCredWrite: what CredRead and CredWrite need for an
 * identity: a domain password credential (a domain certificate one when the password is a
 * marshaled certificate credential) named by the target, or else by DOMAIN\user.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include <wincred.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

/* DOMAIN\user, or user alone without a domain. */
static WCHAR *qualified_user(const struct identity_view *view)
{
    WCHAR *user = NULL, *domain = NULL, *out = NULL;

    if ((!view->user || (user = identity_string_w(view->user, view->user_len, view->ansi))) &&
        (!view->domain || (domain = identity_string_w(view->domain, view->domain_len, view->ansi))) &&
        (out = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT,
                          ((user ? wcslen(user) : 0) + (domain ? wcslen(domain) : 0) + 2) * sizeof(WCHAR))))
    {
        if (domain && *domain)
        {
            wcscpy(out, domain);
            wcscat(out, L"\\");
        }
        if (user) wcscat(out, user);
    }
    SspiLocalFree(user);
    SspiLocalFree(domain);
    return out;
}

static WCHAR *string_copy(const WCHAR *str)
{
    return identity_string_w(str, wcslen(str), FALSE);
}

static ULONG credential_type(const struct identity_view *view)
{
    WCHAR *password;
    ULONG type = CRED_TYPE_DOMAIN_PASSWORD;

    if (view->password && (password = identity_string_w(view->password, view->password_len, view->ansi)))
    {
        if (CredIsMarshaledCredentialW(password)) type = CRED_TYPE_DOMAIN_CERTIFICATE;
        SspiLocalFree(password);
    }
    return type;
}

/* Checks the identity and gives the credential's type, its target and the qualified user. */
static SECURITY_STATUS prepare(const void *identity, const WCHAR *target, struct identity_view *view,
                               ULONG *type, WCHAR **target_out, WCHAR **user_out)
{
    if (!identity_view_of(identity, view)) return SEC_E_INVALID_TOKEN;
    if (view->flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED) return STATUS_INVALID_PARAMETER;
    *user_out = qualified_user(view);
    *target_out = target ? string_copy(target) : *user_out ? string_copy(*user_out) : NULL;
    if (!*user_out || !*target_out)
    {
        SspiLocalFree(*user_out);
        SspiLocalFree(*target_out);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    *type = credential_type(view);
    return SEC_E_OK;
}

SECURITY_STATUS SEC_ENTRY SspiPrepareForCredRead(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity, PCWSTR target,
                                                 PULONG type, PCWSTR *target_out)
{
    struct identity_view view;
    SECURITY_STATUS status;
    WCHAR *user, *name;

    TRACE("%p %s %p %p\n", identity, dbgstr_w(target), type, target_out);
    if (!identity || !type || !target_out) return SEC_E_INVALID_PARAMETER;
    if ((status = prepare(identity, target, &view, type, &name, &user))) return status;
    SspiLocalFree(user);
    *target_out = name;
    return SEC_E_OK;
}

/* The blob is the password's characters without a terminator, as CredWrite stores it. */
SECURITY_STATUS SEC_ENTRY SspiPrepareForCredWrite(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity, PCWSTR target,
                                                  PULONG type, PCWSTR *target_out, PCWSTR *user_out,
                                                  PUCHAR *blob, PULONG blob_size)
{
    struct identity_view view;
    SECURITY_STATUS status;
    WCHAR *user, *name, *password = NULL;

    TRACE("%p %s %p %p %p %p %p\n", identity, dbgstr_w(target), type, target_out, user_out, blob, blob_size);
    if (!identity || !type || !target_out || !user_out || !blob || !blob_size) return SEC_E_INVALID_PARAMETER;
    if ((status = prepare(identity, target, &view, type, &name, &user))) return status;
    if (view.password && !(password = identity_string_w(view.password, view.password_len, view.ansi)))
    {
        SspiLocalFree(user);
        SspiLocalFree(name);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    *target_out = name;
    *user_out = user;
    *blob = (UCHAR *)password;
    *blob_size = password ? wcslen(password) * sizeof(WCHAR) : 0;
    return SEC_E_OK;
}
