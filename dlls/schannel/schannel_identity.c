/*
 * SslGetServerIdentity: the server name a ClientHello asks for (its server_name extension,
 * RFC 6066), found in place.  The message is a TLS handshake record as it came from the client;
 * what the documentation leaves open is in docs/windows-behaviour.md.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include "byte_reader.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

SECURITY_STATUS WINAPI SslGetServerIdentity(BYTE *hello, DWORD size, BYTE **identity, DWORD *identity_size,
                                            DWORD flags);

/* The host_name of a server_name extension's list; FALSE when the list is malformed. */
static BOOL find_host_name(struct byte_reader ext, const BYTE **name, SIZE_T *len)
{
    struct byte_reader list, value;
    SIZE_T type;

    if (!reader_vector(&ext, 2, &list)) return FALSE;
    while (list.pos < list.end)
    {
        if (!reader_uint(&list, 1, &type) || !reader_vector(&list, 2, &value)) return FALSE;
        if (type == 0 /* host_name */)
        {
            *name = value.pos;
            *len = value.end - value.pos;
            return TRUE;
        }
    }
    return TRUE;
}

/* The body of a ClientHello up to its extensions, then the extensions. */
static SECURITY_STATUS parse_client_hello(struct byte_reader body, const BYTE **name, SIZE_T *len)
{
    struct byte_reader vector, extensions, ext;
    SIZE_T type;

    if (!reader_skip(&body, 2 + 32) || !reader_vector(&body, 1, &vector) || !reader_vector(&body, 2, &vector) ||
        !reader_vector(&body, 1, &vector))
        return SEC_E_ILLEGAL_MESSAGE;
    if (body.pos == body.end) return SEC_E_OK; /* no extensions at all */
    if (!reader_vector(&body, 2, &extensions)) return SEC_E_ILLEGAL_MESSAGE;
    while (extensions.pos < extensions.end)
    {
        if (!reader_uint(&extensions, 2, &type) || !reader_vector(&extensions, 2, &ext)) return SEC_E_ILLEGAL_MESSAGE;
        if (type == 0 /* server_name */) return find_host_name(ext, name, len) ? SEC_E_OK : SEC_E_ILLEGAL_MESSAGE;
    }
    return SEC_E_OK;
}

/* The record header and the handshake header; the whole ClientHello must be in the record. */
static SECURITY_STATUS parse_record(const BYTE *data, DWORD size, const BYTE **name, SIZE_T *len)
{
    struct byte_reader r = { data, data + size }, record, body;
    SIZE_T content_type, major, minor, hs_type;

    if (!reader_uint(&r, 1, &content_type)) return SEC_E_INCOMPLETE_MESSAGE;
    if (content_type != 22 /* handshake */) return SEC_E_ILLEGAL_MESSAGE;
    if (!reader_uint(&r, 1, &major)) return SEC_E_INCOMPLETE_MESSAGE;
    if (major != 3) return SEC_E_ILLEGAL_MESSAGE;
    if (!reader_uint(&r, 1, &minor)) return SEC_E_INCOMPLETE_MESSAGE;
    if (!reader_vector(&r, 2, &record)) return SEC_E_INCOMPLETE_MESSAGE;
    if (!reader_uint(&record, 1, &hs_type)) return SEC_E_ILLEGAL_MESSAGE;
    if (hs_type != 1 /* client_hello */) return SEC_E_ILLEGAL_MESSAGE;
    if (!reader_vector(&record, 3, &body)) return SEC_E_INCOMPLETE_MESSAGE; /* fragmented: not all here */
    return parse_client_hello(body, name, len);
}

SECURITY_STATUS WINAPI SslGetServerIdentity(BYTE *hello, DWORD size, BYTE **identity, DWORD *identity_size,
                                            DWORD flags)
{
    const BYTE *name = NULL;
    SIZE_T len = 0;
    SECURITY_STATUS status;

    TRACE("%p %lu %p %p %#lx\n", hello, size, identity, identity_size, flags);
    if (!hello || !identity || !identity_size || flags) return SEC_E_INVALID_PARAMETER;
    if ((status = parse_record(hello, size, &name, &len))) return status;
    *identity = (BYTE *)name;
    *identity_size = len;
    return SEC_E_OK;
}
