/*
 * SspiMarshalAuthIdentity / SspiUnmarshalAuthIdentity: an identity as one byte array, in Windows'
 * layout.  For the _EX forms: eleven ULONGs (version, header length, then offset and length in
 * characters of user, domain and password, the flags, offset and length of the package list),
 * the strings without terminators, and four zero bytes; an absent string has offset 0.  An _EX2
 * identity is its own structure followed by eight zero bytes.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

struct marshalled_string
{
    ULONG offset;
    ULONG length;
};

struct marshalled_identity
{
    ULONG version;
    ULONG length;
    struct marshalled_string user, domain, password;
    ULONG flags;
    struct marshalled_string packages;
};

#define MARSHALLED_EX_TRAILER  sizeof(DWORD)
#define MARSHALLED_EX2_TRAILER (2 * sizeof(DWORD))

static BYTE *marshal_string(BYTE *base, BYTE *next, const void *str, ULONG len, ULONG char_size,
                            struct marshalled_string *out)
{
    if (!str) return next;
    out->offset = next - base;
    out->length = len;
    memcpy(next, str, len * char_size);
    return next + len * char_size;
}

static SECURITY_STATUS marshal_ex(const struct identity_view *view, ULONG *length, char **bytes)
{
    ULONG cs = view->ansi ? sizeof(char) : sizeof(WCHAR);
    ULONG size = sizeof(struct marshalled_identity) + MARSHALLED_EX_TRAILER +
                 (view->user_len + view->domain_len + view->password_len + view->packages_len) * cs;
    struct marshalled_identity *out;
    BYTE *next;

    if (view->flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED) return STATUS_INVALID_PARAMETER;
    if (!(out = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, size))) return SEC_E_INSUFFICIENT_MEMORY;
    out->version = SEC_WINNT_AUTH_IDENTITY_VERSION;
    out->length = sizeof(*out);
    out->flags = view->flags;
    next = (BYTE *)(out + 1);
    next = marshal_string((BYTE *)out, next, view->user, view->user_len, cs, &out->user);
    next = marshal_string((BYTE *)out, next, view->domain, view->domain_len, cs, &out->domain);
    next = marshal_string((BYTE *)out, next, view->password, view->password_len, cs, &out->password);
    marshal_string((BYTE *)out, next, view->packages, view->packages_len, cs, &out->packages);
    *length = size;
    *bytes = (char *)out;
    return SEC_E_OK;
}

SECURITY_STATUS SEC_ENTRY SspiMarshalAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity, ULONG *length,
                                                  char **bytes)
{
    const SEC_WINNT_AUTH_IDENTITY_EX2 *ex2 = identity;
    struct identity_view view;
    char *out;

    TRACE("%p %p %p\n", identity, length, bytes);
    if (!identity || !length || !bytes) return SEC_E_INVALID_PARAMETER;
    if (!identity_view_of(identity, &view)) return SEC_E_INVALID_TOKEN;
    if (view.form != IDENTITY_EX2) return marshal_ex(&view, length, bytes);
    if (!(out = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, ex2->cbStructureLength + MARSHALLED_EX2_TRAILER)))
        return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(out, ex2, ex2->cbStructureLength);
    *length = ex2->cbStructureLength + MARSHALLED_EX2_TRAILER;
    *bytes = out;
    return SEC_E_OK;
}

static BOOL unmarshal_string(const char *bytes, ULONG size, const struct marshalled_string *in, ULONG char_size,
                             const void **str, ULONG *len)
{
    *str = NULL;
    *len = 0;
    if (!in->offset) return !in->length;
    if (in->offset > size || in->length > (size - in->offset) / char_size) return FALSE;
    *str = bytes + in->offset;
    *len = in->length;
    return TRUE;
}

static SECURITY_STATUS unmarshal_ex(const char *bytes, ULONG size, void **identity)
{
    struct identity_view view = { IDENTITY_EX };
    struct marshalled_identity in;
    ULONG cs;

    if (size < sizeof(in)) return SEC_E_INVALID_TOKEN;
    memcpy(&in, bytes, sizeof(in));
    switch (in.flags & (SEC_WINNT_AUTH_IDENTITY_ANSI | SEC_WINNT_AUTH_IDENTITY_UNICODE))
    {
    case SEC_WINNT_AUTH_IDENTITY_ANSI: view.ansi = TRUE; break;
    case SEC_WINNT_AUTH_IDENTITY_UNICODE: break;
    default: return SEC_E_INVALID_TOKEN;
    }
    cs = view.ansi ? sizeof(char) : sizeof(WCHAR);
    if (in.length != sizeof(in) || (in.flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED) ||
        !unmarshal_string(bytes, size, &in.user, cs, &view.user, &view.user_len) ||
        !unmarshal_string(bytes, size, &in.domain, cs, &view.domain, &view.domain_len) ||
        !unmarshal_string(bytes, size, &in.password, cs, &view.password, &view.password_len) ||
        !unmarshal_string(bytes, size, &in.packages, cs, &view.packages, &view.packages_len))
        return SEC_E_INVALID_TOKEN;
    view.flags = in.flags;
    view.password_bytes = view.password_len * cs;
    return identity_build(&view, identity);
}

SECURITY_STATUS SEC_ENTRY SspiUnmarshalAuthIdentity(ULONG length, char *bytes, PSEC_WINNT_AUTH_IDENTITY_OPAQUE *identity)
{
    SEC_WINNT_AUTH_IDENTITY_EX2 ex2;
    struct identity_view view;
    ULONG version;

    TRACE("%lu %p %p\n", length, bytes, identity);
    if (!bytes || !identity) return SEC_E_INVALID_PARAMETER;
    if (length < sizeof(version)) return SEC_E_INVALID_TOKEN;
    memcpy(&version, bytes, sizeof(version));
    if (version == SEC_WINNT_AUTH_IDENTITY_VERSION) return unmarshal_ex(bytes, length, identity);
    if (version != SEC_WINNT_AUTH_IDENTITY_VERSION_2 || length < sizeof(ex2)) return SEC_E_INVALID_TOKEN;
    memcpy(&ex2, bytes, sizeof(ex2));
    if (ex2.cbStructureLength < sizeof(ex2) || ex2.cbStructureLength > length) return SEC_E_INVALID_TOKEN;
    /* The bytes may be unaligned: the structure is checked where it will live. */
    if (identity_copy_ex2((SEC_WINNT_AUTH_IDENTITY_EX2 *)bytes, ex2.cbStructureLength, identity))
        return SEC_E_INSUFFICIENT_MEMORY;
    if (identity_view_of(*identity, &view)) return SEC_E_OK;
    SspiLocalFree(*identity);
    *identity = NULL;
    return SEC_E_INVALID_TOKEN;
}
