/*
 * Authentication identities: one view of every form a caller may pass, the single-block identities
 * the Sspi* functions hand out, and their copy, wipe, free and validation.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include <dpapi.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

static ULONG char_size(BOOL ansi)
{
    return ansi ? sizeof(char) : sizeof(WCHAR);
}

static ULONG round_to_block(ULONG bytes)
{
    return (bytes + CRYPTPROTECTMEMORY_BLOCK_SIZE - 1) & ~(CRYPTPROTECTMEMORY_BLOCK_SIZE - 1);
}

/* The layout identity_build gives each string: absent ones take no room. */
static ULONG string_room(const void *str, ULONG len, BOOL ansi)
{
    return str ? (len + 1) * char_size(ansi) : 0;
}

static ULONG password_room(const void *str, ULONG len, BOOL ansi)
{
    return str ? round_to_block((len + 1) * char_size(ansi)) : 0;
}

static BOOL string_is_valid(const void *str, ULONG len)
{
    return str || !len;
}

static BOOL in_structure(ULONG offset, ULONG len, ULONG size)
{
    return !len || (offset <= size && len <= size - offset);
}

static BOOL view_of_ex2(const SEC_WINNT_AUTH_IDENTITY_EX2 *ex2, struct identity_view *view)
{
    const BYTE *base = (const BYTE *)ex2;
    ULONG size = ex2->cbStructureLength;

    if (ex2->cbHeaderLength < sizeof(*ex2) || size < ex2->cbHeaderLength) return FALSE;
    if (!in_structure(ex2->UserOffset, ex2->UserLength, size) ||
        !in_structure(ex2->DomainOffset, ex2->DomainLength, size) ||
        !in_structure(ex2->PackedCredentialsOffset, ex2->PackedCredentialsLength, size) ||
        !in_structure(ex2->PackageListOffset, ex2->PackageListLength, size))
        return FALSE;
    view->form = IDENTITY_EX2;
    view->flags = ex2->Flags;
    if (ex2->UserLength) view->user = base + ex2->UserOffset;
    if (ex2->DomainLength) view->domain = base + ex2->DomainOffset;
    if (ex2->PackageListLength) view->packages = base + ex2->PackageListOffset;
    view->user_len = ex2->UserLength / sizeof(WCHAR);
    view->domain_len = ex2->DomainLength / sizeof(WCHAR);
    view->packages_len = ex2->PackageListLength / sizeof(WCHAR);
    /* The packed credentials stay opaque: no password is seen through this view. */
    return TRUE;
}

/* Ours when every present string sits where identity_build puts it. */
static BOOL laid_out_by_us(const void *identity, const struct identity_view *view)
{
    const BYTE *next = (const BYTE *)identity + sizeof(SEC_WINNT_AUTH_IDENTITY_EXW);

    if (view->form != IDENTITY_EX || !(view->flags & SEC_WINNT_AUTH_IDENTITY_MARSHALLED)) return FALSE;
    if (view->user && view->user != next) return FALSE;
    next += string_room(view->user, view->user_len, view->ansi);
    if (view->domain && view->domain != next) return FALSE;
    next += string_room(view->domain, view->domain_len, view->ansi);
    if (view->password && view->password != next) return FALSE;
    next += password_room(view->password, view->password_len, view->ansi);
    return !view->packages || view->packages == next;
}

/* The fields every form but _EX2 has, under the same names. */
#define VIEW_STRINGS(view, id) do { \
        (view)->user = (id)->User; (view)->user_len = (id)->UserLength; \
        (view)->domain = (id)->Domain; (view)->domain_len = (id)->DomainLength; \
        (view)->password = (id)->Password; (view)->password_len = (id)->PasswordLength; \
        (view)->flags = (id)->Flags; \
    } while (0)

BOOL identity_view_of(const void *identity, struct identity_view *view)
{
    const SEC_WINNT_AUTH_IDENTITY_EXW *ex = identity;
    const SEC_WINNT_AUTH_IDENTITY_W *plain = identity;

    memset(view, 0, sizeof(*view));
    if (!identity) return FALSE;
    if (ex->Version == SEC_WINNT_AUTH_IDENTITY_VERSION_2) return view_of_ex2(identity, view);
    if (ex->Version == SEC_WINNT_AUTH_IDENTITY_VERSION)
    {
        /* _EXA and _EXW have the same layout. */
        if (ex->Length != sizeof(*ex)) return FALSE;
        view->form = IDENTITY_EX;
        VIEW_STRINGS(view, ex);
        view->packages = ex->PackageList;
        view->packages_len = ex->PackageListLength;
    }
    else
    {
        view->form = IDENTITY_PLAIN;
        VIEW_STRINGS(view, plain);
    }
    switch (view->flags & (SEC_WINNT_AUTH_IDENTITY_ANSI | SEC_WINNT_AUTH_IDENTITY_UNICODE))
    {
    case SEC_WINNT_AUTH_IDENTITY_ANSI: view->ansi = TRUE; break;
    case SEC_WINNT_AUTH_IDENTITY_UNICODE: break;
    default: return FALSE;
    }
    if (!string_is_valid(view->user, view->user_len) || !string_is_valid(view->domain, view->domain_len) ||
        !string_is_valid(view->password, view->password_len) ||
        !string_is_valid(view->packages, view->packages_len))
        return FALSE;
    view->ours = laid_out_by_us(identity, view);
    view->password_bytes = view->ours ? password_room(view->password, view->password_len, view->ansi)
                                      : view->password_len * char_size(view->ansi);
    return TRUE;
}

static BYTE *place_string(BYTE *next, const void *str, ULONG copy, ULONG room, void **field)
{
    if (!str) return next;
    memcpy(next, str, copy);
    *field = next;
    return next + room;
}

SECURITY_STATUS identity_build(const struct identity_view *view, void **identity)
{
    ULONG cs = char_size(view->ansi), user = string_room(view->user, view->user_len, view->ansi),
          domain = string_room(view->domain, view->domain_len, view->ansi),
          password = password_room(view->password, view->password_len, view->ansi),
          packages = string_room(view->packages, view->packages_len, view->ansi);
    SEC_WINNT_AUTH_IDENTITY_EXW *ex;
    BYTE *next;

    if (!(ex = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, sizeof(*ex) + user + domain + password + packages)))
        return SEC_E_INSUFFICIENT_MEMORY;
    ex->Version = SEC_WINNT_AUTH_IDENTITY_VERSION;
    ex->Length = sizeof(*ex);
    ex->UserLength = view->user_len;
    ex->DomainLength = view->domain_len;
    ex->PasswordLength = view->password_len;
    ex->PackageListLength = view->packages_len;
    ex->Flags = view->flags | SEC_WINNT_AUTH_IDENTITY_MARSHALLED;
    next = (BYTE *)(ex + 1);
    next = place_string(next, view->user, view->user_len * cs, user, (void **)&ex->User);
    next = place_string(next, view->domain, view->domain_len * cs, domain, (void **)&ex->Domain);
    /* An encrypted password is copied whole, padding included. */
    next = place_string(next, view->password, min(view->password_bytes, password), password,
                        (void **)&ex->Password);
    place_string(next, view->packages, view->packages_len * cs, packages,
                 (void **)&ex->PackageList);
    *identity = ex;
    return SEC_E_OK;
}

SECURITY_STATUS identity_copy_ex2(const SEC_WINNT_AUTH_IDENTITY_EX2 *ex2, ULONG size, void **identity)
{
    if (!(*identity = LocalAlloc(LMEM_FIXED, size))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(*identity, ex2, size);
    return SEC_E_OK;
}

WCHAR *identity_string_w(const void *str, ULONG count, BOOL ansi)
{
    WCHAR *out;
    int len = ansi ? MultiByteToWideChar(CP_ACP, 0, str, count, NULL, 0) : count;

    if (!(out = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, (len + 1) * sizeof(WCHAR)))) return NULL;
    if (ansi) MultiByteToWideChar(CP_ACP, 0, str, count, out, len);
    else memcpy(out, str, count * sizeof(WCHAR));
    return out;
}

SECURITY_STATUS SEC_ENTRY SspiCopyAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity,
                                               PSEC_WINNT_AUTH_IDENTITY_OPAQUE *copy)
{
    struct identity_view view;

    TRACE("%p %p\n", identity, copy);
    if (!identity || !copy) return SEC_E_INVALID_PARAMETER;
    if (!identity_view_of(identity, &view)) return SEC_E_INVALID_TOKEN;
    if (view.form == IDENTITY_EX2)
        return identity_copy_ex2(identity, ((SEC_WINNT_AUTH_IDENTITY_EX2 *)identity)->cbStructureLength, copy);
    return identity_build(&view, copy);
}

/* Only blocks our functions made are ours to free; anything else is left alone, not freed. */
void SEC_ENTRY SspiFreeAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    struct identity_view view;

    TRACE("%p\n", identity);
    if (!identity) return;
    if (!identity_view_of(identity, &view) || (view.form != IDENTITY_EX2 && !view.ours))
    {
        WARN("%p was not made by an Sspi function\n", identity);
        return;
    }
    SspiLocalFree(identity);
}

void SEC_ENTRY SspiZeroAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    const SEC_WINNT_AUTH_IDENTITY_EX2 *ex2 = identity;
    struct identity_view view;

    TRACE("%p\n", identity);
    if (!identity_view_of(identity, &view)) return;
    if (view.form == IDENTITY_EX2)
        SecureZeroMemory((BYTE *)identity + ex2->PackedCredentialsOffset, ex2->PackedCredentialsLength);
    else if (view.password)
        SecureZeroMemory((void *)view.password, view.password_bytes);
}

SECURITY_STATUS SEC_ENTRY SspiValidateAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    struct identity_view view;

    TRACE("%p\n", identity);
    if (!identity) return SEC_E_INVALID_PARAMETER;
    return identity_view_of(identity, &view) ? SEC_E_OK : SEC_E_INVALID_TOKEN;
}

/* Everything the Sspi functions hand out may hold a secret: wiped before it goes back. */
void SEC_ENTRY SspiLocalFree(void *ptr)
{
    TRACE("%p\n", ptr);
    if (!ptr) return;
    SecureZeroMemory(ptr, LocalSize(ptr));
    LocalFree(ptr);
}
